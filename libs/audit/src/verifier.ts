import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { canonicalJson, chainHash, isHash } from './chain.js';
import {
  CHECKPOINT_TYP,
  EXPORT_HEADER_TYP,
  type ExportHeaderPayload,
  type ExportSection,
  SIGNING_ALGORITHMS,
} from './checkpoint-signer.js';

/**
 * The offline verifier of an audit export (signed JSONL, see audit-exporter.ts for the line shapes). Pure
 * apart from signature checks: it recomputes every event's hash from its fields and its
 * predecessor, checks that seq runs without gaps from the header's range start to its end, and that
 * every checkpoint is validly signed and matches the chain. It stops at the first problem and names
 * the line, chain, seq and event id.
 */
export interface VerifyOptions {
  /** Public keys of the audit signing key; without them signatures are not checked (reported). */
  jwks?: JSONWebKeySet;
}

export interface VerifyFailure {
  ok: false;
  /** 1-based line of the export. */
  line: number;
  chain?: string;
  seq?: number;
  eventId?: string;
  reason: string;
}

export interface VerifySuccess {
  ok: true;
  exportId: string;
  events: number;
  checkpoints: number;
  chains: Array<ExportSection & { events: number; lastHash: string }>;
  signaturesChecked: boolean;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

class Bad extends Error {
  constructor(
    readonly reason: string,
    readonly where: { chain?: string; seq?: number; eventId?: string } = {},
  ) {
    super(reason);
  }
}

interface SectionState extends ExportSection {
  events: number;
  /** seq and hash of the last event read in this section. */
  seq: number;
  hash: string;
  hashes: Map<number, string>;
  lastCheckpointSeq: number;
}

type Line = Record<string, unknown>;

export async function verifyExport(text: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let lineNo = 0;
  try {
    const verifyJws = jwsVerifier(options.jwks);
    if (lines.length === 0) throw new Bad('the export is empty (no header line)');
    lineNo = 1;
    const header = parse(lines[0]);
    const payload = await checkHeader(header, verifyJws);
    const sections = payload.sections.map<SectionState>((section) => ({
      ...section,
      events: 0,
      seq: section.fromSeq - 1,
      hash: section.prevHash,
      hashes: new Map(),
      lastCheckpointSeq: 0,
    }));
    let index = 0;
    let checkpoints = 0;
    for (lineNo = 2; lineNo <= lines.length; lineNo++) {
      const line = parse(lines[lineNo - 1]);
      const chain = typeof line.chain === 'string' ? line.chain : undefined;
      // Sections come in header order; moving on means the previous one must be complete.
      while (index < sections.length && sections[index].chain !== chain) {
        finishSection(sections[index]);
        index++;
      }
      const section = sections[index];
      if (!section) throw new Bad(`line for chain ${String(chain)} is not in the header, or out of order`, { chain });
      if (line.type === 'event') checkEvent(section, line);
      else if (line.type === 'checkpoint') {
        await checkCheckpoint(section, line, verifyJws);
        checkpoints++;
      } else throw new Bad(`unknown line type ${JSON.stringify(line.type)}`, { chain });
    }
    lineNo = lines.length;
    for (; index < sections.length; index++) finishSection(sections[index]);
    return {
      ok: true,
      exportId: payload.exportId,
      events: sections.reduce((sum, section) => sum + section.events, 0),
      checkpoints,
      chains: sections.map(({ chain, fromSeq, toSeq, prevHash, events, hash }) => ({
        chain,
        fromSeq,
        toSeq,
        prevHash,
        events,
        lastHash: hash,
      })),
      signaturesChecked: options.jwks !== undefined,
    };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, line: lineNo, ...error.where, reason: error.reason };
    throw error;
  }
}

function parse(raw: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Bad('the line is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Bad('the line is not a JSON object');
  return value as Line;
}

type JwsVerifier = (jws: unknown, typ: string) => Promise<unknown>;

/** Checks a compact JWS (signature when keys are given, `typ` always) and returns its JSON payload. */
function jwsVerifier(jwks: JSONWebKeySet | undefined): JwsVerifier {
  const keys = jwks ? createLocalJWKSet(jwks) : undefined;
  return async (jws, typ) => {
    if (typeof jws !== 'string' || jws.split('.').length !== 3)
      throw new Bad('the signature is missing or not a compact JWS');
    let header;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      throw new Bad('the signature header is unreadable');
    }
    if (header.typ !== typ) throw new Bad(`the signature is of type ${String(header.typ)}, expected ${typ}`);
    let payload: Uint8Array;
    if (keys) {
      try {
        payload = (await compactVerify(jws, keys, { algorithms: [...SIGNING_ALGORITHMS] })).payload;
      } catch (error) {
        throw new Bad(`the signature is invalid (${(error as { code?: string }).code ?? (error as Error).name})`);
      }
    } else {
      payload = Buffer.from(jws.split('.')[1], 'base64url');
    }
    try {
      return JSON.parse(new TextDecoder().decode(payload));
    } catch {
      throw new Bad('the signed payload is not JSON');
    }
  };
}

