import { Temporal } from 'temporal-polyfill';

/**
 * One set of value parsers for both drivers (pg and PGlite), so that a row reads the same on both
 * (issue #2, point 2). Money and big integers stay decimal strings (never JS floats); calendar dates
 * stay 'YYYY-MM-DD' strings (never a local-midnight Date); instants become ISO 8601 strings in UTC.
 * Repositories turn these into Money, Temporal.PlainDate and Temporal.Instant.
 * See docs/decisions/0002-database-values-as-strings.md.
 */
export const POSTGRES_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INTERVAL: 1186,
} as const;

const TIMESTAMPTZ_TEXT = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** PostgreSQL's text for a UTC timestamptz (TimeZone=UTC, DateStyle=ISO), the only form Bezel's sessions produce. */
const UTC_TIMESTAMPTZ_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d*[1-9])?)\+00$/;

/** Turns PostgreSQL's text form of a timestamptz ('2026-11-21 13:38:59.12+00') into '2026-11-21T13:38:59.12Z'. */
export function parseTimestamptz(text: string): string {
  // Fast path: in UTC the text already is the instant; only the separator and zone change. Same
  // output as Temporal.Instant#toString (PostgreSQL also drops trailing zeros of the fraction).
  const utc = UTC_TIMESTAMPTZ_TEXT.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}Z`;
  if (text === 'infinity' || text === '-infinity') {
    throw new Error(`Bezel does not store infinite timestamps (got ${text})`);
  }
  const match = TIMESTAMPTZ_TEXT.exec(text);
  if (!match) throw new Error(`Unexpected timestamptz text from the database: ${text}`);
  const [, day, time, hours, minutes = '00', seconds] = match;
  const offset = `${hours}:${minutes}${seconds ? `:${seconds}` : ''}`;
  return Temporal.Instant.from(`${day}T${time}${offset}`).toString();
}

function keepText(text: string): string {
  return text;
}

export const valueParsers: Record<number, (text: string) => unknown> = {
  [POSTGRES_TYPE.INT8]: keepText,
  [POSTGRES_TYPE.NUMERIC]: keepText,
  [POSTGRES_TYPE.DATE]: keepText,
  [POSTGRES_TYPE.TIMESTAMP]: keepText,
  [POSTGRES_TYPE.TIMESTAMPTZ]: parseTimestamptz,
  [POSTGRES_TYPE.INTERVAL]: keepText,
};
