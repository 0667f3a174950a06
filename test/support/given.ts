import type pg from 'pg';
import { notifyPolicyChange } from './db.js';

// Typed builders for the state a test starts from, written straight into its database: suites
// about the gateway's hot path need tenants in every state without walking the admin API's
// onboarding each time (that flow has its own tests in test/onboarding). Each builder notifies the
// gateways' policy state like the admin API does.

export type Api = 'inntekt' | 'summertskattegrunnlag' | 'utleggstrekk';
export const ALL_APIS: readonly Api[] = ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'];
export const ALL_LEGAL_BASES: readonly string[] = [
  'vegtrafikkloven-38',
  'eigedomsskattelova-27',
  'brann-og-eksplosjonsvernloven-28',
  'vass-og-avlopsanleggslova-6',
  'forurensningsloven-34',
];
/** The terms version the builders' declarations are signed under. */
export const BASE_TERMS = '2026.1';

export interface DeclarationSpec {
  /** `active` by default; any other state of the declaration lifecycle as stored. */
  status?: 'received' | 'forwarded' | 'approved' | 'active' | 'rejected' | 'suspended' | 'terminated';
  apis?: readonly Api[];
  legalBases?: readonly string[];
  environment?: 'test' | 'prod';
  /** Created (not requiring re-signing) when it does not exist. */
  termsVersion?: string;
}

export interface TenantSpec {
  name?: string;
  /** `active` by default. */
  status?: 'active' | 'terminated' | 'succeeded';
  /** The tenant it was merged into (status `succeeded`). */
  successor?: string;
  ratePerMinute?: number;
  /** Suppliers (fagsystem vendors) registered to call for it. */
  suppliers?: readonly string[];
  /** An operator's suspension of every API (`all`) or of some. */
  suspended?: 'all' | readonly Api[];
  /** Its connection declaration: active and covering every API and legal basis unless told; `null` for none. */
  declaration?: DeclarationSpec | null;
}

/** A tenant in the state `spec` describes (by default active, with an active declaration covering everything). */
export async function givenTenant(db: pg.Client, orgnr: string, spec: TenantSpec = {}): Promise<void> {
  await inTransaction(db, orgnr, async () => {
    await db.query(
      `INSERT INTO tenants (orgnr, name, status, successor_orgnr, succeeded_at, rate_per_minute)
       VALUES ($1, $2, $3, $4::char(9), CASE WHEN $4::char(9) IS NULL THEN NULL ELSE now() END, $5)`,
      [
        orgnr,
        spec.name ?? `Kommune ${orgnr}`,
        spec.status ?? 'active',
        spec.successor ?? null,
        spec.ratePerMinute ?? null,
      ],
    );
    for (const supplier of spec.suppliers ?? [])
      await db.query(
        `INSERT INTO tenant_suppliers (tenant_orgnr, supplier_orgnr, name) VALUES ($1, $2, 'Fagsystem AS')`,
        [orgnr, supplier],
      );
    if (spec.suspended === 'all') await suspend(db, orgnr, null);
    else for (const api of spec.suspended ?? []) await suspend(db, orgnr, api);
    if (spec.declaration !== null) await insertDeclaration(db, orgnr, spec.declaration ?? {});
  });
}

/** One more declaration for an existing tenant; returns its id. */
export async function givenDeclaration(db: pg.Client, orgnr: string, spec: DeclarationSpec = {}): Promise<string> {
  return inTransaction(db, orgnr, () => insertDeclaration(db, orgnr, spec));
}

/**
 * A new terms version in force from now. Returns how to take it away again: terms are shared by
 * every tenant of the database, so a test that adds one must remove it before the next test runs.
 */
export async function givenTermsVersion(
  db: pg.Client,
  version: string,
  spec: { requiresResign?: boolean } = {},
): Promise<{ remove(): Promise<void> }> {
  await inTransaction(db, '*', async () => {
    await db.query(
      `INSERT INTO terms_versions (version, published_at, effective_from, changelog, requires_resign)
       VALUES ($1, now(), now() - interval '1 minute', 'Test terms', $2)`,
      [version, spec.requiresResign ?? false],
    );
  });
  return {
    remove: () =>
      inTransaction(db, '*', async () => {
        await db.query('DELETE FROM terms_versions WHERE version = $1', [version]);
      }),
  };
}

async function insertDeclaration(db: pg.Client, orgnr: string, spec: DeclarationSpec): Promise<string> {
  const terms = spec.termsVersion ?? BASE_TERMS;
  await db.query(
    `INSERT INTO terms_versions (version, published_at, effective_from, changelog, requires_resign)
     VALUES ($1, '2026-01-01', '2026-01-01', 'First version', false) ON CONFLICT DO NOTHING`,
    [terms],
  );
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO declarations (tenant_orgnr, terms_version, signed_by, signed_at, document_sha256, environment, apis, legal_bases, existing_agreement, status, effective_from)
     VALUES ($1, $2, 'Ordfører', '2026-01-02', repeat('a', 64), $3, $4, $5, true, $6, '2026-01-02') RETURNING id`,
    [
      orgnr,
      terms,
      spec.environment ?? 'test',
      spec.apis ?? ALL_APIS,
      spec.legalBases ?? ALL_LEGAL_BASES,
      spec.status ?? 'active',
    ],
  );
  return rows[0].id;
}

async function suspend(db: pg.Client, orgnr: string, api: Api | null): Promise<void> {
  await db.query(
    `INSERT INTO tenant_suspensions (tenant_orgnr, api, reason, suspended_by) VALUES ($1, $2, 'incident', 'op')`,
    [orgnr, api],
  );
}

/** Runs `work` in one transaction that also tells the policy state `orgnr` (or, with '*', everything) changed. */
async function inTransaction<T>(db: pg.Client, orgnr: string, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const result = await work();
    await notifyPolicyChange(db, orgnr);
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
