import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantScopedRepository, WebhookSecretEntity } from '#database';

export interface StoredWebhookSecret {
  sealed: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface RotatedWebhookSecret {
  createdAt: Date;
  /** Until when the secret it replaced still signs; null when there was none. */
  previousValidUntil: Date | null;
}

const toStored = (row: { secret_sealed: string; created_at: Date; expires_at: Date | null }): StoredWebhookSecret => ({
  sealed: row.secret_sealed,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** The tenants' webhook signing secrets (sealed); expiry is judged by the database's clock alone. */
@Injectable()
export class WebhookSecretRepository extends TenantScopedRepository<WebhookSecretEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, WebhookSecretEntity);
  }

  /** Secrets that still sign, the current one first. */
  async inForce(tenantOrgnr: string): Promise<StoredWebhookSecret[]> {
    const rows = await this.sql<Array<{ secret_sealed: string; created_at: Date; expires_at: Date | null }>>(
      tenantOrgnr,
      `SELECT secret_sealed, created_at, expires_at FROM webhook_secrets
        WHERE tenant_orgnr = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY expires_at DESC NULLS FIRST, created_at DESC`,
    );
    return rows.map(toStored);
  }

  /** Stores a first current secret unless another process just did; false when one existed. */
  async insertFirst(tenantOrgnr: string, sealed: string): Promise<boolean> {
    const rows = await this.sql<unknown[]>(
      tenantOrgnr,
      `INSERT INTO webhook_secrets (tenant_orgnr, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (tenant_orgnr) WHERE expires_at IS NULL DO NOTHING RETURNING id`,
      [sealed],
    );
    return rows.length > 0;
  }

  /**
   * The new secret becomes current; the current one expires after the overlap, and secrets
   * expired before now are removed. Under the tenant's row lock, so rotations run one at a time.
   * null when there is no such tenant. `alsoInTransaction` (the operator action's audit event)
   * commits with the rotation or rolls it back.
   */
  rotate(
    tenantOrgnr: string,
    sealed: string,
    overlapSeconds: number,
    alsoInTransaction?: (manager: EntityManager, rotated: RotatedWebhookSecret) => Promise<void>,
  ): Promise<RotatedWebhookSecret | null> {
    return this.transaction(async (manager) => {
      const tenant = await this.sql<unknown[]>(
        tenantOrgnr,
        `SELECT orgnr FROM tenants WHERE orgnr = $1 FOR UPDATE`,
        [],
        manager,
      );
      if (tenant.length === 0) return null;
      // TypeORM answers an UPDATE's RETURNING as [rows, rowCount].
      const [[previous]] = await this.sql<[Array<{ expires_at: Date }>, number]>(
        tenantOrgnr,
        `UPDATE webhook_secrets SET expires_at = now() + make_interval(secs => $2) WHERE tenant_orgnr = $1 AND expires_at IS NULL RETURNING expires_at`,
        [overlapSeconds],
        manager,
      );
      await this.sql(
        tenantOrgnr,
        `DELETE FROM webhook_secrets WHERE tenant_orgnr = $1 AND expires_at <= now()`,
        [],
        manager,
      );
      const [created] = await this.sql<Array<{ created_at: Date }>>(
        tenantOrgnr,
        `INSERT INTO webhook_secrets (tenant_orgnr, secret_sealed) VALUES ($1, $2) RETURNING created_at`,
        [sealed],
        manager,
      );
      const rotated = { createdAt: created.created_at, previousValidUntil: previous?.expires_at ?? null };
      await alsoInTransaction?.(manager, rotated);
      return rotated;
    });
  }

  /** Dates only (never the sealed values), for the operator's view; null when there is no such tenant. */
  async list(tenantOrgnr: string): Promise<Array<Omit<StoredWebhookSecret, 'sealed'>> | null> {
    const rows = await this.sql<Array<{ created_at: Date | null; expires_at: Date | null }>>(
      tenantOrgnr,
      `SELECT s.created_at, s.expires_at FROM tenants t
         LEFT JOIN webhook_secrets s ON s.tenant_orgnr = t.orgnr AND (s.expires_at IS NULL OR s.expires_at > now())
        WHERE t.orgnr = $1
        ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC`,
    );
    if (rows.length === 0) return null;
    return rows.flatMap((row) => (row.created_at ? [{ createdAt: row.created_at, expiresAt: row.expires_at }] : []));
  }
}
