import type { JobOptions } from 'bull';
import type { OnboardingConfig } from '#core';

/** bull retries the delivery with exponential backoff; after the last attempt the forward is `failed`. */
export function forwardJobOptions(intake: OnboardingConfig['intake']): JobOptions {
  return { attempts: intake.attempts, backoff: { type: 'exponential', delay: intake.backoffMs } };
}

/** What the worker's intake client sends is the declaration's package (declaration-package.ts). */
export type { DeclarationPackage as IntakeDelivery } from './declaration-package.js';
