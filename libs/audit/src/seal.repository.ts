import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ChainLink, type ChainRecord, GENESIS_HASH } from './chain.js';
import type { ExportSectionContent } from './export-format.js';

/** Timestamps as ISO 8601 UTC with the database's microseconds, independent of the session time zone. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The stored fields of an event as hashed (ChainRecord); the column list is fixed on purpose. */
const RECORD_SELECT = `
  e.id::text AS "id", ${iso('e.occurred_at')} AS "occurredAt", ${iso('e.recorded_at')} AS "recordedAt",
  e.kind AS "kind", e.tenant_orgnr AS "tenantOrgnr", e.actor_type AS "actorType", e.actor_id AS "actorId",
  e.actor_role AS "actorRole", e.supplier_orgnr AS "supplierOrgnr", e.end_user AS "endUser",
  e.operation AS "operation", e.legal_basis AS "legalBasis", e.purpose AS "purpose",
  e.case_reference AS "caseReference", e.decision AS "decision", e.reason_code AS "reasonCode",
  e.reasons AS "reasons", e.policy_version AS "policyVersion", e.subject_hash AS "subjectHash",
  e.subject_key_id AS "subjectKeyId", e.subject_encrypted::text AS "subjectEncrypted",
  e.http_status AS "httpStatus", e.upstream_status AS "upstreamStatus", e.korrelasjonsid AS "korrelasjonsid",
  e.correlation_id AS "correlationId", e.bytes::text AS "bytes", e.latency_ms AS "latencyMs",
  e.incident_id AS "incidentId", e.details AS "details"`;

/** A late commit has a lower id than events sealed before it; no transaction stays open this long. */
const LATE_COMMIT_HORIZON = `interval '1 hour'`;

const UNSEALED = `NOT EXISTS (SELECT 1 FROM "audit_chain" c WHERE c.event_id = e.id)`;

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface StoredCheckpoint {
  chain: string;
  seq: number;
  hash: string;
  sealedAt: Date;
  keyId: string;
  jws: string;
}

export interface ExportRange {
  chain: string;
  fromSeq: number;
  toSeq: number;
}

/** Every advisory lock of the sealer, checkpoints and retention: one writer of the chains at a time. */
export const SEAL_LOCK_KEY = 4_711_202_612;

