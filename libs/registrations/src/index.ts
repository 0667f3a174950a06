// #registrations: what apps, other libraries and tests import; the rest stays inside the library.
export { RegistrationSender } from './registration-sender.js';
export { RegistrationRepository } from './registration.repository.js';
export { queueRegistration, RegistrationService, RegistrationView } from './registration.service.js';
export { RegistrationsModule } from './registrations.module.js';
export { SamordnetTrekkLedger } from './samordnet-trekk.ledger.js';
export { VedleggRegistry } from './vedlegg.registry.js';
