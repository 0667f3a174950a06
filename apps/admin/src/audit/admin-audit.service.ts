import { Inject, Injectable } from '@nestjs/common';
import { AuditReader, AuditWriter, toAuditPageRequest } from '#audit';
import { APP_CONFIG, type AppConfig, Orgnr, Personidentifikator } from '#core';
import { type AdminAuditPageResponse, type AdminAuditQueryDto, toAdminAuditPage } from './admin-audit.dto.js';

/** Who searches: the guard's operator, reduced to what the audit needs. */
export interface AuditSearcher {
  subject: string;
}

/**
 * The auditor's queries. Every search is itself audited (operation `audit.search`) before results
 * are returned, because it reveals who was looked up: a subject search keeps the searched
 * personidentifikator as the event's protected subject, never in `details`, and the event belongs to
 * no tenant (the tenant filter is in `details`).
 */
@Injectable()
export class AdminAuditService {
  constructor(
    private readonly reader: AuditReader,
    private readonly writer: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(searcher: AuditSearcher, query: AdminAuditQueryDto): Promise<AdminAuditPageResponse> {
    const tenantOrgnr = query.tenant === undefined ? undefined : Orgnr.parse(query.tenant).value;
    const subject =
      query.subject === undefined
        ? undefined
        : Personidentifikator.parse(query.subject, { allowSynthetic: this.config.environment === 'test' }).value;
    const page = await this.reader.search({
      ...toAuditPageRequest(query),
      tenantOrgnr,
      subject,
      caseReference: query.caseReference,
    });
    await this.writer.record({
      kind: 'operator-action',
      // Platform-wide, never the searched tenant's: its own log must not learn whom an auditor looked for.
      tenantOrgnr: null,
      actor: { type: 'operator', id: searcher.subject, role: 'auditor' },
      operation: subject === undefined ? 'audit.search' : 'audit.subject-access',
      decision: 'allow',
      caseReference: query.caseReference,
      subject,
      details: {
        tenant: tenantOrgnr ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        cursor: query.cursor ?? null,
        results: page.items.length,
      },
    });
    return toAdminAuditPage(page);
  }
}
