import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, DomainError, open, Orgnr, requireWebhookSecretKeys, seal } from '#core';
import type { EntityManager } from 'typeorm';
import { type RotatedWebhookSecret, WebhookSecretRepository } from './webhook-secret.repository.js';
import { formatWebhookSecret, newWebhookSecret } from './webhook-signature.js';

export class RotatedSecretView {
  /** `whsec_…`: shown this once, never stored in clear, never logged. */
  @ApiProperty({ description: '`whsec_…`: shown this once, never stored in clear' }) secret!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  /** Until when the replaced secret still signs (a second signature); null if there was none. */
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the replaced secret still signs',
  })
  previousValidUntil!: string | null;
}

export class WebhookSecretView {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil!: string | null;
}

/** The secrets in force for a tenant, without their values. */
export class WebhookSecretsView {
  @ApiProperty({ type: [WebhookSecretView] }) secrets!: WebhookSecretView[];
}

/** Binds a sealed secret to its tenant: a value copied to another tenant's row does not open. */
const aad = (tenantOrgnr: string) => Buffer.from(`delingsmegler:webhook-secret:v1:${tenantOrgnr}`);

/**
 * The tenants' webhook signing secrets: rotation for the operator (the new secret is answered
 * once), and the secrets in force for the worker, which signs with each. A tenant that never had
 * one gets a secret at its first delivery, so every delivery is signed; the operator rotates to
 * obtain one to hand to the municipality.
 */
@Injectable()
export class WebhookSecretService {
  constructor(
    private readonly secrets: WebhookSecretRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    requireWebhookSecretKeys(config.webhooks);
  }

  /** `alsoInTransaction` gets what was rotated, never the secret, and commits with the rotation (the operator's audit event). */
  async rotate(
    orgnrParam: string,
    alsoInTransaction?: (manager: EntityManager, rotated: Omit<RotatedSecretView, 'secret'>) => Promise<void>,
  ): Promise<RotatedSecretView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const secret = newWebhookSecret();
    const viewOf = (rotated: RotatedWebhookSecret) => ({
      createdAt: rotated.createdAt.toISOString(),
      previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null,
    });
    const rotated = await this.secrets.rotate(
      orgnr,
      this.seal(orgnr, secret),
      this.config.webhooks.secretOverlapSeconds,
      alsoInTransaction && ((manager, row) => alsoInTransaction(manager, viewOf(row))),
    );
    if (!rotated) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
    return { secret: formatWebhookSecret(secret), ...viewOf(rotated) };
  }

  /** When each secret in force was made and until when it signs; never the secrets. */
  async describe(orgnrParam: string): Promise<WebhookSecretsView> {
    const orgnr = Orgnr.parse(orgnrParam).value;
    const rows = await this.secrets.list(orgnr);
    if (!rows) throw new DomainError('tenant-not-found', `No tenant ${orgnr}`);
    return {
      secrets: rows.map((row) => ({
        createdAt: row.createdAt.toISOString(),
        validUntil: row.expiresAt?.toISOString() ?? null,
      })),
    };
  }

  /** The secrets a delivery is signed with now, current first; makes the first one if needed. */
  async signingSecrets(tenantOrgnr: string): Promise<Buffer[]> {
    let rows = await this.secrets.inForce(tenantOrgnr);
    if (!rows.some((row) => row.expiresAt === null)) {
      await this.secrets.insertFirst(tenantOrgnr, this.seal(tenantOrgnr, newWebhookSecret()));
      rows = await this.secrets.inForce(tenantOrgnr);
    }
    return rows.map((row) =>
      open(this.config.webhooks.secretEncryptionKeys, aad(tenantOrgnr), row.sealed, 'webhook secret'),
    );
  }

  private seal(tenantOrgnr: string, secret: Buffer): string {
    return seal(this.config.webhooks.secretEncryptionKeys, aad(tenantOrgnr), secret);
  }
}
