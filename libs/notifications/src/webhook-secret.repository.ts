import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { scoped } from '#database';

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
export class WebhookSecretRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Secrets that still sign, the current one first. */
  async inForce(tenantOrgnr: string): Promise<StoredWebhookSecret[]> {
    const rows = await this.dataSource.query(
      `SELECT secret_sealed, created_at, expires_at FROM webhook_secrets
        WHERE tenant_orgnr = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY expires_at DESC NULLS FIRST, created_at DESC`,
      [scoped(tenantOrgnr)],
    );
    return rows.map(toStored);
  }

  /** Stores a first current secret unless another process just did; false when one existed. */
  async insertFirst(tenantOrgnr: string, sealed: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO webhook_secrets (tenant_orgnr, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (tenant_orgnr) WHERE expires_at IS NULL DO NOTHING RETURNING id`,
      [scoped(tenantOrgnr), sealed],
    );
    return rows.length > 0;
  }

  /**
   * The new secret becomes current; the current one expires after the overlap, and secrets
   * expired before now are removed. Under the tenant's row lock, so rotations run one at a time.
   * null when there is no such tenant.
   */
  /** `alsoInTransaction` (the operator action's audit event) commits with the rotation or rolls it back. */
  rotate(
    tenantOrgnr: string,
    sealed: string,
    overlapSeconds: number,
    alsoInTransaction?: (manager: EntityManager, rotated: RotatedWebhookSecret) => Promise<void>,
  ): Promise<RotatedWebhookSecret | null> {
    const orgnr = scoped(tenantOrgnr);
    return this.dataSource.transaction(async (manager) => {
      const tenant = await manager.query(`SELECT orgnr FROM tenants WHERE orgnr = $1 FOR UPDATE`, [orgnr]);
      if (tenant.length === 0) return null;
      // TypeORM answers an UPDATE's RETURNING as [rows, rowCount].
      const [[previous]]: [Array<{ expires_at: Date }>, number] = await manager.query(
        `UPDATE webhook_secrets SET expires_at = now() + make_interval(secs => $2) WHERE tenant_orgnr = $1 AND expires_at IS NULL RETURNING expires_at`,
        [orgnr, overlapSeconds],
      );
      await manager.query(`DELETE FROM webhook_secrets WHERE tenant_orgnr = $1 AND expires_at <= now()`, [orgnr]);
      const [created] = await manager.query(
        `INSERT INTO webhook_secrets (tenant_orgnr, secret_sealed) VALUES ($1, $2) RETURNING created_at`,
        [orgnr, sealed],
      );
      const rotated = { createdAt: created.created_at, previousValidUntil: previous?.expires_at ?? null };
      await alsoInTransaction?.(manager, rotated);
      return rotated;
    });
  }

  /** Dates only (never the sealed values), for the operator's view; null when there is no such tenant. */
  async list(tenantOrgnr: string): Promise<Array<Omit<StoredWebhookSecret, 'sealed'>> | null> {
    const rows: Array<{ created_at: Date | null; expires_at: Date | null }> = await this.dataSource.query(
      `SELECT s.created_at, s.expires_at FROM tenants t
         LEFT JOIN webhook_secrets s ON s.tenant_orgnr = t.orgnr AND (s.expires_at IS NULL OR s.expires_at > now())
        WHERE t.orgnr = $1
        ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC`,
      [scoped(tenantOrgnr)],
    );
    if (rows.length === 0) return null;
    return rows.flatMap((row) => (row.created_at ? [{ createdAt: row.created_at, expiresAt: row.expires_at }] : []));
  }
}
