import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { SimulatorControl } from '../support/simulator.js';

/** The platform's own orgnr and client at the simulator. */
export const PLATFORM_ORG = '991825827';
export const SCOPE = 'skatteetaten:summertskattegrunnlag';

/** A client key pair: the private JWK in a temp file (MASKINPORTEN_KEY_JWK_FILE), the public one registered at the simulator. */
export async function registerPlatformClient(
  control: SimulatorControl,
  options: { clientId: string; scopes?: string[]; tokenLifetime?: number },
): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `${options.clientId}-key`;
  const dir = await mkdtemp(join(tmpdir(), 'mp-key-'));
  const file = join(dir, 'key.json');
  await writeFile(file, JSON.stringify({ ...(await exportJWK(privateKey)), kid }), { mode: 0o600 });
  await control.registerClient({
    clientId: options.clientId,
    orgnr: PLATFORM_ORG,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] },
    scopes: options.scopes ?? [SCOPE],
    ...(options.tokenLifetime ? { tokenLifetime: options.tokenLifetime } : {}),
  });
  return {
    env: { MASKINPORTEN_CLIENT_ID: options.clientId, MASKINPORTEN_KEY_JWK_FILE: file },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A municipality that has access to the scope and delegated it to the platform. */
export async function onboardMunicipality(control: SimulatorControl, orgnr: string, scope = SCOPE): Promise<void> {
  await control.grantScope(orgnr, scope);
  await control.delegate({ consumerOrg: orgnr, supplierOrg: PLATFORM_ORG, scope });
}
