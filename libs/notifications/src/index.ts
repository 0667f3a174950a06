// #notifications: what apps, other libraries and tests import; the rest stays inside the library.
export { assertWebhookUrlsAllowed } from './address-policy.js';
export { NotificationsModule } from './notifications.module.js';
export { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
export { failureCategory, WebhookDeliveryError } from './webhook-failure.js';
export { RotatedSecretView, WebhookSecretService, WebhookSecretsView } from './webhook-secret.service.js';
export { WebhookSender } from './webhook-sender.js';
export { DeadLetterView, WebhookDeliveryView, WebhookService } from './webhook.service.js';
