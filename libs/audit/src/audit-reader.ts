import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '#core';
import type { AuditEventEntity } from '#database';
import type { AuditActorType, AuditDecision, AuditEventKind, AuditEventView } from './audit-event.js';
import { AuditRepository, type AuditSearchQuery } from './audit.repository.js';
import { SubjectProtection } from './subject-protection.js';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

export interface AuditPageRequest {
  /** Opaque, from the previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface AuditSearchRequest extends AuditPageRequest {
  tenantOrgnr?: string;
  caseReference?: string;
  /** A personidentifikator: the subject-access report across all tenants. */
  subject?: string;
}

export interface AuditPage {
  items: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const CURSOR_PREFIX = 'a1:';
const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** Newest first, cursor-paged by id. Decrypts subjects for the entitled reader; never returns hashes. */
@Injectable()
export class AuditReader {
  private readonly logger = new Logger('AuditReader');

  constructor(
    private readonly repository: AuditRepository,
    private readonly subjects: SubjectProtection,
  ) {}

  /** A tenant's own events; `supplierOrgnr` narrows them to one supplier's calls. */
  async forTenant(tenantOrgnr: string, request: AuditPageRequest & { supplierOrgnr?: string }): Promise<AuditPage> {
    const limit = pageLimit(request.limit);
    const rows = await this.repository.pageForTenant(tenantOrgnr, {
      ...range(request),
      supplierOrgnr: request.supplierOrgnr,
      limit: limit + 1,
    });
    return this.toPage(rows, limit);
  }

  /** The operator's search; with `subject`, every tenant's events about that person (under any HMAC key). */
  async search(request: AuditSearchRequest): Promise<AuditPage> {
    const limit = pageLimit(request.limit);
    const query: AuditSearchQuery = {
      ...range(request),
      tenantOrgnr: request.tenantOrgnr,
      caseReference: request.caseReference,
      subjectHashes: request.subject === undefined ? undefined : this.subjects.hashesOf(request.subject),
      limit: limit + 1,
    };
    return this.toPage(await this.repository.search(query), limit);
  }

  private toPage(rows: AuditEventEntity[], limit: number): AuditPage {
    const items = rows.slice(0, limit).map((row) => this.toView(row));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
  }

  private toView(row: AuditEventEntity): AuditEventView {
    return {
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      kind: row.kind as AuditEventKind,
      tenantOrgnr: row.tenantOrgnr,
      actor: { type: row.actorType as AuditActorType, id: row.actorId, role: row.actorRole },
      supplierOrgnr: row.supplierOrgnr,
      endUser: row.endUser,
      operation: row.operation,
      legalBasis: row.legalBasis,
      purpose: row.purpose,
      caseReference: row.caseReference,
      decision: row.decision as AuditDecision,
      reasonCode: row.reasonCode,
      reasons: row.reasons ?? [],
      policyVersion: row.policyVersion,
      subjectPresent: row.subjectEncrypted !== null,
      subject: this.reveal(row),
      httpStatus: row.httpStatus,
      upstreamStatus: row.upstreamStatus,
      korrelasjonsid: row.korrelasjonsid,
      correlationId: row.correlationId,
      bytes: row.bytes === null ? null : Number(row.bytes),
      latencyMs: row.latencyMs,
      incidentId: row.incidentId,
      details: row.details,
    };
  }

  private reveal(row: AuditEventEntity): string | null {
    if (row.subjectEncrypted === null) return null;
    try {
      return this.subjects.reveal(row.subjectEncrypted);
    } catch (error) {
      // A retired encryption key: the event stays listed (subjectPresent) without the value.
      this.logger.warn(
        { eventId: row.id, reason: error instanceof Error ? error.message : 'unknown' },
        'audit subject not decryptable',
      );
      return null;
    }
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return AUDIT_PAGE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
    throw new DomainError('invalid-request', `limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}`);
  }
  return limit;
}

function range(request: AuditPageRequest): { beforeId?: string; from?: Date; to?: Date } {
  if (request.from && request.to && request.from >= request.to)
    throw new DomainError('invalid-request', 'from must be before to');
  return {
    beforeId: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
    from: request.from,
    to: request.to,
  };
}

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > BIGINT_MAX)
    throw new DomainError('invalid-request', 'The cursor is invalid; use nextCursor from a previous page');
  return id;
}
