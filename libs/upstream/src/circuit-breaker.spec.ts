import { describe, expect, it } from '@jest/globals';
import { CircuitBreaker } from './circuit-breaker.js';

function breaker() {
  let now = 1_000;
  const subject = new CircuitBreaker({ failureThreshold: 3, openMs: 500, now: () => now });
  return { subject, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and resets on success', () => {
    const { subject } = breaker();
    subject.onFailure();
    subject.onFailure();
    subject.onSuccess();
    subject.onFailure();
    subject.onFailure();
    expect(subject.state).toBe('closed');
    expect(subject.tryAcquire()).toBe(true);
  });

  it('opens after consecutive failures and refuses at once', () => {
    const { subject, advance } = breaker();
    for (let i = 0; i < 3; i++) subject.onFailure();
    expect(subject.state).toBe('open');
    expect(subject.tryAcquire()).toBe(false);
    advance(200);
    expect(subject.retryAfterMs()).toBe(300);
  });

  it('lets exactly one probe through when half-open; success closes', () => {
    const { subject, advance } = breaker();
    for (let i = 0; i < 3; i++) subject.onFailure();
    advance(500);
    expect(subject.state).toBe('half-open');
    expect(subject.tryAcquire()).toBe(true);
    expect(subject.tryAcquire()).toBe(false);
    subject.onSuccess();
    expect(subject.state).toBe('closed');
    expect(subject.tryAcquire()).toBe(true);
  });

  it('reopens when the probe fails', () => {
    const { subject, advance } = breaker();
    for (let i = 0; i < 3; i++) subject.onFailure();
    advance(600);
    expect(subject.tryAcquire()).toBe(true);
    subject.onFailure();
    expect(subject.state).toBe('open');
    expect(subject.retryAfterMs()).toBe(500);
  });
});
