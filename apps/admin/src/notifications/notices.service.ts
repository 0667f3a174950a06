import { Injectable } from '@nestjs/common';
import { NoticeRepository, type NoticeView, toNoticeView } from '#notifications';
import type { NoticeQuery } from './notices.dto.js';

@Injectable()
export class NoticesAdminService {
  constructor(private readonly notices: NoticeRepository) {}

  async list(query: NoticeQuery): Promise<NoticeView[]> {
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.event ? { event: query.event } : {}),
    };
    const rows = query.tenant
      ? await this.notices.listForTenant(query.tenant, filter, 500)
      : await this.notices.listOfAll(filter, 500);
    return rows.map(toNoticeView);
  }
}
