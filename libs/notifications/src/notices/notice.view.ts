import { ApiProperty } from '@nestjs/swagger';
import type { NoticeEntity } from '#database';

/** A notice as the operator sees it: where it went (a webhook URL without its query string) and how it went. */
export class NoticeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '964338531' }) tenantOrgnr!: string;
  @ApiProperty({ example: 'declaration.approved' }) event!: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel!: NoticeEntity['channel'];
  @ApiProperty({ description: 'an e-mail address, or a webhook URL without its query string' }) recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'], description: 'failed: a dead letter' })
  status!: NoticeEntity['status'];
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'a failure category, e.g. smtp-connection-failed' })
  lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

function shownRecipient(notice: NoticeEntity): string {
  if (notice.channel === 'email') return notice.recipient;
  try {
    const url = new URL(notice.recipient);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

export function toNoticeView(notice: NoticeEntity): NoticeView {
  return {
    id: notice.id,
    tenantOrgnr: notice.tenantOrgnr,
    event: notice.event,
    channel: notice.channel,
    recipient: shownRecipient(notice),
    subject: notice.subject,
    status: notice.status,
    attempts: notice.attempts,
    lastError: notice.lastError,
    nextAttemptAt: notice.status === 'pending' ? notice.nextAttemptAt.toISOString() : null,
    createdAt: notice.createdAt.toISOString(),
    sentAt: notice.sentAt?.toISOString() ?? null,
  };
}
