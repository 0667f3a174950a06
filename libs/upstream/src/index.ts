// #upstream: what apps, other libraries and tests import; the rest stays inside the library.
export { assertBodyMatches, checkBodySubject, storedBodySubject } from './bodies/body-check.js';
export {
  type ApiDefinition,
  buildCatalogue,
  type Catalogue,
  expandPath,
  type MatchedOperation,
  matchOperation,
  type OperationDefinition,
  OPPSLAG_SAMORDNET_TREKK,
} from './catalogue.js';
export { MEDIA_TYPE, negotiateFormat } from './media-type.js';
export { readSamordnetTrekk } from './samordnet-trekk-answer.js';
export { SharedLimits } from './shared-limits.js';
export { CheckedUpload } from './upload-body.js';
export { UpstreamCaller } from './upstream-caller.js';
export { type UpstreamResponse } from './upstream-client.js';
export { parseUpstreamError } from './upstream-error-body.js';
export { upstreamProblem } from './upstream-problem.js';
export { UpstreamModule } from './upstream.module.js';
export { InjectCatalogue } from './upstream.tokens.js';
export { readVedleggUuid, vedleggReferences } from './vedlegg-answer.js';