async function checkHeader(line: Line, verifyJws: JwsVerifier): Promise<ExportHeaderPayload> {
  if (line.type !== 'header') throw new Bad('the first line must be the export header');
  const signed = (await verifyJws(line.jws, EXPORT_HEADER_TYP)) as ExportHeaderPayload;
  const stated: ExportHeaderPayload = {
    exportId: line.exportId as string,
    createdAt: line.createdAt as string,
    filter: line.filter as ExportHeaderPayload['filter'],
    sections: line.sections as ExportSection[],
  };
  if (canonicalJson(signed) !== canonicalJson(stated))
    throw new Bad('the header differs from what its signature covers');
  if (!Array.isArray(signed.sections)) throw new Bad('the header lists no sections');
  const seen = new Set<string>();
  for (const section of signed.sections) {
    const { chain, fromSeq, toSeq, prevHash } = section;
    if (typeof chain !== 'string' || seen.has(chain)) throw new Bad('the header lists a chain twice or without a name');
    if (!Number.isInteger(fromSeq) || !Number.isInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq || !isHash(prevHash)) {
      throw new Bad(`the header's range for chain ${chain} is malformed`, { chain });
    }
    seen.add(chain);
  }
  return signed;
}

function checkEvent(section: SectionState, line: Line): void {
  const event = line.event as Record<string, unknown> | undefined;
  const eventId = typeof event?.id === 'string' ? event.id : undefined;
  const seq = typeof line.seq === 'number' ? line.seq : undefined;
  const where = { chain: section.chain, seq, eventId };
  if (typeof event !== 'object' || event === null || eventId === undefined)
    throw new Bad('the event line has no event with an id', where);
  if (seq === undefined || !Number.isInteger(seq)) throw new Bad('the event line has no seq', where);
  const expected = section.seq + 1;
  if (seq !== expected) {
    throw new Bad(
      seq > expected
        ? `seq ${expected} is missing (an event was removed or moved)`
        : `seq ${seq} comes after seq ${section.seq} (events reordered or repeated)`,
      where,
    );
  }
  if (seq > section.toSeq) throw new Bad(`seq ${seq} is beyond the header's range end ${section.toSeq}`, where);
  if (line.prevHash !== section.hash)
    throw new Bad(
      "prevHash does not match the previous event's hash (an event was removed, added or reordered)",
      where,
    );
  if (chainHash(section.hash, event) !== line.hash)
    throw new Bad("the hash does not match the event's fields (the event was changed)", where);
  section.seq = seq;
  section.hash = line.hash;
  section.hashes.set(seq, line.hash);
  section.events++;
}

async function checkCheckpoint(section: SectionState, line: Line, verifyJws: JwsVerifier): Promise<void> {
  const seq = typeof line.seq === 'number' ? line.seq : undefined;
  const where = { chain: section.chain, seq };
  const signed = (await verifyJws(line.jws, CHECKPOINT_TYP).catch((error: unknown) => {
    if (error instanceof Bad) throw new Bad(`checkpoint: ${error.reason}`, where);
    throw error;
  })) as Record<string, unknown>;
  if (
    signed.chain !== section.chain ||
    signed.seq !== seq ||
    signed.hash !== line.hash ||
    signed.sealedAt !== line.sealedAt
  ) {
    throw new Bad('the checkpoint line differs from what its signature covers', where);
  }
  if (seq === undefined || !section.hashes.has(seq))
    throw new Bad(`the checkpoint at seq ${String(seq)} refers to an event not (yet) in this export`, where);
  if (section.hashes.get(seq) !== signed.hash)
    throw new Bad(
      `the chain's hash at seq ${seq} differs from the signed checkpoint (events before it were changed)`,
      where,
    );
  section.lastCheckpointSeq = Math.max(section.lastCheckpointSeq, seq);
}

/** A complete section ends at the header's `toSeq` with a signed checkpoint there (so truncation shows). */
function finishSection(section: SectionState): void {
  if (section.seq < section.toSeq) {
    throw new Bad(
      `the chain ends at seq ${section.seq} but the header says it runs to seq ${section.toSeq} (truncated)`,
      { chain: section.chain, seq: section.seq + 1 },
    );
  }
  if (section.lastCheckpointSeq !== section.toSeq) {
    throw new Bad(`no signed checkpoint covers the last event (seq ${section.toSeq})`, {
      chain: section.chain,
      seq: section.toSeq,
    });
  }
}
