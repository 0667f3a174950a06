import { onboardMunicipality, PLATFORM_ORG, registerPlatformClient } from '../maskinporten/support.js';
import type { SimulatorHandle } from '../support/simulator.js';

export { PLATFORM_ORG };

export const SKATTEETATEN_SCOPES = [
  'skatteetaten:inntekt',
  'skatteetaten:summertskattegrunnlag',
  'skatteetaten:utleggstrekkbeslutningkommune',
];
export const PLATFORM_SCOPE = 'delingsmegler:api';

/** Persons and parties the simulator knows (apps/simulator/fixtures/skatteetaten/README.md). */
export const PATHS = {
  inntekt: (orgnr: string) =>
    `/api/v1/${orgnr}/inntekt/v1/saernamsmann/01029413157/inntekter?fraOgMed=2018-01&tilOgMed=2018-07`,
  skattegrunnlag: (orgnr: string) => `/api/v1/${orgnr}/summertskattegrunnlag/v2/oppgjoer/saernamsmann/2025/13819699571`,
  oppslag: (orgnr: string) => `/api/v1/${orgnr}/utleggstrekk/v1/oppslag/samordnettrekk`,
  beslutning: (orgnr: string) => `/api/v1/${orgnr}/utleggstrekk/v1/beslutninger`,
};

/**
 * The platform's Maskinporten client registered at the simulator with the three Skatteetaten
 * scopes, and each municipality granted them and delegating them to the platform. Returns the
 * environment a gateway or worker needs to reach the simulator.
 */
export async function connectPlatform(
  sim: SimulatorHandle,
  clientId: string,
  municipalities: string[],
): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const client = await registerPlatformClient(sim.control, { clientId, scopes: SKATTEETATEN_SCOPES });
  for (const orgnr of municipalities) {
    for (const scope of SKATTEETATEN_SCOPES) await onboardMunicipality(sim.control, orgnr, scope);
  }
  return {
    env: { ...client.env, MASKINPORTEN_ISSUER: sim.maskinportenIssuer, SIMULATOR_PUBLIC_URL: sim.url },
    cleanup: client.cleanup,
  };
}
