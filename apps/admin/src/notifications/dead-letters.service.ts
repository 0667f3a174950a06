import { Injectable } from '@nestjs/common';
import { type DeadLetterView, WebhookService, type WebhookDeliveryView } from '#notifications';
import { type ActingOperator, OperatorActionLog } from '#tenancy';

/** Dead letters for the operator: listing, and a retry that is itself an audited operator action. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly actions: OperatorActionLog,
  ) {}

  list(tenant?: string): Promise<DeadLetterView[]> {
    return this.webhooks.deadLetters(tenant);
  }

  async retry(id: string, actor: ActingOperator): Promise<WebhookDeliveryView> {
    return this.webhooks.retry(id, (manager, requeued) =>
      this.actions.record(manager, {
        actor,
        operation: 'notification.retry',
        tenantOrgnr: requeued.tenantOrgnr,
        before: { deliveryId: id, status: 'failed' },
        after: { deliveryId: id, status: requeued.status },
      }),
    );
  }
}
