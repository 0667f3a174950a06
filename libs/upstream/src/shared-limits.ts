import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DomainError } from '#core';

/*
 * The limits every replica shares, as Lua scripts on Redis' own clock. Each script is loaded once
 * per connection and then run by its SHA (ioredis `defineCommand`: EVALSHA), never shipped whole.
 * Every script answers { outcome, ms left in the rate window }.
 */
const GRANTED = 0;
const RATE_REFUSED = 1;
const CONCURRENCY_REFUSED = 2;

const CLOCK = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
`;

/** The tenant's request counted in a fixed window (KEYS[1], ARGV[1] window ms, ARGV[2] allowed per window). */
const COUNT_RATE = `
local window = tonumber(ARGV[1])
local rateKey = KEYS[1] .. ':' .. math.floor(nowMs / window)
local count = redis.call('INCR', rateKey)
if count == 1 then redis.call('PEXPIRE', rateKey, window) end
local left = window - (nowMs % window)
if count > tonumber(ARGV[2]) then return { ${RATE_REFUSED}, left } end
`;

/**
 * A permit taken if fewer than the limit are held: members of a sorted set scored by their expiry,
 * so replicas with skewed clocks agree and a crashed replica's permits lapse by themselves.
 */
const takePermit = (key: number, arg: number): string => `
local permits = KEYS[${key}]
redis.call('ZREMRANGEBYSCORE', permits, '-inf', nowMs)
if redis.call('ZCARD', permits) >= tonumber(ARGV[${arg}]) then return { ${CONCURRENCY_REFUSED}, 0 } end
redis.call('ZADD', permits, nowMs + tonumber(ARGV[${arg + 1}]), ARGV[${arg + 2}])
redis.call('PEXPIRE', permits, tonumber(ARGV[${arg + 1}]))
`;

const SCRIPTS = {
  dmLimitRate: { numberOfKeys: 1, lua: `${CLOCK}${COUNT_RATE}return { ${GRANTED}, left }` },
  dmLimitPermit: { numberOfKeys: 1, lua: `${CLOCK}${takePermit(1, 1)}return { ${GRANTED}, 0 }` },
  // Today's order in one round trip: the rate is counted first, so a request refused a permit still
  // counts towards the rate, and one refused by the rate never takes a permit.
  dmLimitRateAndPermit: {
    numberOfKeys: 2,
    lua: `${CLOCK}${COUNT_RATE}${takePermit(2, 3)}return { ${GRANTED}, left }`,
  },
} as const;

type Answer = Promise<[number, number]>;
interface LimitCommands {
  dmLimitRate(rateKey: string, windowMs: number, perWindow: number): Answer;
  dmLimitPermit(permitsKey: string, limit: number, leaseMs: number, id: string): Answer;
  dmLimitRateAndPermit(
    rateKey: string,
    permitsKey: string,
    windowMs: number,
    perWindow: number,
    limit: number,
    leaseMs: number,
    id: string,
  ): Answer;
}

/**
 * How long a released permit may wait for company: releases made meanwhile, and the next acquire
 * of this process, go to Redis in one write. Another replica may see the permit held that much
 * longer (never less): the limit stays exact, only conservative by this margin.
 */
const RELEASE_DELAY_MS = 2;

/** The key the permits count under when Skatteetaten counts every municipality's calls together (no orgnr looks like it). */
export const CLIENT_WIDE = 'client';

/** A tenant's request rate, counted for `orgnr`. */
export interface TenantRate {
  orgnr: string;
  perMinute: number;
}

export interface Permit {
  /** Resolves once Redis has it, or has failed to take it: never rejects. */
  release(): Promise<void>;
}

/**
 * The operator-set request rate per tenant (a fixed one-minute window) and Skatteetaten's N
 * concurrent calls per API per organisation, enforced across every replica in Redis. A call over
 * either is refused at once with 429 rather than queued: a queue would hold sockets and memory in
 * every replica while the caller's own timeout runs out. Without Redis, 503 `limits-unavailable`.
 */
export class SharedLimits implements OnModuleDestroy {
  private readonly commands: LimitCommands;
  private pendingReleases: Array<{ key: string; id: string; done(): void }> = [];
  private releaseTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    readonly concurrencyLimit: number,
    /** Longer than any call can last (the overall upstream deadline), so live permits never lapse. */
    private readonly leaseMs: number,
    private readonly windowMs = 60_000,
  ) {
    for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, script);
    this.commands = redis as unknown as LimitCommands;
  }

  /** The rate alone: for a request whose upstream call is made elsewhere (a registration's job). */
  async countRate(rate: TenantRate): Promise<void> {
    const answer = await this.run(() => this.commands.dmLimitRate(rateKey(rate), this.windowMs, rate.perMinute));
    this.refuseUnlessGranted(answer, rate);
  }

  /**
   * One of the concurrent-call permits for (`api`, `countedFor`), in the same round trip after
   * counting `rate` when given.
   */
  async acquire(api: string, countedFor: string, rate?: TenantRate): Promise<Permit> {
    const key = `concurrency:${api}:${countedFor}`;
    const id = randomUUID();
    // This process's releases first, in the same write: it never refuses itself for a permit it gave back.
    void this.flushReleases();
    const answer = await this.run(() =>
      rate
        ? this.commands.dmLimitRateAndPermit(
            rateKey(rate),
            key,
            this.windowMs,
            rate.perMinute,
            this.concurrencyLimit,
            this.leaseMs,
            id,
          )
        : this.commands.dmLimitPermit(key, this.concurrencyLimit, this.leaseMs, id),
    );
    this.refuseUnlessGranted(answer, rate, api, countedFor);
    let released: Promise<void> | undefined;
    return {
      release: () => (released ??= new Promise((done) => this.queueRelease(key, id, done))),
    };
  }

  private queueRelease(key: string, id: string, done: () => void): void {
    this.pendingReleases.push({ key, id, done });
    this.releaseTimer ??= setTimeout(() => void this.flushReleases(), RELEASE_DELAY_MS);
  }

  /** Sends the releases waiting (ioredis auto-pipelines them into one write); a lost one lapses with its lease. */
  private flushReleases(): Promise<unknown> | undefined {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    if (this.pendingReleases.length === 0) return undefined;
    const releases = this.pendingReleases;
    this.pendingReleases = [];
    return Promise.all(releases.map(({ key, id, done }) => this.redis.zrem(key, id).then(done, done)));
  }

  /** A stopping process gives back what it holds rather than leave it to lapse (waiting a second at most, should Redis be down). */
  async onModuleDestroy(): Promise<void> {
    const sent = this.flushReleases();
    if (sent) await Promise.race([sent, sleep(1000)]);
  }

  private async run(command: () => Answer): Answer {
    try {
      return await command();
    } catch (error) {
      throw new DomainError('limits-unavailable', 'The shared limits cannot be checked (Redis is unavailable)', {
        cause: error,
      });
    }
  }

  private refuseUnlessGranted(
    [outcome, msLeft]: [number, number],
    rate?: TenantRate,
    api?: string,
    countedFor?: string,
  ): void {
    if (outcome === RATE_REFUSED) {
      throw new DomainError('rate-limit-exceeded', `The tenant may make ${rate?.perMinute} requests a minute`, {
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(msLeft / 1000))) },
      });
    }
    if (outcome === CONCURRENCY_REFUSED) {
      const per = countedFor === CLIENT_WIDE ? 'for the platform as a whole' : 'per organisation';
      throw new DomainError(
        'too-many-concurrent-calls',
        `At most ${this.concurrencyLimit} concurrent calls to the ${api} API are allowed ${per}`,
        { headers: { 'Retry-After': '1' } },
      );
    }
  }
}

const rateKey = (rate: TenantRate): string => `rate:${rate.orgnr}`;
