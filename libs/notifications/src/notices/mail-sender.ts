import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '#core';

/** Why an e-mail attempt failed: a category for `lastError` and logs, never the server's words (they may echo addresses). */
export type MailFailureCategory =
  'smtp-off' | 'smtp-connection-failed' | 'smtp-timeout' | 'smtp-auth-failed' | 'smtp-4xx' | 'smtp-5xx' | 'smtp-failed';

export class MailDeliveryError extends Error {
  constructor(readonly category: MailFailureCategory) {
    super(category);
    this.name = 'MailDeliveryError';
  }

  /** The server refused the message for good (5xx): retrying cannot help. */
  get permanent(): boolean {
    return this.category === 'smtp-5xx';
  }
}

function mailFailure(error: unknown): MailDeliveryError {
  const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
  if (code === 'EAUTH') return new MailDeliveryError('smtp-auth-failed');
  if (code === 'ETIMEDOUT' || code === 'ESOCKET_TIMEOUT') return new MailDeliveryError('smtp-timeout');
  if (typeof responseCode === 'number' && responseCode >= 500) return new MailDeliveryError('smtp-5xx');
  if (typeof responseCode === 'number' && responseCode >= 400) return new MailDeliveryError('smtp-4xx');
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ECONNREFUSED' || code === 'EDNS')
    return new MailDeliveryError('smtp-connection-failed');
  return new MailDeliveryError('smtp-failed');
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable across retries, so a receiving system can drop a duplicate. */
  messageId: string;
}

/** Sends plain-text e-mail over SMTP (SMTP_URL) with nodemailer; one pooled transport per process. */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { smtpUrl, smtpTimeoutMs, from } = config.notices;
    if (smtpUrl) {
      this.transport = nodemailer.createTransport(
        {
          url: smtpUrl,
          connectionTimeout: smtpTimeoutMs,
          greetingTimeout: smtpTimeoutMs,
          socketTimeout: smtpTimeoutMs,
          logger: false,
          debug: false,
        } as Parameters<typeof nodemailer.createTransport>[0],
        { from },
      );
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new MailDeliveryError('smtp-off');
    try {
      await this.transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'Content-Language': 'nb' },
      });
    } catch (error) {
      throw mailFailure(error);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
