import type { EnvReader } from './env-reader.js';

/** apps/admin: the operator console it serves at /console/ (a static single-page app). */
export interface ConsoleConfig {
  /** The built console (`vite build` output); when it holds no index.html, /console/ is not served. */
  dir: string;
  /** The console's OAuth client at the operator IdP (a public client: authorization code + PKCE). */
  clientId: string;
  /** Scopes the console asks for at login. */
  scope: string;
}

export function loadConsole(read: EnvReader): ConsoleConfig {
  return {
    dir: read.string('CONSOLE_DIR', 'dist/console'),
    clientId: read.string('CONSOLE_CLIENT_ID', 'delingsmegler-console'),
    scope: read.string('CONSOLE_SCOPE', 'openid'),
  };
}
