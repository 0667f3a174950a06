#!/usr/bin/env node
// `npm run lint` step: fails when source files import each other in a cycle (type-only imports
// included). A cycle lets the load order decide what is still undefined at start-up, and usually
// means two modules should be one, or a third should hold what both need.
// `node scripts/check-import-cycles.mjs [root]`: reads root's tsconfig.json and the console's
// (apps/console/tsconfig.json, when there is one) and resolves every import as the compiler does
// (#names included); no type-check.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const projects = ['tsconfig.json', 'apps/console/tsconfig.json'].filter((path) => existsSync(join(root, path)));
const inRepo = (file) => file.startsWith(`${root}/`) && !file.includes('/node_modules/');

/** file → the repository files it imports. */
const graph = new Map();
for (const project of projects) {
  const configPath = join(root, project);
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(dirname(configPath), (name) => name, options);
  for (const file of fileNames) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const { fileName: spec } of importedFiles) {
      // Every source is an ES module here (package.json "type": "module", or bundled by Vite).
      const resolved = ts.resolveModuleName(
        spec,
        file,
        options,
        host,
        cache,
        undefined,
        ts.ModuleKind.ESNext,
      ).resolvedModule;
      if (resolved && inRepo(resolved.resolvedFileName) && !resolved.isExternalLibraryImport)
        targets.add(resolved.resolvedFileName);
    }
    graph.set(file, targets);
  }
}

// Tarjan's strongly connected components; any with more than one file (or a self-import) is a cycle.
let index = 0;
const state = new Map();
const stack = [];
const cycles = [];
const visit = (file) => {
  const node = { index, low: index, onStack: true };
  index += 1;
  state.set(file, node);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    const seen = state.get(next);
    if (!seen) {
      visit(next);
      node.low = Math.min(node.low, state.get(next).low);
    } else if (seen.onStack) node.low = Math.min(node.low, seen.index);
  }
  if (node.low !== node.index) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    state.get(member).onStack = false;
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || graph.get(file)?.has(file)) cycles.push(component);
};
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (cycles.length > 0) {
  for (const component of cycles) {
    const members = new Set(component);
    process.stderr.write(`import cycle among ${component.length} files:\n`);
    for (const file of component.sort()) {
      const into = [...(graph.get(file) ?? [])].filter((target) => members.has(target)).map((t) => relative(root, t));
      process.stderr.write(`  ${relative(root, file)} → ${into.join(', ')}\n`);
    }
  }
  process.exit(1);
}
