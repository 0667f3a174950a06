import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '#core';
import { ChangeListener } from '#database';
import { MetricsRegistry } from '#runtime';
import {
  ALL_TENANTS,
  POLICY_CHANGE_CHANNEL,
  type PolicyStateSnapshot,
  PolicyStateRepository,
  type TenantPolicyState,
  UNKNOWN_TENANT,
} from '#tenancy';

const RETRY_MS = 1000;
/** Longest pause between retries of a failed full reload. */
const MAX_RETRY_MS = 30_000;

/**
 * The policy state, held in this gateway process so a decision needs no database round trip.
 * Every change committed through the admin API is NOTIFYed on POLICY_CHANGE_CHANNEL; the tenant it
 * names is reloaded at once, so a change is in force on every replica within milliseconds. A full
 * reload runs periodically and after every (re)connection of the listener, in case a notification
 * was missed. The state is fail-closed: while it is older than the allowed staleness (listener
 * down and no recent full load), or a tenant's reload failed, requests get 503. A failed full
 * reload means a notification may have been missed, so every tenant is refused (except those
 * reloaded on their own since) until a full reload succeeds; it is retried with backoff.
 */
/** What applies to every tenant: terms versions, operator-wide API pauses, blocked data subjects. */
export type PlatformWideState = Pick<PolicyStateSnapshot, 'terms' | 'pausedApis' | 'blockedSubjectHashes'>;

@Injectable()
export class PolicyStateStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PolicyStateStore');
  private tenants = new Map<string, TenantPolicyState>();
  private platform: PlatformWideState = { terms: [], pausedApis: [], blockedSubjectHashes: new Set() };
  private loadedAt = 0;
  private readonly pending = new Set<string>();
  /** Tenants whose last reload failed: refused until a reload succeeds. */
  private readonly dirty = new Set<string>();
  /** The last full reload failed: every tenant is refused but those reloaded on their own since. */
  private allDirty = false;
  private readonly reloadedSinceFailure = new Set<string>();
  private fullReloadFailures = 0;
  private retryTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private readonly listener: ChangeListener;
  private reloadTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repository: PolicyStateRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {
    this.listener = new ChangeListener(
      config.database.url,
      [POLICY_CHANGE_CHANNEL],
      {
        onNotification: (_, orgnr) => this.changed(orgnr),
        onReconnected: () => this.changed(ALL_TENANTS),
      },
      { heartbeatMs: config.policy.listenerHeartbeatMs },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.changed(ALL_TENANTS);
    await this.draining;
    if (this.loadedAt === 0) this.logger.error('policy state not loaded; requests are refused until it is');
    this.reloadTimer = setInterval(() => this.changed(ALL_TENANTS), this.config.policy.reloadIntervalMs);
    this.reloadTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reloadTimer);
    clearTimeout(this.retryTimer);
    await this.listener.stop();
    await this.draining;
  }

  /** The state of one tenant for a decision; throws 503 when it cannot be trusted. */
  stateOf(orgnr: string): TenantPolicyState {
    this.assertFresh(orgnr);
    return this.tenants.get(orgnr) ?? UNKNOWN_TENANT;
  }

  platformWide(): PlatformWideState {
    return this.platform;
  }

  /** For readiness: loaded and fresh. */
  assertFresh(orgnr?: string): void {
    const age = Date.now() - this.loadedAt;
    const fresh = this.loadedAt > 0 && (this.listener.connected || age <= this.config.policy.maxStalenessMs);
    const tenantStale =
      orgnr !== undefined && (this.dirty.has(orgnr) || (this.allDirty && !this.reloadedSinceFailure.has(orgnr)));
    // Readiness (no orgnr) fails too while the full state could not be reloaded.
    if (!fresh || tenantStale || (orgnr === undefined && this.allDirty)) {
      throw new DomainError(
        'policy-state-unavailable',
        'The policy state could not be kept current, so no request is allowed for now',
      );
    }
  }

  /** Marks a tenant (or all, '*') as changed and reloads it soon; reloads run one at a time. */
  changed(orgnr: string): void {
    this.pending.add(orgnr);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && !this.stopped) {
      const batch = [...this.pending];
      this.pending.clear();
      // A full reload covers every tenant named in the same batch; if it fails, they stay refused with everyone else until the retry succeeds.
      if (batch.includes(ALL_TENANTS)) await this.reloadAllOrRetry();
      else for (const orgnr of batch) await this.reloadTenant(orgnr);
    }
  }

  private async reloadAllOrRetry(): Promise<void> {
    try {
      await this.reloadAll();
      this.fullReloadFailures = 0;
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    } catch (error) {
      this.allDirty = true;
      this.reloadedSinceFailure.clear();
      this.fullReloadFailures += 1;
      const delay = Math.min(
        MAX_RETRY_MS,
        this.config.policy.reloadIntervalMs,
        RETRY_MS * 2 ** (this.fullReloadFailures - 1),
      );
      this.logger.warn(
        { reason: (error as Error).message, retryInMs: delay },
        'full policy state reload failed; every tenant is refused until it succeeds',
      );
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.changed(ALL_TENANTS), delay);
      this.retryTimer.unref();
    }
  }

  private async reloadAll(): Promise<void> {
    const startedAt = Date.now();
    const snapshot = await this.repository.load(this.config.environment);
    this.tenants = snapshot.tenants;
    this.platform = snapshot;
    this.dirty.clear();
    this.allDirty = false;
    this.reloadedSinceFailure.clear();
    this.loadedAt = startedAt;
    this.metrics
      .gauge(
        'policy_state_loaded_timestamp_seconds',
        'When the whole policy state was last loaded (alert on time() minus this)',
      )
      .set(startedAt / 1000);
  }

  private async reloadTenant(orgnr: string): Promise<void> {
    try {
      const snapshot = await this.repository.load(this.config.environment, orgnr);
      const state = snapshot.tenants.get(orgnr);
      if (state) this.tenants.set(orgnr, state);
      else this.tenants.delete(orgnr);
      this.platform = snapshot;
      this.dirty.delete(orgnr);
      if (this.allDirty) this.reloadedSinceFailure.add(orgnr);
    } catch (error) {
      this.dirty.add(orgnr);
      this.logger.warn(
        { reason: (error as Error).message },
        'policy state reload of a tenant failed; its requests are refused until it succeeds',
      );
      setTimeout(() => this.changed(orgnr), RETRY_MS).unref();
    }
  }
}
