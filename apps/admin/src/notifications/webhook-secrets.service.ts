import { Injectable } from '@nestjs/common';
import { type RotatedSecretView, WebhookSecretService, type WebhookSecretsView } from '#notifications';
import { type ActingOperator, OperatorActionLog } from '#tenancy';

/** A tenant's webhook signing secrets for the operator; a rotation is an audited action (without the secret). */
@Injectable()
export class WebhookSecretsAdminService {
  constructor(
    private readonly secrets: WebhookSecretService,
    private readonly actions: OperatorActionLog,
  ) {}

  describe(orgnr: string): Promise<WebhookSecretsView> {
    return this.secrets.describe(orgnr);
  }

  async rotate(orgnr: string, actor: ActingOperator): Promise<RotatedSecretView> {
    return this.secrets.rotate(orgnr, (manager, recorded) =>
      this.actions.record(manager, {
        actor,
        operation: 'tenant.webhook-secret.rotate',
        tenantOrgnr: orgnr,
        before: null,
        after: recorded,
      }),
    );
  }
}
