import { Logger } from '@nestjs/common';
import pg from 'pg';

const RECONNECT_MS = 1000;
const DEFAULT_HEARTBEAT_MS = 10_000;

export interface ChangeListenerHandlers {
  onNotification(channel: string, payload: string): void;
  /** After a reconnection: notifications sent meanwhile were lost, so reload what depends on them. */
  onReconnected(): void;
}

export interface ChangeListenerOptions {
  /** A heartbeat query runs this often; unanswered within it, the connection counts as down and is replaced. */
  heartbeatMs?: number;
}

/**
 * A dedicated PostgreSQL connection LISTENing on some channels (NOTIFY is delivered on commit),
 * reconnecting every second while it is down. `connected` tells whether notifications are being
 * received right now. A connection that silently died (a dropped peer, a NAT that forgot it) would
 * otherwise look connected for ever while no notification arrives: TCP keepalive and a heartbeat
 * query catch it, and a missed heartbeat counts as down at once.
 */
export class ChangeListener {
  private readonly logger = new Logger('ChangeListener');
  private client?: pg.Client;
  private heartbeat?: NodeJS.Timeout;
  private stopped = false;
  private readonly heartbeatMs: number;

  constructor(
    private readonly databaseUrl: string,
    private readonly channels: readonly string[],
    private readonly handlers: ChangeListenerHandlers,
    options: ChangeListenerOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Connects once; on failure, keeps retrying in the background and resolves false. */
  async start(): Promise<boolean> {
    try {
      await this.connect();
      return true;
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message, channels: this.channels },
        'change listener not connected; retrying',
      );
      this.retryLater();
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'delingsmegler-change-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: this.heartbeatMs,
      connectionTimeoutMillis: Math.max(this.heartbeatMs, 1000),
    });
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
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.startHeartbeat(client);
  }

  /** One query at a time; one not answered before the next is due means the connection is gone. */
  private startHeartbeat(client: pg.Client): void {
    clearInterval(this.heartbeat);
    let outstanding = false;
    this.heartbeat = setInterval(() => {
      if (this.client !== client) return;
      if (outstanding) {
        this.logger.warn(
          { channels: this.channels, heartbeatMs: this.heartbeatMs },
          'change listener missed a heartbeat',
        );
        this.lost(client);
        return;
      }
      outstanding = true;
      client.query('SELECT 1').then(
        () => (outstanding = false),
        () => this.lost(client),
      );
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    // A connection that stopped answering may never emit 'end'; drop it without waiting (and
    // without caring whether a dead connection closes cleanly).
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({ channels: this.channels }, 'change listener lost; reconnecting');
    this.retryLater();
  }

  private retryLater(): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.connect()
        .then(() => {
          if (!this.stopped) this.handlers.onReconnected();
        })
        .catch(() => this.retryLater());
    }, RECONNECT_MS).unref();
  }
}
