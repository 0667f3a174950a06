import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#core';

/** The shared Redis connection for limits, change notifications and health (bull keeps its own). */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.redis.url, {
      keyPrefix: `${config.redis.prefix}:`,
      // Fail fast rather than queue commands while Redis is away: callers decide what to do.
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      lazyConnect: false,
      // Commands issued in the same tick leave in one write: e.g. SharedLimits' coalesced permit
      // releases go out with the limits script that follows them.
      enableAutoPipelining: true,
    });
    this.on('error', () => undefined); // reported through readiness, not as unhandled events
  }

  async onApplicationShutdown(): Promise<void> {
    await this.quit().catch(() => this.disconnect());
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
