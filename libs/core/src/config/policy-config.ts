import type { EnvReader } from './env-reader.js';

/** The gateway's policy: input bounds and how its in-process copy of the policy state stays fresh. */
export interface PolicyConfig {
  /** Longest period for Inntekt API, counting both end months. */
  maxPeriodMonths: number;
  incomeYears: { min: number; max: number };
  /** Full reload of the state, a safety net behind the change notifications. */
  reloadIntervalMs: number;
  /** Older than this (no successful load, listener down) and the gateway refuses with 503. */
  maxStalenessMs: number;
  /** The change listener's connection is checked this often, and counted down when a check is not answered within it. */
  listenerHeartbeatMs: number;
  /**
   * Key of the hashes under which blocked data subjects are held (libs/policy subjectKey). Unset
   * outside APP_ENV=test means blocking is unavailable; the processes that need it refuse to start.
   */
  subjectBlockKey?: string;
  /**
   * The 2026 transition of utleggstrekk (issue 18): until `transitionUntil` (ISO instant) a
   * registration needs the tenant's latest oppslag samordnet trekk for the debtor, at most
   * `maxAgeDays` old, to have answered yes.
   */
  samordnetTrekk: { transitionUntil: string; maxAgeDays: number };
}

/** `YYYY-MM-DD` as the instant that day begins in Norway (the transition ends at midnight, Norwegian time). */
export function osloDayStart(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utcMidnight).toISOString().slice(0, 10) !== date) return undefined;
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMidnight))
    .find((part) => part.type === 'timeZoneName')?.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '') ?? [];
  const offsetMs = sign ? (sign === '+' ? 1 : -1) * (Number(hours) * 60 + Number(minutes)) * 60_000 : 0;
  return new Date(utcMidnight - offsetMs).toISOString();
}

const TEST_ONLY_BLOCK_KEY = 'test-only-subject-block-key-never-use-in-production';

export function loadPolicy(read: EnvReader, testEnvironment: boolean, now = new Date()): PolicyConfig {
  // By default the last finished income year is the newest; Skatteetaten settles a year the year after.
  const lastYear = now.getUTCFullYear() - 1;
  const config: PolicyConfig = {
    maxPeriodMonths: read.int('POLICY_MAX_PERIOD_MONTHS', 12, { min: 1, max: 240 }),
    incomeYears: {
      min: read.int('POLICY_INCOME_YEAR_MIN', 2017, { min: 1990, max: 2100 }),
      max: read.int('POLICY_INCOME_YEAR_MAX', lastYear, { min: 1990, max: 2100 }),
    },
    reloadIntervalMs: read.int('POLICY_RELOAD_INTERVAL_MS', 30_000, { min: 100, max: 3_600_000 }),
    maxStalenessMs: read.int('POLICY_MAX_STALENESS_MS', 90_000, { min: 500, max: 3_600_000 }),
    listenerHeartbeatMs: read.int('POLICY_LISTENER_HEARTBEAT_MS', 10_000, { min: 100, max: 600_000 }),
    subjectBlockKey:
      read.optionalString('POLICY_SUBJECT_BLOCK_KEY') ?? (testEnvironment ? TEST_ONLY_BLOCK_KEY : undefined),
    samordnetTrekk: {
      // From 1 January 2027 every decision goes through the API (reference §3, "Overgangsperioden").
      transitionUntil: osloDayStart(read.string('UTLEGGSTREKK_TRANSITION_UNTIL', '2027-01-01')) ?? '',
      maxAgeDays: read.int('UTLEGGSTREKK_SAMORDNET_TREKK_MAX_AGE_DAYS', 30, { min: 1, max: 366 }),
    },
  };
  if (config.samordnetTrekk.transitionUntil === '')
    read.fail('UTLEGGSTREKK_TRANSITION_UNTIL must be a date as YYYY-MM-DD');
  if (config.subjectBlockKey !== undefined && config.subjectBlockKey.length < 32)
    read.fail('POLICY_SUBJECT_BLOCK_KEY must be at least 32 characters');
  if (config.incomeYears.min > config.incomeYears.max)
    read.fail('POLICY_INCOME_YEAR_MIN must not be after POLICY_INCOME_YEAR_MAX');
  if (config.maxStalenessMs <= config.reloadIntervalMs)
    read.fail('POLICY_MAX_STALENESS_MS must be longer than POLICY_RELOAD_INTERVAL_MS');
  return config;
}
