import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisClient } from '../redis/redis.module.js';
import { type ReadinessCheck, withTimeout } from './readiness-check.js';

const CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'PostgreSQL');
  }
}

@Injectable()
export class RedisReadinessCheck implements ReadinessCheck {
  readonly name = 'redis';
  constructor(private readonly redis: RedisClient) {}

  async check(): Promise<void> {
    await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'Redis');
  }
}
