import { TenantEntity } from './tenant.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

export * from './tenant.entity.js';
export * from './webhook-delivery.entity.js';

/** Every entity of the schema; migrations/ must describe exactly these (checked by the drift test). */
export const ENTITIES = [TenantEntity, WebhookDeliveryEntity];
