import { onServer } from './global-setup.mjs';

export default async function globalTeardown() {
  const template = process.env.DM_TEST_TEMPLATE;
  if (template) await onServer(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
