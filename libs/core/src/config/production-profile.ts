import { isIP } from 'node:net';
import type { EnvReader } from './env-reader.js';

/** The processes that start through runMain; each needs its own outbound endpoints. */
export const PROCESS_NAMES = ['gateway', 'admin', 'worker', 'simulator'] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

const UPSTREAM_URLS = ['UPSTREAM_INNTEKT_URL', 'UPSTREAM_SUMMERTSKATTEGRUNNLAG_URL', 'UPSTREAM_UTLEGGSTREKK_URL'];
const MASKINPORTEN_KEYS = ['MASKINPORTEN_KEY_JWK_FILE', 'MASKINPORTEN_KEY_PEM_FILE', 'MASKINPORTEN_KEY_PKCS12_FILE'];

interface Outbound {
  /** Must be set explicitly: their defaults are the simulator on loopback. */
  required: string[];
  /** Whenever in effect (set or defaulted), must be https to a host that is not loopback. */
  secureUrls: string[];
  /** Sends Maskinporten grants: needs the platform's client id and one key. */
  maskinportenClient: boolean;
}

const MASKINPORTEN_URLS = ['MASKINPORTEN_ISSUER'];
const OUTBOUND: Record<ProcessName, Outbound> = {
  gateway: {
    required: UPSTREAM_URLS,
    secureUrls: [
      ...UPSTREAM_URLS,
      ...MASKINPORTEN_URLS,
      'MASKINPORTEN_INBOUND_ISSUER',
      'MASKINPORTEN_INBOUND_JWKS_URL',
    ],
    maskinportenClient: true,
  },
  // The worker sends registrations upstream, checks delegations and forwards declarations (the
  // intake is optional: without it declarations are forwarded by e-mail or form and recorded).
  worker: {
    required: UPSTREAM_URLS,
    secureUrls: [...UPSTREAM_URLS, ...MASKINPORTEN_URLS, 'DECLARATION_INTAKE_URL'],
    maskinportenClient: true,
  },
  admin: {
    required: ['OPERATOR_ISSUER'],
    secureUrls: ['OPERATOR_ISSUER', 'OPERATOR_JWKS_URL'],
    maskinportenClient: false,
  },
  // Never deployed to production (not in the image's commands nor the chart).
  simulator: { required: [], secureUrls: [], maskinportenClient: false },
};

/**
 * APP_ENV=prod: a forgotten variable must not fall back to the simulator on loopback (the gateway
 * would send delegated Maskinporten tokens over plain http, admin would trust any local IdP).
 * `effective` maps each URL variable to the value the process would use, defaults included.
 */
export function checkProductionProfile(
  read: EnvReader,
  process: ProcessName,
  effective: Record<string, string | undefined>,
): void {
  const outbound = OUTBOUND[process];
  const hint = 'under APP_ENV=prod';
  for (const name of outbound.required) {
    if (read.optionalString(name) === undefined) read.fail(`${name} is required ${hint}`);
  }
  for (const name of outbound.secureUrls) {
    const value = effective[name];
    if (value === undefined || (outbound.required.includes(name) && read.optionalString(name) === undefined)) continue;
    if (!isSecureRemoteUrl(value)) read.fail(`${name} must be an https URL to a host that is not loopback ${hint}`);
  }
  if (outbound.maskinportenClient) {
    if (read.optionalString('MASKINPORTEN_CLIENT_ID') === undefined)
      read.fail(`MASKINPORTEN_CLIENT_ID is required ${hint}`);
    if (MASKINPORTEN_KEYS.every((name) => read.optionalString(name) === undefined))
      read.fail(`one of ${MASKINPORTEN_KEYS.join(', ')} is required ${hint}`);
  }
}

export function isSecureRemoteUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false; // the reader already named the variable as malformed
  }
  return url.protocol === 'https:' && !isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^::ffff:(127\.|7f)/.test(host);
  return false;
}
