import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { APP_CONFIG, type AppConfig } from '#core';
import { parseMail } from './mime.js';

/** One e-mail the sink received, as GET /_sim/mail shows it. */
export interface ReceivedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
}

const MAX_KEPT = 1000;
const MAX_MESSAGE_BYTES = 1_048_576;

/**
 * An SMTP server that accepts every message (no TLS, any or no login) and keeps the last ones in
 * memory, so tests and `npm start` can see the e-mails the platform sent. It can be taken down and
 * brought back on the same port (a mail server away for a while).
 */
@Injectable()
export class MailSink implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MailSink');
  private readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;
  private port: number;
  private nextId = 1;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.port = config.simulator.smtpPort;
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  get listeningPort(): number {
    return this.port;
  }

  list(): ReceivedMail[] {
    return [...this.received];
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Listens on the configured port (0: a free one, then kept for a restart). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      size: MAX_MESSAGE_BYTES,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'sink' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.keep(Buffer.concat(chunks).toString('latin1'), session.envelope);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, this.config.host, () => resolve());
    });
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
    this.logger.log({ port: this.port }, 'SMTP sink listening');
  }

  /** Closes the port: senders get "connection refused" until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private keep(
    raw: string,
    envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> },
  ): void {
    const parsed = parseMail(raw);
    this.received.push({
      id: this.nextId++,
      receivedAt: new Date().toISOString(),
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((rcpt) => rcpt.address),
      subject: parsed.subject,
      text: parsed.text,
      messageId: parsed.headers['message-id'] ?? null,
    });
    if (this.received.length > MAX_KEPT) this.received.splice(0, this.received.length - MAX_KEPT);
  }
}
