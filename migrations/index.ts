import type { MixedList } from 'typeorm';
import { Foundation1764530000000 } from './1764530000000-foundation.js';

/** Every migration in order; the data source takes them from here rather than from a glob. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: MixedList<Function> = [Foundation1764530000000];
