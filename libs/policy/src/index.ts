// #policy: what apps, other libraries and tests import; the rest stays inside the library.
export {
  callerRefusal,
  type Decision,
  evaluate,
  isValidCaseReference,
  isValidEndUser,
  POLICY_CODES,
  type PolicyCode,
  rulesNamed,
  samordnetTrekkTransition,
  STANDING_RULES,
  subjectKey,
} from './evaluator.js';
export {
  ALLOWED_PURPOSE,
  API_RULES,
  type ApiName,
  findLegalBasis,
  LEGAL_BASIS_CODES,
  POLICY_VERSION,
  type RequiredInput,
} from './legal-bases.js';
export { type Authorization, authorize, isPolicyPermit, type PolicyPermit } from './permit.js';
export {
  type DeclarationSnapshot,
  type DeclarationStatus,
  type Environment,
  type PolicyInput,
  type RequestContext,
  type SamordnetTrekkOppslag,
  type TenantSnapshot,
  type TenantStatus,
  type TermsVersion,
} from './policy-input.js';
export { type ResignDue } from './evaluator.js';
export { resignDue } from './evaluator.js';
