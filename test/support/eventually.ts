export interface EventuallyOptions {
  /** How long to keep trying, in milliseconds (10 s by default). */
  timeout?: number;
  /** Pause between tries, in milliseconds (50 by default). */
  interval?: number;
}

/**
 * Polls `probe` until it answers: returns without throwing a value other than `undefined` or
 * `false`, and resolves to that value. Tests wait for a condition this way instead of sleeping a
 * fixed time: as long as needed on a loaded machine, no longer on an idle one. At the deadline it
 * fails with the probe's last error (an `expect` inside keeps its message) or its last answer.
 * The second argument may be the timeout alone, as the first version of this helper took it.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  options: EventuallyOptions | number = {},
): Promise<Exclude<T, undefined | false>> {
  const { timeout = 10_000, interval = 50 } = typeof options === 'number' ? { timeout: options } : options;
  const deadline = Date.now() + timeout;
  for (;;) {
    let last: string;
    let cause: unknown;
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
      last = `the probe answered ${String(value)}`;
    } catch (error) {
      cause = error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`not met within ${timeout} ms: ${last}`, { cause });
    await pause(interval);
  }
}

/**
 * Checks that something does not happen: `check` (an assertion, or a condition that must not be
 * `false`) holds on every try over `duration` milliseconds. For the rare test of an absence, where
 * no event marks the moment the test may stop looking.
 */
export async function consistently(
  check: () => unknown,
  { duration, interval = 50 }: { duration: number; interval?: number },
): Promise<void> {
  const until = Date.now() + duration;
  for (;;) {
    if ((await check()) === false) throw new Error(`stopped holding within ${duration} ms`);
    if (Date.now() >= until) return;
    await pause(interval);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
