import { describe, expect, it, jest } from '@jest/globals';
import { type BreakerPermit, CircuitBreaker } from './circuit-breaker.js';

function breaker() {
  let now = 1_000;
  const subject = new CircuitBreaker({ failureThreshold: 3, openMs: 500, probeTimeoutMs: 2_000, now: () => now });
  return { subject, advance: (ms: number) => (now += ms) };
}

const fail = (subject: CircuitBreaker, times: number) => {
  for (let i = 0; i < times; i++) (subject.acquire() as BreakerPermit).settle(true);
};

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and resets on success', () => {
    const { subject } = breaker();
    fail(subject, 2);
    subject.acquire()?.settle(false);
    fail(subject, 2);
    expect(subject.state).toBe('closed');
    expect(subject.acquire()).not.toBeNull();
  });

  it('opens after consecutive failures and refuses at once', () => {
    const { subject, advance } = breaker();
    fail(subject, 3);
    expect(subject.state).toBe('open');
    expect(subject.acquire()).toBeNull();
    advance(200);
    expect(subject.retryAfterMs()).toBe(300);
  });

  it('lets exactly one probe through when half-open; success closes', () => {
    const { subject, advance } = breaker();
    fail(subject, 3);
    advance(500);
    expect(subject.state).toBe('half-open');
    const probe = subject.acquire();
    expect(probe).not.toBeNull();
    expect(subject.acquire()).toBeNull();
    probe?.settle(false);
    expect(subject.state).toBe('closed');
    expect(subject.acquire()).not.toBeNull();
  });

  it('reopens when the probe fails', () => {
    const { subject, advance } = breaker();
    fail(subject, 3);
    advance(600);
    subject.acquire()?.settle(true);
    expect(subject.state).toBe('open');
    expect(subject.retryAfterMs()).toBe(500);
  });

  it('settles a probe that throws as a failure, so the next probe is allowed after openMs', async () => {
    const { subject, advance } = breaker();
    fail(subject, 3);
    advance(500);
    const probe = subject.acquire() as BreakerPermit;
    await expect(
      subject.run(
        probe,
        () => Promise.reject(new Error('not an upstream answer')),
        () => false,
      ),
    ).rejects.toThrow('not an upstream answer');
    expect(subject.state).toBe('open');
    advance(500);
    expect(subject.acquire()).not.toBeNull();
  });

  it('counts a result judged failed as a failure and a good one as success', async () => {
    const { subject, advance } = breaker();
    fail(subject, 3);
    advance(500);
    await subject.run(
      subject.acquire() as BreakerPermit,
      async () => 503,
      (status) => status >= 500,
    );
    expect(subject.state).toBe('open');
    advance(500);
    await subject.run(
      subject.acquire() as BreakerPermit,
      async () => 200,
      (status) => status >= 500,
    );
    expect(subject.state).toBe('closed');
  });

  it('fails a probe that does not settle within its time limit, and ignores its late outcome', () => {
    jest.useFakeTimers();
    try {
      let now = 1_000;
      const subject = new CircuitBreaker({ failureThreshold: 1, openMs: 500, probeTimeoutMs: 2_000, now: () => now });
      fail(subject, 1);
      now += 500;
      const hung = subject.acquire() as BreakerPermit;
      expect(subject.acquire()).toBeNull();
      jest.advanceTimersByTime(2_000);
      expect(subject.state).toBe('open');
      now += 500;
      const next = subject.acquire();
      expect(next).not.toBeNull();
      hung.settle(false);
      expect(subject.state).toBe('half-open');
      next?.settle(false);
      expect(subject.state).toBe('closed');
    } finally {
      jest.useRealTimers();
    }
  });
});
