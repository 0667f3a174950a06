import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

/**
 * The map and the territory: the "who may import whom" table in docs/architecture.md is the one
 * place the allowed dependencies between packages are written down, and this test holds the code
 * to it exactly. Every `#name` import (package.json "imports") of every file in a package must be
 * allowed by its row, every allowed edge must be used, and the table must have no cycle. Relative
 * imports cannot leave a package (lint: house/imports-by-name), so the `#name` imports are all of
 * them. test/ may import anything and is not a row.
 */
const ROOT = process.cwd();
const DOC = 'docs/architecture.md';
const BEGIN = '<!-- allowed-imports:begin -->';
const END = '<!-- allowed-imports:end -->';

/** Package key of a repository path: `libs/core/…` → `core`, `apps/gateway/…` → `gateway`, `migrations/…` → `migrations`. */
function packageOf(path: string): string {
  const [top, name] = path.replace(/^\.\/(dist\/)?/, '').split('/');
  return top === 'libs' || top === 'apps' ? name : top;
}

function folderOf(name: string): string {
  for (const top of ['libs', 'apps']) {
    if (readdirSync(join(ROOT, top)).includes(name)) return join(top, name);
  }
  return name;
}

/** The table between the markers: `| package | may import |`, names in backticks, `—` for none. */
function allowedTable(): Map<string, Set<string>> {
  const text = readFileSync(join(ROOT, DOC), 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} has no ${BEGIN} … ${END} table`);
  const table = new Map<string, Set<string>>();
  for (const line of text.slice(start + BEGIN.length, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue; // header, separator, blank
    const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const [name] = names(cells[1]);
    if (table.has(name)) throw new Error(`${DOC}: ${name} has two rows`);
    table.set(name, new Set(names(cells[2])));
  }
  return table;
}

/** `#name` → the package it belongs to, from package.json "imports". */
function namedPackages(): Map<string, string> {
  const { imports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    imports: Record<string, string>;
  };
  return new Map(Object.entries(imports).map(([name, target]) => [name, packageOf(target)]));
}

function sourceFiles(folder: string): string[] {
  return (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .filter((file) => /\.(ts|mjs)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(folder, file));
}

/** Every module specifier of a file, static, re-exported and dynamic, as the TypeScript parser reads them. */
function specifiersOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles.map((imported) => imported.fileName);
}

/** What each package imports, by package, with one file that does it. */
function actualImports(packages: Iterable<string>, named: Map<string, string>) {
  const edges = new Map<string, Map<string, string>>();
  const undeclared: string[] = [];
  for (const name of packages) {
    const used = new Map<string, string>();
    for (const file of sourceFiles(folderOf(name))) {
      for (const specifier of specifiersOf(file).filter((spec) => spec.startsWith('#'))) {
        const target = named.get(specifier);
        if (target === undefined) undeclared.push(`${file}: ${specifier}`);
        else if (target !== name && !used.has(target)) used.set(target, file);
      }
    }
    edges.set(name, used);
  }
  return { edges, undeclared };
}

describe(`the allowed imports in ${DOC}`, () => {
  const table = allowedTable();
  const named = namedPackages();

  it('has a row for every library, app and named top-level folder, and no other', () => {
    const onDisk = [
      ...readdirSync(join(ROOT, 'libs')),
      ...readdirSync(join(ROOT, 'apps')),
      ...new Set([...named.values()].filter((name) => !name.includes('/'))),
    ];
    expect([...table.keys()].sort()).toEqual([...new Set(onDisk)].sort());
  });

  it('names only packages that have a row', () => {
    const unknown = [...table].flatMap(([from, targets]) =>
      [...targets].filter((to) => !table.has(to)).map((to) => `${from} → ${to}`),
    );
    expect(unknown).toEqual([]);
  });

  it('is acyclic', () => {
    const done = new Set<string>();
    const visiting: string[] = [];
    const cycles: string[] = [];
    const visit = (name: string) => {
      if (done.has(name)) return;
      const at = visiting.indexOf(name);
      if (at >= 0) {
        cycles.push([...visiting.slice(at), name].join(' → '));
        return;
      }
      visiting.push(name);
      for (const to of table.get(name) ?? []) visit(to);
      visiting.pop();
      done.add(name);
    };
    for (const name of table.keys()) visit(name);
    expect(cycles).toEqual([]);
  });

  it('is what the code imports, exactly', () => {
    const { edges, undeclared } = actualImports(table.keys(), named);
    expect(undeclared).toEqual([]); // a `#name` that package.json "imports" does not declare
    const forbidden: string[] = [];
    const unused: string[] = [];
    for (const [from, allowed] of table) {
      const used = edges.get(from) ?? new Map<string, string>();
      for (const [to, file] of used) if (!allowed.has(to)) forbidden.push(`${from} → ${to} (${file})`);
      for (const to of allowed) if (!used.has(to)) unused.push(`${from} → ${to}`);
    }
    // Not allowed by the table: import it another way, or change the table (and the map) on purpose.
    expect(forbidden).toEqual([]);
    // Allowed but no longer used: take it out of the table so the map stays true.
    expect(unused).toEqual([]);
  });
});
