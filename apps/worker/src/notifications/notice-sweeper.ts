import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import type { NoticeChannel, NoticeEntity } from '#database';
import { NoticeRepository, NoticeSender } from '#notifications';
import { TermsService } from '#tenancy';

const BATCH = 20;
const MAX_BATCHES_PER_SWEEP = 10;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Sweeps the notice outbox on a timer: schedules the re-signing reminders that have come due, then
 * sends every due notice (e-mail over SMTP, signed webhook) and settles it: sent; retried later
 * with exponential backoff; or failed (a dead letter) after NOTICE_ATTEMPTS or a refusal retrying
 * cannot help. No queue in between: a notice waits in PostgreSQL while Redis or the mail server is
 * away. Replicas share the work (rows are claimed with SKIP LOCKED and a lease).
 */
@Injectable()
export class NoticeSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NoticeSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly notices: NoticeRepository,
    private readonly sender: NoticeSender,
    private readonly terms: TermsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.sender.emailEnabled) this.logger.log({}, 'SMTP_URL is unset: e-mail notices are off');
    this.timer = setInterval(() => void this.sweep(), this.config.notices.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep at a time per process; returns when it is done. */
  sweep(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const reminders = await this.terms.scheduleResignReminders(this.config.notices.resignReminderDays);
      if (reminders > 0) this.logger.log({ reminders }, 're-signing reminders enqueued');
    } catch (error) {
      this.logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        're-signing reminders not scheduled',
      );
    }
    const channels: NoticeChannel[] = this.sender.emailEnabled ? ['email', 'webhook'] : ['webhook'];
    // A claimed row is not claimed again before its lease ends, even if its worker died mid-send.
    const leaseMs = Math.max(60_000, 3 * Math.max(this.config.notices.smtpTimeoutMs, this.config.webhooks.timeoutMs));
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
        const due = await this.notices.claimDue(channels, BATCH, leaseMs);
        for (const notice of due) await this.deliver(notice);
        if (due.length < BATCH) break;
      }
    } catch (error) {
      this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'notice sweep failed');
    }
  }

  private async deliver(notice: NoticeEntity): Promise<void> {
    const attempt = notice.attempts + 1;
    const failure = await this.sender.send(notice);
    const summary = {
      noticeId: notice.id,
      tenantOrgnr: notice.tenantOrgnr,
      event: notice.event,
      channel: notice.channel,
      attempt,
    };
    if (!failure) {
      await this.notices.markSent(notice.tenantOrgnr, notice.id, attempt);
      this.logger.log(summary, 'notice sent');
      return;
    }
    const { attempts, backoffMs } = this.config.notices;
    if (failure.permanent || attempt >= attempts) {
      await this.notices.markFailed(notice.tenantOrgnr, notice.id, attempt, failure.category);
      this.logger.warn({ ...summary, category: failure.category, finalAttempt: true }, 'notice failed: dead letter');
      return;
    }
    const delay = Math.min(backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    await this.notices.markRetry(
      notice.tenantOrgnr,
      notice.id,
      attempt,
      failure.category,
      new Date(Date.now() + delay),
    );
    this.logger.warn({ ...summary, category: failure.category, retryInMs: delay }, 'notice not sent; will retry');
  }
}
