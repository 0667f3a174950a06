/** Injection token for the clock used by libs/maskinporten (tests may replace it). */
export const MASKINPORTEN_CLOCK = Symbol('MASKINPORTEN_CLOCK');
