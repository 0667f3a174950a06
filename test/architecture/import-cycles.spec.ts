import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';

/** scripts/check-import-cycles.mjs (in `npm run lint`), run over a small project of its own. */
const SCRIPT = join(process.cwd(), 'scripts/check-import-cycles.mjs');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  const config = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', types: [] }, include: ['.'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', imports: { '#b': './b.js' } }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });

describe('the import cycle check', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a cycle, through a #name and a type-only import, and names its files', () => {
    dir = project({
      'a.ts': "import type { B } from '#b';\nexport interface A { b?: B }\n",
      'b.ts':
        "import { c } from './c.js';\nimport type { A } from './a.js';\nexport interface B { a?: A; c: typeof c }\n",
      'c.ts': 'export const c = 1;\n',
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('import cycle among 2 files:\n  a.ts → b.ts\n  b.ts → a.ts\n');
    expect(result.stderr).not.toContain('c.ts →');
  });

  it('passes when the imports only go one way', () => {
    dir = project({
      'a.ts': "import type { B } from '#b';\nexport interface A { b?: B }\n",
      'b.ts': "import { c } from './c.js';\nexport interface B { c: typeof c }\n",
      'c.ts': 'export const c = 1;\n',
    });
    expect(check(dir)).toMatchObject({ status: 0, stderr: '' });
  });
});
