import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { ChangeListener } from '#database';
import { MaskinportenTokenClient } from './token-client.js';

/** NOTIFY payload: the orgnr whose cached Maskinporten tokens every process must drop (an incident action). */
export const TOKEN_FLUSH_CHANNEL = 'delingsmegler_token_flush';

/** Drops a municipality's cached upstream tokens in this process when the operator asks for it on any replica. */
@Injectable()
export class TokenFlushListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: ChangeListener;

  constructor(tokens: MaskinportenTokenClient, @Inject(APP_CONFIG) config: AppConfig) {
    this.listener = new ChangeListener(config.database.url, [TOKEN_FLUSH_CHANNEL], {
      onNotification: (_, orgnr) => tokens.flushTenant(orgnr),
      // A flush may have been missed while disconnected: drop everything rather than keep a revoked token.
      onReconnected: () => tokens.flushAll(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}
