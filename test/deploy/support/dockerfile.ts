import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  keyword: string;
  /** The text after the keyword, ARGs substituted. */
  args: string;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Parses a Dockerfile into stages (enough of the syntax for ours: continuations, global ARGs). */
export function parseDockerfile(path: string): Stage[] {
  const text = readFileSync(path, 'utf8').replace(/\\\n/g, ' ');
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`unparsed Dockerfile line: ${line}`);
    const args = rest.replace(/\$\{(\w+)\}/g, (_match, name: string) => globalArgs[name] ?? '');
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value = ''] = args.split('=');
      globalArgs[name] = value;
    } else if (upper === 'FROM') {
      const [base, , name] = args.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), base, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`${upper} before FROM`);
      stages.at(-1)!.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

export interface Copy {
  from?: string;
  sources: string[];
  destination: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map(({ args }) => {
      const words = args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
    });
}

/** An exec-form (JSON array) ENTRYPOINT or CMD; a shell form would need a shell in the image. */
export function execForm(stage: Stage, keyword: 'ENTRYPOINT' | 'CMD'): string[] | undefined {
  const instruction = stage.instructions.filter((entry) => entry.keyword === keyword).at(-1);
  if (!instruction) return undefined;
  const parsed: unknown = JSON.parse(instruction.args);
  if (!Array.isArray(parsed)) throw new Error(`${keyword} is not in exec form`);
  return parsed as string[];
}

/** ENV lines of a stage (`ENV A=1 B=2`). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      env[name] = value.join('=');
    }
  }
  return env;
}

/** Whether .dockerignore keeps a path out of the build context (last matching pattern wins). */
export function dockerIgnored(root: string, path: string): boolean {
  const patterns = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const segments = path.split('/');
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const regex = globToRegex(negated ? pattern.slice(1) : pattern);
    // A pattern that matches a parent directory covers everything under it.
    const matches = segments.some((_segment, index) => regex.test(segments.slice(0, index + 1).join('/')));
    if (matches) ignored = !negated;
  }
  return ignored;
}

function globToRegex(glob: string): RegExp {
  let source = '';
  const clean = glob.replace(/^\/+|\/+$/g, '');
  for (let index = 0; index < clean.length; index++) {
    const char = clean[index];
    if (char === '*' && clean[index + 1] === '*') {
      const slash = clean[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
