// #maskinporten: what apps, other libraries and tests import; the rest stays inside the library.
export { type Caller } from './inbound/caller.js';
export { InboundTokenVerifier } from './inbound/inbound-verifier.js';
export { MaskinportenModule } from './maskinporten.module.js';
export { MaskinportenTokenClient } from './token-client.js';
export { TOKEN_FLUSH_CHANNEL } from './token-flush.listener.js';
