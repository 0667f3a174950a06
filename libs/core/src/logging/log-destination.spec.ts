import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { LogDestination } from './log-destination.js';

/** A stand-in for sonic-boom: records each chunk, says 'drain' after each write. */
class FakeOut extends EventEmitter {
  readonly chunks: string[] = [];
  readonly synced: string[] = [];
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    setImmediate(() => this.emit('drain'));
    return true;
  }
  flushSync(): void {
    this.synced.push(...this.chunks);
  }
}

function destination(): { out: FakeOut; log: LogDestination } {
  const out = new FakeOut();
  return { out, log: new LogDestination(out as unknown as ConstructorParameters<typeof LogDestination>[0]) };
}

const line = `${JSON.stringify({ msg: 'x'.repeat(200) })}\n`;

describe('LogDestination', () => {
  it('hands lines on in chunks of at least 8 KiB, in order and whole', () => {
    const { out, log } = destination();
    for (let index = 0; index < 100; index++) log.write(line);
    expect(out.chunks.length).toBeGreaterThan(0);
    expect(out.chunks.length).toBeLessThan(5);
    for (const chunk of out.chunks) expect(chunk.length).toBeGreaterThanOrEqual(8192);
    log.flushSync();
    expect(out.chunks.join('')).toBe(line.repeat(100));
  });

  it('writes out what a quiet process gathered: on drain, and synchronously at exit', async () => {
    const { out, log } = destination();
    log.write(line);
    expect(out.chunks).toEqual([]);
    await log.drained(1000);
    expect(out.chunks.join('')).toBe(line);

    log.write(line);
    log.flushSync();
    expect(out.synced.join('')).toBe(line + line);
  });
});
