import { Temporal } from 'temporal-polyfill';

/** The clock is injected everywhere, so tests can say what time it is. */
export type Clock = {
  now(): Temporal.Instant;
};

export const systemClock: Clock = {
  now: () => Temporal.Now.instant(),
};

/** A clock that stands still until moved: for tests and for replaying a day. */
export class FixedClock implements Clock {
  #current: Temporal.Instant;

  constructor(start: Temporal.Instant | string) {
    this.#current = typeof start === 'string' ? Temporal.Instant.from(start) : start;
  }

  now(): Temporal.Instant {
    return this.#current;
  }

  set(instant: Temporal.Instant | string): void {
    this.#current = typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
  }

  advance(duration: Temporal.DurationLike): void {
    this.#current = this.#current.add(duration);
  }
}

/** Timestamps go to the database as ISO strings in UTC (see value-parsers.ts). */
export function nowText(clock: Clock): string {
  // Same text as Temporal.Instant#toString (milliseconds, trailing zeros dropped), without building an Instant.
  if (clock === systemClock) return new Date().toISOString().replace(/\.?0+Z$/, 'Z');
  return clock.now().toString();
}
