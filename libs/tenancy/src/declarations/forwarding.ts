import type { JobOptions } from 'bull';
import type { OnboardingConfig } from '#core';
import type { DeclarationView } from './declaration.dto.js';

/** bull retries the delivery with exponential backoff; after the last attempt the forward is `failed`. */
export function forwardJobOptions(intake: OnboardingConfig['intake']): JobOptions {
  return { attempts: intake.attempts, backoff: { type: 'exponential', delay: intake.backoffMs } };
}

/** What is delivered to Skatteetaten's intake: the signed declaration and the request to be connected. */
export interface IntakeDelivery {
  declarationId: string;
  orgnr: string;
  termsVersion: string;
  signedBy: string;
  signedAt: string;
  documentSha256: string;
  environment: 'test' | 'prod';
  apis: string[];
  legalBases: string[];
  existingAgreement: boolean;
}

export function toIntakeDelivery(declaration: DeclarationView): IntakeDelivery {
  return {
    declarationId: declaration.id,
    orgnr: declaration.tenantOrgnr,
    termsVersion: declaration.termsVersion,
    signedBy: declaration.signedBy,
    signedAt: declaration.signedAt,
    documentSha256: declaration.documentSha256,
    environment: declaration.environment,
    apis: declaration.apis,
    legalBases: declaration.legalBases,
    existingAgreement: declaration.existingAgreement,
  };
}
