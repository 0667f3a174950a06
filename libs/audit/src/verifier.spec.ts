import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import { canonicalJson, chainHash, type ChainRecord, GENESIS_HASH, linkRecords } from './chain.js';
import { CheckpointSigner, TEST_ONLY_SIGNING_JWK } from './checkpoint-signer.js';
import { type ExportSectionContent, renderExport } from './export-format.js';
import { verifyExport } from './verifier.js';

const TENANT = '974760673';

function record(id: number, tenant: string | null = TENANT): ChainRecord {
  return {
    id: String(id),
    occurredAt: `2026-11-30T10:00:0${id % 10}.123456Z`,
    recordedAt: `2026-11-30T10:00:0${id % 10}.223456Z`,
    kind: 'gateway-request',
    tenantOrgnr: tenant,
    actorType: 'municipality',
    actorId: tenant ?? 'operator-1',
    actorRole: null,
    supplierOrgnr: null,
    endUser: 'saksbehandler-1',
    operation: 'inntekt.hent-inntekter',
    legalBasis: 'vegtrafikkloven-38',
    purpose: 'innkreving-kommunale-krav',
    caseReference: `SAK-${id}`,
    decision: 'allow',
    reasonCode: null,
    reasons: [],
    policyVersion: 'p1',
    subjectHash: 'ab'.repeat(32),
    subjectKeyId: 'k1',
    subjectEncrypted: 'k1:AAAA',
    httpStatus: 200,
    upstreamStatus: 200,
    korrelasjonsid: `k-${id}`,
    correlationId: `c-${id}`,
    bytes: '1234',
    latencyMs: 42,
    incidentId: null,
    details: null,
  };
}

/** A chain of `count` events starting after `prevHash` at `fromSeq`, with checkpoints at the given seqs. */
async function section(
  signer: CheckpointSigner,
  chain: string,
  ids: number[],
  checkpointSeqs: number[],
  fromSeq = 1,
  prevHash = GENESIS_HASH,
): Promise<ExportSectionContent> {
  const records = ids.map((id) => record(id, chain === 'platform' ? null : chain));
  const links = linkRecords(fromSeq - 1, prevHash, records);
  const events = links.map((link, i) => ({
    seq: link.seq,
    prevHash: link.prevHash,
    hash: link.hash,
    record: records[i],
  }));
  const checkpoints = [];
  for (const seq of checkpointSeqs) {
    const hash = links[seq - fromSeq].hash;
    const sealedAt = '2026-11-30T10:01:00.000Z';
    checkpoints.push({ seq, hash, sealedAt, jws: await signer.signCheckpoint({ chain, seq, hash, sealedAt }) });
  }
  return { chain, fromSeq, toSeq: fromSeq + ids.length - 1, prevHash, events, checkpoints };
}

const META = {
  exportId: 'exp-1',
  createdAt: '2026-11-30T11:00:00.000Z',
  filter: { tenant: null, from: null, to: null },
};

