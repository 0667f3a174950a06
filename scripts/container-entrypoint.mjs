#!/usr/bin/env node
// The image's entrypoint: one image, four commands. Plain Node (no shell in the runtime image);
// the process replaces nothing, it imports the chosen program so signals reach it directly.
const COMMANDS = {
  gateway: '../dist/apps/gateway/src/main.js',
  admin: '../dist/apps/admin/src/main.js',
  worker: '../dist/apps/worker/src/main.js',
  migrate: '../dist/libs/database/src/migrate.js',
};

const command = process.argv[2];
if (!Object.hasOwn(COMMANDS, command ?? '')) {
  process.stderr.write(`usage: <image> ${Object.keys(COMMANDS).join('|')} (got ${command ?? 'nothing'})\n`);
  process.exit(2);
}
await import(new URL(COMMANDS[command], import.meta.url).href);
