#!/usr/bin/env node
// `npm run audit:verify -- <export.jsonl> (--jwks <file-or-url> | --no-signatures)`: verifies a signed audit export
// offline (hash chain, seq contiguity, checkpoint and header signatures). Needs `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist/libs/audit/src/verify-cli.js');
if (!existsSync(cli)) {
  process.stderr.write('audit:verify: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}
const { runVerifyCli } = await import(pathToFileURL(cli).href);
process.exitCode = await runVerifyCli(process.argv.slice(2));
