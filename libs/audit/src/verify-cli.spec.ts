import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChainRecord, GENESIS_HASH, linkRecords } from './chain.js';
import { CheckpointSigner, TEST_ONLY_SIGNING_JWK } from './checkpoint-signer.js';
import { renderExport } from './export-format.js';
import { runVerifyCli } from './verify-cli.js';

describe('audit:verify command line', () => {
  let dir: string;
  let good: string;
  let bad: string;
  let jwksFile: string;

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifyCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
    const signer = await CheckpointSigner.fromJwk(TEST_ONLY_SIGNING_JWK);
    const records = [1, 2, 3].map(
      (id) =>
        ({ id: String(id), tenantOrgnr: '974760673', operation: 'op', decision: 'allow' }) as unknown as ChainRecord,
    );
    const links = linkRecords(0, GENESIS_HASH, records);
    const sealedAt = '2026-11-30T10:00:00.000Z';
    const content = await renderExport(
      { exportId: 'e1', createdAt: sealedAt, filter: { tenant: '974760673', from: null, to: null } },
      [
        {
          chain: '974760673',
          fromSeq: 1,
          toSeq: 3,
          prevHash: GENESIS_HASH,
          events: links.map((link, i) => ({
            seq: link.seq,
            prevHash: link.prevHash,
            hash: link.hash,
            record: records[i],
          })),
          checkpoints: [
            {
              seq: 3,
              hash: links[2].hash,
              sealedAt,
              jws: await signer.signCheckpoint({ chain: '974760673', seq: 3, hash: links[2].hash, sealedAt }),
            },
          ],
        },
      ],
      signer,
    );
    good = join(dir, 'good.jsonl');
    bad = join(dir, 'bad.jsonl');
    jwksFile = join(dir, 'jwks.json');
    await writeFile(good, content);
    await writeFile(
      bad,
      content.replace(
        '"id":"2","tenantOrgnr":"974760673","operation":"op"',
        '"id":"2","tenantOrgnr":"974760673","operation":"changed"',
      ),
    );
    await writeFile(jwksFile, JSON.stringify(signer.jwks()));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 and summarises a valid export', async () => {
    const result = await run([good, '--jwks', jwksFile]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('OK: export e1: 3 events, 1 checkpoints');
    expect(result.err).toBe('');
  });

  it('exits 1 naming the first bad event (seq and id) and why', async () => {
    const result = await run([bad, '--jwks', jwksFile]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      "FAILED at line 3, chain 974760673, seq 2, event id 2: the hash does not match the event's fields (the event was changed)",
    );
  });

  it('refuses to verify without --jwks unless --no-signatures is given', async () => {
    const refused = await run([good]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('--no-signatures');
  });

  it('with --no-signatures checks hashes only and warns that signatures were not verified', async () => {
    const result = await run([good, '--no-signatures']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('signatures NOT verified');
    expect((await run([bad, '--no-signatures'])).code).toBe(1);
  });

  it('exits 2 on usage and I/O errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([good, '--jwks'])).code).toBe(2);
    expect((await run([join(dir, 'missing.jsonl')])).code).toBe(2);
  });
});
