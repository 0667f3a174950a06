import { pino } from 'pino';

/** Lines are written once this much is buffered: a busy process makes one write per many lines. */
const MIN_WRITE_BYTES = 8192;
/** A quiet process still writes what it has this often, so operators and tests see a line within a second. */
const FLUSH_INTERVAL_MS = 500;

export type LogDestination = ReturnType<typeof pino.destination>;

let destination: LogDestination | undefined;

/**
 * The process's one log destination: stdout through a buffer written asynchronously, instead of
 * one synchronous write per line. Shared by every logger of the process, so lines stay in order.
 * Nothing is lost: pino writes the buffer out synchronously when the process exits (also on an
 * uncaught exception or `process.exit`; the shutdown hooks end the process that way, see
 * bootstrap), and a quiet process's buffer is written out every FLUSH_INTERVAL_MS.
 */
export function logDestination(): LogDestination {
  destination ??= pino.destination({
    dest: 1,
    sync: false,
    minLength: MIN_WRITE_BYTES,
    periodicFlush: FLUSH_INTERVAL_MS,
  });
  return destination;
}
