import { describe, expect, it } from '@jest/globals';
import { consistently, eventually } from './eventually.js';

describe('eventually', () => {
  it('answers with the first value that is neither undefined nor false', async () => {
    let tries = 0;
    const answers = [undefined, false, 0, 'found'];
    expect(await eventually(() => answers[tries++], { interval: 1 })).toBe(0);
    expect(tries).toBe(3);
  });

  it('tries again after a thrown error, and at the deadline fails with the last one as its cause', async () => {
    const failure = new Error('expected 200, got 503');
    let tries = 0;
    const error = (await eventually(
      () => {
        tries += 1;
        throw failure;
      },
      { timeout: 30, interval: 5 },
    ).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe('not met within 30 ms: expected 200, got 503');
    expect(error.cause).toBe(failure);
    expect(tries).toBeGreaterThan(1);
  });

  it('takes the timeout alone as its second argument, as the first version did', async () => {
    await expect(eventually(() => false, 20)).rejects.toThrow('not met within 20 ms: the probe answered false');
  });
});

describe('consistently', () => {
  it('checks throughout the window', async () => {
    let checks = 0;
    await consistently(() => ++checks > 0, { duration: 30, interval: 5 });
    expect(checks).toBeGreaterThan(2);
  });

  it('fails as soon as the check stops holding', async () => {
    let checks = 0;
    await expect(consistently(() => ++checks < 3, { duration: 1000, interval: 1 })).rejects.toThrow(
      'stopped holding within 1000 ms',
    );
    expect(checks).toBe(3);
  });
});
