// #core: what apps, other libraries and tests import; the rest stays inside the library.
export { Clock, SystemClock } from './clock.js';
export {
  type AppConfig,
  loadConfig,
  loadConfigFromProcess,
  type MaskinportenConfig,
  type PlatformEnvironment,
} from './config/app-config.js';
export { type AuditConfig, type AuditKey, requireAuditKeys } from './config/audit-config.js';
export { APP_CONFIG, ConfigModule } from './config/config.module.js';
export { ConfigError, type Environment, EnvReader } from './config/env-reader.js';
export { type OnboardingConfig } from './config/onboarding-config.js';
export { type PolicyConfig } from './config/policy-config.js';
export { type ProcessName } from './config/production-profile.js';
export {
  API_NAMES,
  type ApiName,
  type BeslutningModel,
  CONCURRENCY_SCOPES,
  type ConcurrencyScope,
  loadUpstream,
  type UpstreamConfig,
} from './config/upstream-config.js';
export { requireWebhookSecretKeys } from './config/webhook-config.js';
export { open, seal } from './crypto/sealed-box.js';
export { DomainError } from './errors/domain-error.js';
export { PROBLEM_CATALOGUE, type ProblemCode } from './errors/problem-catalogue.js';
export {
  answeredProblem,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  type ProblemBody,
  ProblemFilter,
} from './errors/problem.filter.js';
export { createValidationPipe } from './errors/validation.js';
export { InvalidIdentifierError } from './identifiers/identifier-error.js';
export { iso6523ActorId, Orgnr } from './identifiers/orgnr.js';
export { Personidentifikator } from './identifiers/personidentifikator.js';
export { isUuid } from './identifiers/uuid.js';
export { CORRELATION_HEADER, correlationIdFor } from './logging/correlation.js';
export { routeTemplateOf } from './http/route-template.js';
export { logDestination } from './logging/log-destination.js';
export { loggerOptions, LoggingModule, requestChildLogger, requestLineLogger } from './logging/logging.module.js';
export { maskIdentifiers } from './logging/redaction.js';
