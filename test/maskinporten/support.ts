import type { SimulatorControl } from '../support/simulator.js';
import {
  onboardMunicipality as onboard,
  type PlatformClient,
  PLATFORM_ORG,
  registerPlatformClient as register,
} from '../support/platform.js';

export { PLATFORM_ORG };
/** The one scope these suites' client asks for unless told otherwise. */
export const SCOPE = 'skatteetaten:summertskattegrunnlag';

export function registerPlatformClient(
  control: SimulatorControl,
  options: { clientId: string; scopes?: string[]; tokenLifetime?: number },
): Promise<PlatformClient> {
  return register(control, { ...options, scopes: options.scopes ?? [SCOPE] });
}

export function onboardMunicipality(control: SimulatorControl, orgnr: string, scope = SCOPE): Promise<void> {
  return onboard(control, orgnr, scope);
}
