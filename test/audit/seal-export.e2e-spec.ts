import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { AuditWriter, type AuditEventInput, verifyExport } from '#audit';
import { createDataSourceOptions } from '#database';
import { type AdminClient, eventually, type OnboardingRig, startRig } from '../onboarding/support.js';

const A = '974760673';
const B = '971526920';
const run = promisify(execFile);

const lookup = (tenant: string, n: number, occurredAt: string): AuditEventInput => ({
  kind: 'gateway-request',
  tenantOrgnr: tenant,
  occurredAt: new Date(occurredAt),
  actor: { type: 'municipality', id: tenant },
  operation: 'inntekt.hent',
  legalBasis: 'vegtrafikkloven-38',
  purpose: 'innkreving-kommunale-krav',
  caseReference: `SAK-${n}`,
  decision: n % 3 === 0 ? 'deny' : 'allow',
  subject: '01029413157',
  httpStatus: 200,
  bytes: 100 + n,
  latencyMs: n,
});

describe('audit exports through admin and worker, verified offline', () => {
  let rig: OnboardingRig;
  let auditor: AdminClient;
  let observer: DataSource;
  let jwks: JSONWebKeySet;
  let dir: string;

  async function exportDone(body: object): Promise<{ id: string; content: string }> {
    const created = await auditor.post('/admin/v1/audit/exports', body);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'pending', requestedBy: expect.any(String) });
    const id = created.body.id as string;
    const done = await eventually(async () => {
      const status = await auditor.get(`/admin/v1/audit/exports/${id}`);
      expect(status.body.status).not.toBe('failed');
      return status.body.status === 'done' ? status.body : undefined;
    });
    const download = await auditor
      .get(`/admin/v1/audit/exports/${id}/download`)
      .buffer(true)
      .parse((res, callback) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        res.on('end', () => callback(null, data));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const content = download.body as string;
    expect(done.sha256).toBe((await import('node:crypto')).createHash('sha256').update(content).digest('hex'));
    return { id, content };
  }

  beforeAll(async () => {
    rig = await startRig({ worker: true, env: { AUDIT_SEAL_INTERVAL_MS: '300', AUDIT_CHECKPOINT_EVERY_EVENTS: '3' } });
    auditor = await rig.as('auditor');
    observer = await new DataSource(createDataSourceOptions(rig.context.config.database)).initialize();
    dir = await mkdtemp(join(tmpdir(), 'audit-export-'));
    const writer = rig.admin.get(AuditWriter);
    for (let n = 1; n <= 4; n++) await writer.record(lookup(A, n, `2025-06-0${n}T12:00:00Z`));
    for (let n = 5; n <= 9; n++) await writer.record(lookup(A, n, `2026-03-0${n}T12:00:00Z`));
    for (let n = 1; n <= 2; n++) await writer.record(lookup(B, n, `2026-03-0${n}T12:00:00Z`));
    await writer.record({
      kind: 'operator-action',
      tenantOrgnr: null,
      actor: { type: 'operator', id: 'op-1' },
      operation: 'terms.publish',
      decision: 'allow',
      details: { version: '2026-11' },
    });
    const keys = await auditor.get('/admin/v1/audit/signing-keys');
    expect(keys.status).toBe(200);
    jwks = keys.body;
    await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
  });

  afterAll(async () => {
    await observer?.destroy();
    await rig?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes the signing keys as a public JWKS', () => {
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: 'audit-test-only-1' }),
    ]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('seals events in the worker on its interval, without being asked', async () => {
    await eventually(async () => {
      const [{ unsealed }] = await observer.query(
        `SELECT count(*)::int AS unsealed FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)`,
      );
      return unsealed === 0 ? true : undefined;
    });
    const [{ checkpoints }] = await observer.query(
      `SELECT count(*)::int AS checkpoints FROM audit_checkpoints WHERE chain = $1`,
      [A],
    );
    expect(checkpoints).toBeGreaterThanOrEqual(1);
  });

  it("exports one tenant's chain as signed JSONL that verifies offline, and the CLI names a tampered event", async () => {
    const { id, content } = await exportDone({ tenant: A });
    const result = await verifyExport(content, { jwks });
    // Nine look-ups, and the export request itself: an operator action on this tenant's log.
    expect(result).toMatchObject({ ok: true, exportId: id, events: 10, signaturesChecked: true });
    const lines = content
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      type: 'header',
      filter: { tenant: A, from: null, to: null },
      sections: [{ chain: A, fromSeq: 1, toSeq: 10 }],
    });
    expect(lines.filter((line) => line.type === 'event').at(-1).event).toMatchObject({
      operation: 'audit.export.request',
      actorType: 'operator',
      details: { exportId: id },
    });
    expect(lines.at(-1)).toMatchObject({ type: 'checkpoint', chain: A, seq: 10 });
    // The subject is there only as HMAC + ciphertext.
    expect(content).not.toContain('01029413157');

    const good = join(dir, 'good.jsonl');
    await writeFile(good, content);
    const ok = await run(process.execPath, ['scripts/audit-verify.mjs', good, '--jwks', join(dir, 'jwks.json')]);
    expect(ok.stdout).toContain('OK: export');
    // Without keys it refuses unless told to skip the signatures.
    const unsigned = await run(process.execPath, ['scripts/audit-verify.mjs', good]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unsigned).toMatchObject({ code: 2, stderr: expect.stringContaining('--no-signatures') });
    expect((await run(process.execPath, ['scripts/audit-verify.mjs', good, '--no-signatures'])).stdout).toContain(
      'OK: export',
    );

    const tampered = lines.map((line) =>
      line.type === 'event' && line.seq === 5
        ? { ...line, event: { ...line.event, decision: 'allow', caseReference: 'SAK-X' } }
        : line,
    );
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, `${tampered.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const failure = await run(process.execPath, [
      'scripts/audit-verify.mjs',
      bad,
      '--jwks',
      join(dir, 'jwks.json'),
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `chain ${A}, seq 5, event id ${lines.find((line) => line.seq === 5 && line.type === 'event').event.id}`,
      ),
    });
  });

  it('exports a time range as a partial chain whose header carries the previous hash', async () => {
    const { content } = await exportDone({ tenant: A, from: '2026-01-01T00:00:00Z' });
    const result = await verifyExport(content, { jwks });
    const [header, first] = content
      .split('\n')
      .slice(0, 2)
      .map((line) => JSON.parse(line));
    // The 2025 look-ups (seq 1-4) are left out; the range runs to the newest event of 2026.
    expect(header.sections).toEqual([{ chain: A, fromSeq: 5, toSeq: expect.any(Number), prevHash: first.prevHash }]);
    expect(result).toMatchObject({ ok: true, events: header.sections[0].toSeq - 4 });
    expect(first.event.occurredAt).toBe('2026-03-05T12:00:00.000000Z');
    expect(first.prevHash).not.toBe('0'.repeat(64));
  });

  it('exports every chain when no tenant is given, and audits the export itself', async () => {
    const { id, content } = await exportDone({});
    const result = await verifyExport(content, { jwks });
    expect(result.ok && result.chains.map((chain) => chain.chain)).toEqual(expect.arrayContaining([A, B, 'platform']));
    const [action] = await observer.query(
      `SELECT actor_type, actor_role, operation, details FROM audit_events WHERE operation = 'audit.export.request' AND details->>'exportId' = $1`,
      [id],
    );
    expect(action).toMatchObject({ actor_type: 'operator', actor_role: 'auditor', details: { exportId: id } });
  });

  it('answers problem+json for a bad request, an unknown export, and a caller without the auditor role', async () => {
    expect((await auditor.post('/admin/v1/audit/exports', { tenant: '12345' })).body.code).toBe('invalid-request');
    expect((await auditor.post('/admin/v1/audit/exports', { tenant: '974760674' })).body.code).toBe('invalid-orgnr');
    expect(
      (await auditor.post('/admin/v1/audit/exports', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).body
        .code,
    ).toBe('invalid-request');
    const missing = await auditor.get('/admin/v1/audit/exports/00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.code]).toEqual([404, 'audit-export-not-found']);
    const viewer = await rig.as('viewer');
    const refused = await viewer.post('/admin/v1/audit/exports', {});
    expect([refused.status, refused.body.code]).toEqual([403, 'operator-role-missing']);
    expect((await viewer.get('/admin/v1/audit/signing-keys')).status).toBe(200);
  });
});
