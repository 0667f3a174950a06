import { Logger } from '@nestjs/common';
import pg from 'pg';

const RECONNECT_MS = 1000;

export interface ChangeListenerHandlers {
  onNotification(channel: string, payload: string): void;
  /** After a reconnection: notifications sent meanwhile were lost, so reload what depends on them. */
  onReconnected(): void;
}

/**
 * A dedicated PostgreSQL connection LISTENing on some channels (NOTIFY is delivered on commit),
 * reconnecting every second while it is down. `connected` tells whether notifications are being
 * received right now.
 */
export class ChangeListener {
  private readonly logger = new Logger('ChangeListener');
  private client?: pg.Client;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channels: readonly string[],
    private readonly handlers: ChangeListenerHandlers,
  ) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Connects once; on failure, keeps retrying in the background and resolves false. */
  async start(): Promise<boolean> {
    try {
      await this.connect();
      return true;
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message, channels: this.channels }, 'change listener not connected; retrying');
      this.retryLater();
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'delingsmegler-change-listener' });
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.handlers.onNotification(message.channel, message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    try {
      for (const channel of this.channels) await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.stopped) return;
    this.logger.warn({ channels: this.channels }, 'change listener lost; reconnecting');
    this.retryLater();
  }

  private retryLater(): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.connect()
        .then(() => this.handlers.onReconnected())
        .catch(() => this.retryLater());
    }, RECONNECT_MS).unref();
  }
}
