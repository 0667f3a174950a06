import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { JobDispatcher } from './job-dispatcher.js';
import { QUEUES } from './queues.js';

const registered = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));

/** bull on the configured Redis, with the key prefix that keeps deployments (and tests) apart. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ redis: config.redis.url, prefix: `${config.redis.prefix}:bull` }),
    }),
    registered,
  ],
  providers: [JobDispatcher],
  exports: [JobDispatcher, registered],
})
export class QueueModule {}
