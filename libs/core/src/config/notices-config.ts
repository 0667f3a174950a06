import type { EnvReader } from './env-reader.js';

/** libs/notifications: notices to tenants' contacts by e-mail and webhook, from the outbox (README "Configuration"). */
export interface NoticesConfig {
  /** smtp:// or smtps:// (credentials in the URL); undefined turns e-mail off: no e-mail notice is enqueued or sent. */
  smtpUrl?: string;
  /** The From of every e-mail. */
  from: string;
  /** Attempts per notice before it is a dead letter. */
  attempts: number;
  /** First retry delay; doubled per attempt, at most an hour. */
  backoffMs: number;
  /** How often the worker sweeps the outbox (and schedules re-signing reminders). */
  sweepIntervalMs: number;
  /** Connecting, greeting and each SMTP command. */
  smtpTimeoutMs: number;
  /** Days before a terms version's resignBy that the tenants still to re-sign are reminded. */
  resignReminderDays: number[];
}

export function loadNotices(read: EnvReader): NoticesConfig {
  const reminderDays = read.list('NOTICE_RESIGN_REMINDER_DAYS', ['14', '3']).map(Number);
  if (reminderDays.some((days) => !Number.isInteger(days) || days < 1 || days > 365))
    read.fail('NOTICE_RESIGN_REMINDER_DAYS must be whole days between 1 and 365, comma-separated');
  const from = read.string('NOTICE_FROM', 'Delingsmegler <ikke-svar@delingsmegler.invalid>');
  if (!/^[^\r\n]{3,200}$/.test(from) || !from.includes('@'))
    read.fail('NOTICE_FROM must be one line with an e-mail address');
  return {
    smtpUrl: read.optionalUrl('SMTP_URL', ['smtp', 'smtps']),
    from,
    attempts: read.int('NOTICE_ATTEMPTS', 8, { min: 1, max: 50 }),
    backoffMs: read.int('NOTICE_BACKOFF_MS', 30_000, { min: 1, max: 3_600_000 }),
    sweepIntervalMs: read.int('NOTICE_SWEEP_INTERVAL_MS', 5000, { min: 50, max: 3_600_000 }),
    smtpTimeoutMs: read.int('NOTICE_SMTP_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    resignReminderDays: [...new Set(reminderDays)].sort((a, b) => b - a),
  };
}
