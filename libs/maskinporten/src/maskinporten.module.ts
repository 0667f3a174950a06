import { type DynamicModule, Module } from '@nestjs/common';
import { type Clock, SystemClock } from '#core';
import { InboundTokenVerifier } from './inbound/inbound-verifier.js';
import { MaskinportenAuthGuard, MaskinportenStrategy } from './inbound/maskinporten.strategy.js';
import { MASKINPORTEN_CLOCK } from './maskinporten.tokens.js';
import { MaskinportenTokenClient } from './token-client.js';
import { TokenFlushListener } from './token-flush.listener.js';

/** Outbound tokens (MaskinportenTokenClient) and inbound verification (MaskinportenAuthGuard). Needs APP_CONFIG and MetricsRegistry. */
@Module({})
export class MaskinportenModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: MaskinportenModule,
      // Global: the gateway, libs/upstream and the worker's jobs share one token cache per process.
      global: true,
      providers: [
        { provide: MASKINPORTEN_CLOCK, useValue: options.clock ?? new SystemClock() },
        MaskinportenTokenClient,
        InboundTokenVerifier,
        MaskinportenStrategy,
        MaskinportenAuthGuard,
        TokenFlushListener,
      ],
      exports: [MaskinportenTokenClient, InboundTokenVerifier, MaskinportenAuthGuard, MASKINPORTEN_CLOCK],
    };
  }
}
