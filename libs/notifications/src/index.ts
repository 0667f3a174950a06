// #notifications: what apps, other libraries and tests import; the rest stays inside the library.
export { assertWebhookUrlsAllowed } from './address-policy.js';
export { NotificationsModule } from './notifications.module.js';
export { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
export { failureCategory, WebhookDeliveryError } from './webhook-failure.js';
export { RotatedSecretView, WebhookSecretService, WebhookSecretsView } from './webhook-secret.service.js';
export { WebhookSender } from './webhook-sender.js';
export { DeadLetterView, WebhookDeliveryView, WebhookService } from './webhook.service.js';
export { NOTICE_EVENTS } from './notices/notice-templates.js';
export { type NoticeEvent } from './notices/notice-templates.js';
export { NoticeOutbox } from './notices/notice-outbox.js';
export { NoticeRepository } from './notices/notice.repository.js';
export { type NoticeRequest } from './notices/notice-outbox.js';
export { NoticeSender } from './notices/notice-sender.js';
export { NoticeView } from './notices/notice.view.js';
export { toNoticeView } from './notices/notice.view.js';