/** All SQL of the sealer, checkpoints, export ranges and retention (audit_chain, audit_checkpoints). */
@Injectable()
export class SealRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Takes the chains' lock for this transaction; without `wait`, false when another holder has it. */
  async lock(manager: EntityManager, wait: boolean): Promise<boolean> {
    if (wait) {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK_KEY]);
      return true;
    }
    const [row] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEAL_LOCK_KEY]);
    return row.locked === true;
  }

  /**
   * An event id every unsealed event is above: the id of an event sealed over an hour ago (an
   * event with a lower id would have had to stay uncommitted since). Keeps the anti-join small.
   */
  async sealFloor(manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT event_id::text AS id FROM "audit_chain" WHERE sealed_at < now() - ${LATE_COMMIT_HORIZON} ORDER BY sealed_at DESC LIMIT 1`,
    );
    return rows[0]?.id ?? '0';
  }

  /**
   * The highest sealed event id: every event above it is new. An event below it that is still
   * unsealed committed late; only a sweep from `sealFloor` finds it.
   */
  async highWater(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `SELECT coalesce(max(event_id), 0)::text AS id FROM "audit_chain"`,
    );
    return row.id;
  }

  /** Committed events without a chain row, oldest id first. */
  unsealed(manager: EntityManager, floor: string, limit: number): Promise<ChainRecord[]> {
    return manager.query(
      `SELECT ${RECORD_SELECT} FROM "audit_events" e WHERE e.id > $1 AND ${UNSEALED} ORDER BY e.id LIMIT $2`,
      [floor, limit],
    );
  }

  /** Each chain's last link (seq 0 and the genesis hash for a new chain), in one statement. */
  async heads(manager: EntityManager, chains: readonly string[]): Promise<Map<string, ChainHead>> {
    const heads = new Map<string, ChainHead>(chains.map((chain) => [chain, { seq: 0, hash: GENESIS_HASH }]));
    if (chains.length === 0) return heads;
    const rows: Array<{ chain: string; seq: string; hash: string }> = await manager.query(
      `SELECT c.chain, h.seq::text AS seq, h.hash
         FROM unnest($1::text[]) AS c(chain)
         CROSS JOIN LATERAL (SELECT seq, hash FROM "audit_chain" WHERE chain = c.chain ORDER BY seq DESC LIMIT 1) h`,
      [chains],
    );
    for (const row of rows) heads.set(row.chain, { seq: Number(row.seq), hash: row.hash });
    return heads;
  }

  /** The links of every chain sealed in a batch, in one INSERT (one text for any number of links). */
  async insertLinks(manager: EntityManager, links: ReadonlyArray<ChainLink & { chain: string }>): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `INSERT INTO "audit_chain" (event_id, chain, seq, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[])`,
      [
        links.map((link) => link.eventId),
        links.map((link) => link.chain),
        links.map((link) => link.seq),
        links.map((link) => link.prevHash),
        links.map((link) => link.hash),
      ],
    );
  }

  async hashAt(manager: EntityManager, chain: string, seq: number): Promise<string | null> {
    const rows: Array<{ hash: string }> = await manager.query(
      `SELECT hash FROM "audit_chain" WHERE chain = $1 AND seq = $2`,
      [chain, seq],
    );
    return rows[0]?.hash ?? null;
  }

  /** Each chain's last checkpoint; chains without one are absent. One statement. */
  async lastCheckpoints(
    manager: EntityManager,
    chains: readonly string[],
  ): Promise<Map<string, { seq: number; sealedAt: Date }>> {
    if (chains.length === 0) return new Map();
    const rows: Array<{ chain: string; seq: string; sealed_at: Date }> = await manager.query(
      `SELECT c.chain, k.seq::text AS seq, k.sealed_at
         FROM unnest($1::text[]) AS c(chain)
         CROSS JOIN LATERAL (SELECT seq, sealed_at FROM "audit_checkpoints" WHERE chain = c.chain ORDER BY seq DESC LIMIT 1) k`,
      [chains],
    );
    return new Map(rows.map((row) => [row.chain, { seq: Number(row.seq), sealedAt: row.sealed_at }]));
  }

  async hasCheckpoint(manager: EntityManager, chain: string, seq: number): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM "audit_checkpoints" WHERE chain = $1 AND seq = $2`, [chain, seq]);
    return rows.length > 0;
  }

  async insertCheckpoint(manager: EntityManager, checkpoint: StoredCheckpoint): Promise<void> {
    await manager.query(
      `INSERT INTO "audit_checkpoints" (chain, seq, hash, sealed_at, key_id, jws) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chain, seq) DO NOTHING`,
      [checkpoint.chain, checkpoint.seq, checkpoint.hash, checkpoint.sealedAt, checkpoint.keyId, checkpoint.jws],
    );
  }

  /** Chains that sealed events within the last `seconds` (candidates for a time-based checkpoint). */
  async recentChains(manager: EntityManager, seconds: number): Promise<string[]> {
    const rows: Array<{ chain: string }> = await manager.query(
      `SELECT DISTINCT chain FROM "audit_chain" WHERE sealed_at > now() - make_interval(secs => $1)`,
      [seconds],
    );
    return rows.map((row) => row.chain);
  }

  /**
   * Seconds since the oldest unsealed event above `floor` (by default: every one that can still
   * be unsealed) was recorded; 0 when everything is sealed.
   */
  async oldestUnsealedAgeSeconds(floor?: string): Promise<number> {
    floor ??= await this.sealFloor(this.dataSource.manager);
    const [row] = await this.dataSource.query(
      `SELECT coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float8 AS age FROM "audit_events" e WHERE e.id > $1 AND ${UNSEALED}`,
      [floor],
    );
    return Math.max(0, Number(row.age));
  }

  /**
   * Per chain, the seq range of the still-present sealed events that occurred in [from, to).
   * Ranges are contiguous (retention removes only a chain's oldest prefix), so they verify alone.
   */
  async exportRanges(tenantOrgnr: string | null, from: Date | null, to: Date | null): Promise<ExportRange[]> {
    const rows: Array<{ chain: string; from_seq: string; to_seq: string }> = await this.dataSource.query(
      `SELECT c.chain, min(c.seq)::text AS from_seq, max(c.seq)::text AS to_seq
         FROM "audit_chain" c JOIN "audit_events" e ON e.id = c.event_id
        WHERE ($1::text IS NULL OR c.chain = $1) AND ($2::timestamptz IS NULL OR e.occurred_at >= $2)
          AND ($3::timestamptz IS NULL OR e.occurred_at < $3)
        GROUP BY c.chain ORDER BY c.chain`,
      [tenantOrgnr, from, to],
    );
    return rows.map((row) => ({ chain: row.chain, fromSeq: Number(row.from_seq), toSeq: Number(row.to_seq) }));
  }

  /** One chain's events `fromSeq`..`toSeq` with their links, and the checkpoints among them. */
  async section(chain: string, fromSeq: number, toSeq: number): Promise<ExportSectionContent> {
    const events: Array<ChainRecord & { _seq: string; _prevHash: string; _hash: string }> = await this.dataSource.query(
      `SELECT c.seq::text AS "_seq", c.prev_hash AS "_prevHash", c.hash AS "_hash", ${RECORD_SELECT}
         FROM "audit_chain" c JOIN "audit_events" e ON e.id = c.event_id
        WHERE c.chain = $1 AND c.seq BETWEEN $2 AND $3 ORDER BY c.seq`,
      [chain, fromSeq, toSeq],
    );
    // sealed_at was written from a JS Date (milliseconds), as signed: render it the same way.
    const checkpoints: Array<{ seq: string; hash: string; sealed_at: Date; jws: string }> = await this.dataSource.query(
      `SELECT seq::text AS seq, hash, sealed_at, jws FROM "audit_checkpoints" WHERE chain = $1 AND seq BETWEEN $2 AND $3 ORDER BY "audit_checkpoints".seq`,
      [chain, fromSeq, toSeq],
    );
    return {
      chain,
      fromSeq,
      toSeq,
      prevHash: events[0]?._prevHash ?? GENESIS_HASH,
      events: events.map(({ _seq, _prevHash, _hash, ...record }) => ({
        seq: Number(_seq),
        prevHash: _prevHash,
        hash: _hash,
        record,
      })),
      checkpoints: checkpoints.map((row) => ({
        seq: Number(row.seq),
        hash: row.hash,
        sealedAt: row.sealed_at.toISOString(),
        jws: row.jws,
      })),
    };
  }

  /**
   * Retention: deletes up to `limit` expired, sealed events through `audit_delete_expired`, the
   * owner's SECURITY DEFINER function (the runtime role may not delete audit rows itself). It keeps
   * `retentionDays` or the database's own minimum, whichever is longer, measured on the database's clock.
   */
  async deleteExpired(manager: EntityManager, retentionDays: number, limit: number): Promise<number> {
    const [row] = await manager.query(`SELECT audit_delete_expired($1, $2) AS n`, [retentionDays, limit]);
    return Number(row.n);
  }
}
