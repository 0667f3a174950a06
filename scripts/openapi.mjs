// The committed OpenAPI documents (openapi/gateway.json, openapi/admin.json), built from the apps'
// modules in Nest's preview mode: no server, database, Redis or upstream is needed.
//   npm run openapi            builds, then writes the documents
//   node scripts/openapi.mjs --check   exits 1 when a committed document differs from the code
// The drift test (test/openapi) imports openApiDocuments() from here, so both use one config.
import 'reflect-metadata';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '#core';
import { adminOpenApiDocument } from '#admin';
import { gatewayOpenApiDocument } from '#gateway';

export const OPENAPI_DIR = fileURLToPath(new URL('../openapi/', import.meta.url));

/**
 * The configuration the committed documents describe: every default (the utleggstrekk paths and
 * body model among them), APP_ENV=test so that the admin document exists.
 */
export function documentConfig() {
  return loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent' }, { needsDatabase: false });
}

/** File name → document text, as committed. */
export async function openApiDocuments(config = documentConfig()) {
  const text = (document) => `${JSON.stringify(document, null, 2)}\n`;
  return {
    'gateway.json': text(await gatewayOpenApiDocument(config)),
    'admin.json': text(await adminOpenApiDocument(config)),
  };
}

async function main(check) {
  const documents = await openApiDocuments();
  await mkdir(OPENAPI_DIR, { recursive: true });
  let drifted = false;
  for (const [name, text] of Object.entries(documents)) {
    const file = `${OPENAPI_DIR}${name}`;
    if (check) {
      const committed = await readFile(file, 'utf8').catch(() => '');
      if (committed !== text) {
        drifted = true;
        console.error(`openapi/${name} differs from the code: run npm run openapi`);
      }
    } else {
      await writeFile(file, text);
      console.log(`wrote openapi/${name}`);
    }
  }
  process.exitCode = drifted ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.includes('--check'));
