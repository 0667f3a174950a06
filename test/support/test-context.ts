import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { type AppConfig, type Environment, loadConfig } from '#core';
import { createDatabaseFromTemplate, uniqueName } from './test-database.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestContext {
  /** `config.database.url` is the runtime role, as the processes connect. */
  config: AppConfig;
  /** The same database as the schema owner, for what only the owner (or a DBA) may do. */
  ownerUrl: string;
  /** Builds the config a process of this test would get, with extra variables. */
  env: Environment;
  close(): Promise<void>;
}

/** One database (copied from the migrated template) and one Redis key prefix for a test file. */
export async function createTestContext(overrides: Environment = {}): Promise<TestContext> {
  const database = await createDatabaseFromTemplate();
  const prefix = uniqueName('dmtest').replace(/_/g, '-');
  const env: Environment = {
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    MIGRATE_ON_ADMIN_START: 'false',
    // Tests deliver webhooks to receivers on 127.0.0.1; one suite turns this off to see the refusal.
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    // The 2026 transition rule is over for tests that register; test/gateway/samordnet-trekk-transition sets it ahead.
    UTLEGGSTREKK_TRANSITION_UNTIL: '2026-01-01',
    // An in-process simulator's SMTP sink takes a free port (several test files run at once).
    SIMULATOR_SMTP_PORT: '0',
    ...overrides,
  };
  return {
    config: loadConfig(env),
    ownerUrl: database.ownerUrl,
    env,
    async close() {
      await database.drop();
      await deleteRedisKeys(`${prefix}:*`);
    },
  };
}

async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Starts an app on a free loopback port; returns its base URL. */
export async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}
