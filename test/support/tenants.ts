import pg from 'pg';

export const CONTEXT_HEADERS = {
  'x-legal-basis': 'vegtrafikkloven-38',
  'x-purpose': 'innkreving-kommunale-krav',
  'x-case-reference': 'SAK-2026-0042',
  'x-end-user': 'saksbehandler-7',
};

const ALL_APIS = ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'];
const ALL_BASES = [
  'vegtrafikkloven-38',
  'eigedomsskattelova-27',
  'brann-og-eksplosjonsvernloven-28',
  'vass-og-avlopsanleggslova-6',
  'forurensningsloven-34',
];

/**
 * A municipality with an active connection declaration, written straight into a test database for
 * suites about the gateway's hot path (the admin API's own onboarding flow is tested in
 * test/onboarding). Notifies the gateways' policy state like the admin API does.
 */
export async function seedActiveTenant(
  databaseUrl: string,
  orgnr: string,
  options: { apis?: string[]; legalBases?: string[]; environment?: 'test' | 'prod' } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO terms_versions (version, published_at, effective_from, changelog, requires_resign)
       VALUES ('2026.1', '2026-01-01', '2026-01-01', 'First version', false) ON CONFLICT DO NOTHING`,
    );
    await client.query(`INSERT INTO tenants (orgnr, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      orgnr,
      `Kommune ${orgnr}`,
    ]);
    await client.query(
      `INSERT INTO declarations (tenant_orgnr, terms_version, signed_by, signed_at, document_sha256, environment, apis, legal_bases, existing_agreement, status, effective_from)
       VALUES ($1, '2026.1', 'Ordfører', '2026-01-02', repeat('a', 64), $2, $3, $4, true, 'active', '2026-01-02')`,
      [orgnr, options.environment ?? 'test', options.apis ?? ALL_APIS, options.legalBases ?? ALL_BASES],
    );
    await client.query(`SELECT pg_notify('delingsmegler_policy', $1)`, [orgnr]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