type Line = Record<string, unknown> & { event?: Record<string, unknown> };
const lines = (text: string): Line[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
const text = (items: Line[]): string => `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;

describe('verifyExport', () => {
  let signer: CheckpointSigner;
  let jwks: JSONWebKeySet;
  let intact: string;
  let attackerSigner: CheckpointSigner;

  beforeAll(async () => {
    signer = await CheckpointSigner.fromJwk(TEST_ONLY_SIGNING_JWK);
    jwks = signer.jwks() as JSONWebKeySet;
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    // The attacker even reuses the real kid: only the signature can tell them apart.
    attackerSigner = await CheckpointSigner.fromJwk({
      ...(await exportJWK(privateKey)),
      kid: TEST_ONLY_SIGNING_JWK.kid,
    });
    intact = await renderExport(
      META,
      [await section(signer, TENANT, [1, 2, 4, 3, 5], [3, 5]), await section(signer, 'platform', [6, 7], [2])],
      signer,
    );
  });

  it('accepts an untouched export and reports what it covered', async () => {
    const result = await verifyExport(intact, { jwks });
    expect(result).toMatchObject({ ok: true, exportId: 'exp-1', events: 7, checkpoints: 3, signaturesChecked: true });
    if (result.ok)
      expect(result.chains.map((chain) => [chain.chain, chain.fromSeq, chain.toSeq, chain.events])).toEqual([
        [TENANT, 1, 5, 5],
        ['platform', 1, 2, 2],
      ]);
  });

  it('detects a changed field and names the event', async () => {
    const items = lines(intact);
    const target = items.find((item) => item.seq === 3 && item.type === 'event') as Line;
    (target.event as Record<string, unknown>).caseReference = 'SAK-999';
    expect(await verifyExport(text(items), { jwks })).toEqual({
      ok: false,
      line: 4,
      chain: TENANT,
      seq: 3,
      eventId: '4',
      reason: expect.stringContaining('hash does not match'),
    });
  });

  it('detects a deleted event', async () => {
    const items = lines(intact).filter((item) => !(item.type === 'event' && item.seq === 2 && item.chain === TENANT));
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      chain: TENANT,
      seq: 3,
      eventId: '4',
      reason: expect.stringContaining('seq 2 is missing'),
    });
  });

  it('detects a deleted event even when the later ones are renumbered', async () => {
    const items = lines(intact).filter((item) => !(item.type === 'event' && item.seq === 2 && item.chain === TENANT));
    for (const item of items)
      if (item.chain === TENANT && item.type === 'event' && (item.seq as number) > 2)
        item.seq = (item.seq as number) - 1;
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      seq: 2,
      eventId: '4',
      reason: expect.stringContaining('prevHash does not match'),
    });
  });

  it('detects a reordering', async () => {
    const items = lines(intact);
    const [a, b] = [
      items.findIndex((item) => item.seq === 1 && item.type === 'event'),
      items.findIndex((item) => item.seq === 2 && item.type === 'event'),
    ];
    [items[a], items[b]] = [items[b], items[a]];
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      line: 2,
      seq: 2,
      eventId: '2',
      reason: expect.stringContaining('seq 1 is missing'),
    });
  });

  it('detects swapped event contents under unchanged seq and hashes', async () => {
    const items = lines(intact);
    const [a, b] = [
      items.find((item) => item.seq === 1 && item.type === 'event'),
      items.find((item) => item.seq === 2 && item.type === 'event'),
    ] as Line[];
    [a.event, b.event] = [b.event, a.event];
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      seq: 1,
      eventId: '2',
      reason: expect.stringContaining('hash does not match'),
    });
  });

  it('detects a truncated tail', async () => {
    const items = lines(intact);
    const cut = items.filter(
      (item) => !(item.chain === 'platform') && !(item.chain === TENANT && (item.seq as number) >= 4),
    );
    expect(await verifyExport(text(cut), { jwks })).toMatchObject({
      ok: false,
      chain: TENANT,
      seq: 4,
      reason: expect.stringContaining('truncated'),
    });
  });

  it('detects a dropped final checkpoint (the tail cannot be vouched for)', async () => {
    const items = lines(intact).filter((item) => !(item.type === 'checkpoint' && item.chain === 'platform'));
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      chain: 'platform',
      seq: 2,
      reason: expect.stringContaining('no signed checkpoint'),
    });
  });

  it('detects a forged checkpoint signature', async () => {
    const items = lines(intact);
    const checkpoint = items.find((item) => item.type === 'checkpoint' && item.seq === 3) as Line;
    checkpoint.jws = await attackerSigner.signCheckpoint({
      chain: TENANT,
      seq: 3,
      hash: checkpoint.hash as string,
      sealedAt: checkpoint.sealedAt as string,
    });
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      chain: TENANT,
      seq: 3,
      reason: expect.stringContaining('signature is invalid'),
    });
  });

  it('detects a rewritten chain: re-hashing after a change cannot match the signed checkpoint', async () => {
    const items = lines(intact);
    const events = items.filter((item) => item.type === 'event' && item.chain === TENANT);
    (events[1].event as Record<string, unknown>).decision = 'deny';
    let prev = GENESIS_HASH;
    for (const item of events) {
      item.prevHash = prev;
      item.hash = chainHash(prev, item.event);
      prev = item.hash as string;
    }
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      chain: TENANT,
      seq: 3,
      reason: expect.stringContaining('differs from'),
    });
  });

  it('detects an altered header (a range made to start later)', async () => {
    const items = lines(intact);
    const sections = items[0].sections as Array<Record<string, unknown>>;
    sections[0].fromSeq = 2;
    sections[0].prevHash = items[1].hash;
    expect(await verifyExport(text([items[0], ...items.slice(2)]), { jwks })).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining('header differs'),
    });
  });

  it('verifies a partial range from the previous hash its header carries', async () => {
    const full = await section(signer, TENANT, [1, 2, 3, 4], []);
    const partial = await section(signer, TENANT, [3, 4], [4], 3, full.events[1].hash);
    const result = await verifyExport(await renderExport(META, [partial], signer), { jwks });
    expect(result).toMatchObject({ ok: true, events: 2 });
    expect(partial.events[1].hash).toBe(full.events[3].hash);
  });

  it('without keys checks the chain but says signatures were not verified', async () => {
    const items = lines(intact);
    const checkpoint = items.find((item) => item.type === 'checkpoint') as Line;
    checkpoint.jws = await attackerSigner.signCheckpoint({
      chain: TENANT,
      seq: 3,
      hash: checkpoint.hash as string,
      sealedAt: checkpoint.sealedAt as string,
    });
    expect(await verifyExport(text(items))).toMatchObject({ ok: true, signaturesChecked: false });
  });

  it('refuses a checkpoint signature presented as an export header', async () => {
    const items = lines(intact);
    const checkpoint = items.find((item) => item.type === 'checkpoint') as Line;
    items[0].jws = checkpoint.jws;
    expect(await verifyExport(text(items), { jwks })).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining('expected audit-export+jws'),
    });
  });

  it('rejects garbage lines with their line number', async () => {
    expect(await verifyExport('', { jwks })).toMatchObject({ ok: false, reason: expect.stringContaining('empty') });
    expect(await verifyExport(`${intact}not json\n`, { jwks })).toMatchObject({
      ok: false,
      line: 12,
      reason: 'the line is not JSON',
    });
    expect(canonicalJson(lines(intact)[0].sections)).toContain('"chain":"974760673"');
  });
});
