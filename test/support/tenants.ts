import { connect } from './db.js';
import { type Api, givenDeclaration, givenTenant } from './given.js';

export { CONTEXT_HEADERS } from './platform.js';

/**
 * A municipality with an active connection declaration, written straight into a test database
 * (givenTenant on a connection of its own). Kept for suites written before the builders.
 */
export async function seedActiveTenant(
  databaseUrl: string,
  orgnr: string,
  options: { apis?: string[]; legalBases?: string[]; environment?: 'test' | 'prod' } = {},
): Promise<void> {
  const db = await connect(databaseUrl);
  try {
    const declaration = { ...options, apis: options.apis as Api[] | undefined };
    // As before the builders: a tenant that exists already gets one more declaration.
    const { rowCount } = await db.query('SELECT 1 FROM tenants WHERE orgnr = $1', [orgnr]);
    if (rowCount) await givenDeclaration(db, orgnr, declaration);
    else await givenTenant(db, orgnr, { declaration });
  } finally {
    await db.end();
  }
}
