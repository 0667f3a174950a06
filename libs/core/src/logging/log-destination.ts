import { pino } from 'pino';

/** Lines are handed on once this much is gathered: a busy process makes one write per many lines. */
const MIN_WRITE_CHARS = 8192;
/** A quiet process still writes what it has this often, so operators and tests see a line within a second. */
const FLUSH_INTERVAL_MS = 500;

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * pino's destination for every logger of a process: lines are gathered here (an array push per
 * line) and handed as one chunk to a sonic-boom on stdout, which writes asynchronously and handles
 * partial writes, EAGAIN and a closed pipe. sonic-boom's own buffering (minLength) re-measures
 * its growing buffer on every line, several µs per line under load; gathering here avoids that.
 */
export class LogDestination {
  private lines: string[] = [];
  private chars = 0;

  constructor(private readonly out: SonicBoom) {
    setInterval(() => this.handOn(), FLUSH_INTERVAL_MS).unref();
    // Runs on every exit, also after an uncaught exception: nothing gathered is lost.
    process.on('exit', () => this.flushSync());
  }

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= MIN_WRITE_CHARS) this.handOn();
  }

  /** Resolves once every line written so far has reached stdout (or after `timeoutMs`). */
  drained(timeoutMs: number): Promise<void> {
    this.handOn();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.out.once('drain', done);
      // An empty write: sonic-boom says 'drain' once it and whatever it still holds are written.
      this.out.write('');
    });
  }

  flushSync(): void {
    this.handOn();
    try {
      this.out.flushSync();
    } catch {
      // stdout closed: there is nowhere left to write to
    }
  }

  private handOn(): void {
    if (this.lines.length === 0) return;
    const chunk = this.lines.length === 1 ? this.lines[0] : this.lines.join('');
    this.lines = [];
    this.chars = 0;
    this.out.write(chunk);
  }
}

let destination: LogDestination | undefined;

/**
 * The process's one log destination: stdout written asynchronously in chunks, instead of one
 * synchronous write per line. Shared by every logger of the process, so lines stay in order.
 * Nothing is lost: whatever is gathered is written synchronously when the process exits (also on
 * an uncaught exception or `process.exit`; the shutdown hooks end the process that way and first
 * wait for the writes, see LoggingModule), and a quiet process's lines every FLUSH_INTERVAL_MS.
 */
export function logDestination(): LogDestination {
  destination ??= new LogDestination(pino.destination({ dest: 1, sync: false }));
  return destination;
}
