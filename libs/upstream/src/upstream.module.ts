import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { MetricsRegistry, RedisClient } from '#runtime';
import { buildCatalogue, type Catalogue } from './catalogue.js';
import { SharedLimits } from './shared-limits.js';
import { UpstreamCaller } from './upstream-caller.js';
import { UpstreamClient } from './upstream-client.js';
import { CATALOGUE } from './upstream.tokens.js';

/** Closes the upstream pools when the app stops. */
@Injectable()
class UpstreamPools implements OnApplicationShutdown {
  constructor(private readonly client: UpstreamClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/** The catalogue, the upstream HTTP client and the cross-replica limits, for the gateway and the worker (which also import MaskinportenModule). */
@Global()
@Module({
  providers: [
    { provide: CATALOGUE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => buildCatalogue(config.upstream) },
    {
      provide: UpstreamClient,
      inject: [CATALOGUE, APP_CONFIG, MetricsRegistry],
      useFactory: (catalogue: Catalogue, config: AppConfig, metrics: MetricsRegistry) =>
        new UpstreamClient(
          catalogue,
          config.upstream,
          metrics.histogram(
            'upstream_request_duration_seconds',
            'Upstream call attempts by API and outcome (status, timeout, connection)',
            ['api', 'outcome'],
          ),
        ),
    },
    {
      provide: SharedLimits,
      inject: [RedisClient, APP_CONFIG],
      // The lease outlives the longest possible call, so a live permit never lapses.
      useFactory: (redis: RedisClient, config: AppConfig) =>
        new SharedLimits(redis, config.upstream.concurrencyLimit, config.upstream.deadlineMs + 5000),
    },
    UpstreamCaller,
    UpstreamPools,
  ],
  exports: [CATALOGUE, UpstreamClient, UpstreamCaller, SharedLimits],
})
export class UpstreamModule {}
