import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { SimulatorControl, SimulatorHandle } from './simulator.js';

/** The platform's own orgnr and client at the simulator. */
export const PLATFORM_ORG = '991825827';
/** The scope a municipality's token for the gateway carries. */
export const PLATFORM_SCOPE = 'delingsmegler:api';
export const SKATTEETATEN_SCOPES = [
  'skatteetaten:inntekt',
  'skatteetaten:summertskattegrunnlag',
  'skatteetaten:utleggstrekkbeslutningkommune',
];

/** What a municipality's calls carry besides the token (DESIGN: the four context headers). */
export const CONTEXT_HEADERS = {
  'x-legal-basis': 'vegtrafikkloven-38',
  'x-purpose': 'innkreving-kommunale-krav',
  'x-case-reference': 'SAK-2026-0042',
  'x-end-user': 'saksbehandler-7',
};

/** Persons and parties the simulator knows (apps/simulator/fixtures/skatteetaten/README.md). */
export const PATHS = {
  inntekt: (orgnr: string) =>
    `/api/v1/${orgnr}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`,
  skattegrunnlag: (orgnr: string) => `/api/v1/${orgnr}/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2025/13819699571`,
  oppslag: (orgnr: string) => `/api/v1/${orgnr}/utleggstrekk/v1/oppslag/samordnettrekk`,
  beslutning: (orgnr: string) => `/api/v1/${orgnr}/utleggstrekk/v1/beslutninger`,
};

export interface PlatformClient {
  /** MASKINPORTEN_CLIENT_ID and MASKINPORTEN_KEY_JWK_FILE (and, from connectPlatform, where the simulator is). */
  env: Record<string, string>;
  /** Removes the key file. */
  cleanup(): Promise<void>;
}

/** A client key pair: the private JWK in a temp file (MASKINPORTEN_KEY_JWK_FILE), the public one registered at the simulator. */
export async function registerPlatformClient(
  control: SimulatorControl,
  options: { clientId: string; scopes: string[]; tokenLifetime?: number },
): Promise<PlatformClient> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `${options.clientId}-key`;
  const dir = await mkdtemp(join(tmpdir(), 'mp-key-'));
  const file = join(dir, 'key.json');
  await writeFile(file, JSON.stringify({ ...(await exportJWK(privateKey)), kid }), { mode: 0o600 });
  await control.registerClient({
    clientId: options.clientId,
    orgnr: PLATFORM_ORG,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] },
    scopes: options.scopes,
    ...(options.tokenLifetime ? { tokenLifetime: options.tokenLifetime } : {}),
  });
  return {
    env: { MASKINPORTEN_CLIENT_ID: options.clientId, MASKINPORTEN_KEY_JWK_FILE: file },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A municipality that has access to the scope and delegated it to the platform. */
export async function onboardMunicipality(control: SimulatorControl, orgnr: string, scope: string): Promise<void> {
  await control.grantScope(orgnr, scope);
  await control.delegate({ consumerOrg: orgnr, supplierOrg: PLATFORM_ORG, scope });
}

/**
 * The platform's Maskinporten client registered at the simulator with the three Skatteetaten
 * scopes, and each municipality granted them and delegating them to the platform. Returns the
 * environment a gateway or worker needs to reach the simulator.
 */
export async function connectPlatform(
  sim: SimulatorHandle,
  clientId: string,
  municipalities: readonly string[],
): Promise<PlatformClient> {
  const client = await registerPlatformClient(sim.control, { clientId, scopes: SKATTEETATEN_SCOPES });
  for (const orgnr of municipalities) {
    for (const scope of SKATTEETATEN_SCOPES) await onboardMunicipality(sim.control, orgnr, scope);
  }
  return {
    env: { ...client.env, MASKINPORTEN_ISSUER: sim.maskinportenIssuer, SIMULATOR_PUBLIC_URL: sim.url },
    cleanup: client.cleanup,
  };
}

/** One of the simulator's published Skatteetaten examples (apps/simulator/fixtures/skatteetaten/examples). */
export async function skatteetatenExample(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(`apps/simulator/fixtures/skatteetaten/examples/${file}`, 'utf8')) as Record<
    string,
    unknown
  >;
}
