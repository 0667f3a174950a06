import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { verifyExport } from './verifier.js';

const USAGE = 'usage: npm run audit:verify -- <export.jsonl> (--jwks <file-or-url> | --no-signatures)';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `npm run audit:verify -- <export.jsonl> (--jwks <file-or-url> | --no-signatures)`. Exit code 0
 * when the export verifies, 1 naming the first bad line/event and why, 2 on usage or I/O errors.
 * Without keys the signatures cannot be checked, so that must be asked for (--no-signatures):
 * a forged export with recomputed hashes would otherwise pass as OK.
 */
export async function runVerifyCli(args: string[], io: CliIo = processIo): Promise<number> {
  let file: string | undefined;
  let jwksSource: string | undefined;
  let noSignatures = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--jwks') jwksSource = args[++i];
    else if (args[i] === '--no-signatures') noSignatures = true;
    else if (args[i] === '--help' || args[i] === '-h') {
      io.out(USAGE);
      return 0;
    } else if (file === undefined && !args[i].startsWith('--')) file = args[i];
    else {
      io.err(USAGE);
      return 2;
    }
  }
  if (!file || (args.includes('--jwks') && !jwksSource)) {
    io.err(USAGE);
    return 2;
  }
  if (!jwksSource && !noSignatures) {
    io.err(
      "audit:verify: give --jwks <file-or-url> (the platform's /admin/v1/audit/signing-keys) to verify the signatures, or --no-signatures to check hashes and sequence only",
    );
    io.err(USAGE);
    return 2;
  }
  if (jwksSource && noSignatures) {
    io.err(USAGE);
    return 2;
  }
  let text: string;
  let jwks: JSONWebKeySet | undefined;
  try {
    text = await readFile(file, 'utf8');
    jwks = jwksSource ? await loadJwks(jwksSource) : undefined;
  } catch (error) {
    io.err(`audit:verify: ${(error as Error).message}`);
    return 2;
  }
  const result = await verifyExport(text, { jwks });
  if (!result.ok) {
    const where = [
      `line ${result.line}`,
      result.chain && `chain ${result.chain}`,
      result.seq !== undefined && `seq ${result.seq}`,
      result.eventId && `event id ${result.eventId}`,
    ]
      .filter(Boolean)
      .join(', ');
    io.err(`FAILED at ${where}: ${result.reason}`);
    return 1;
  }
  io.out(`OK: export ${result.exportId}: ${result.events} events, ${result.checkpoints} checkpoints`);
  for (const chain of result.chains)
    io.out(`  chain ${chain.chain}: seq ${chain.fromSeq}..${chain.toSeq}, last hash ${chain.lastHash}`);
  if (!result.signaturesChecked)
    io.err('WARNING: no --jwks given: hashes and sequence checked, signatures NOT verified');
  return 0;
}

async function loadJwks(source: string): Promise<JSONWebKeySet> {
  const raw = /^https?:\/\//.test(source) ? await fetchText(source) : await readFile(source, 'utf8');
  const parsed = JSON.parse(raw) as JSONWebKeySet;
  if (!Array.isArray(parsed.keys)) throw new Error(`${source} is not a JWKS (no "keys" array)`);
  return parsed;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.text();
}
