/**
 * The back office's policy search (issue #3, "Screens and API": search by policy number, name, email
 * and item). Pure: what the searcher typed becomes the patterns the repository matches with.
 *
 *  - policy number and holder email: prefix, case-insensitive, as LIKE 'prefix%'. The input's LIKE
 *    wildcards (% and _) and the escape character itself are escaped, so "JW_2026" finds only
 *    numbers that begin with those very characters, and "%" finds nothing but a literal percent sign;
 *  - named insureds and item descriptions: every word of the input must begin a word of the name or
 *    description ("carl cust" finds "Carla Customer"). Words are runs of letters and digits, so no
 *    text-search operator can come from the input.
 *
 * Too short a query would list half the book, too long one is no search; control characters
 * (a NUL byte is refused by PostgreSQL) are refused as well.
 */

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
/** More words than this add nothing to a search and only make the query longer. */
export const SEARCH_MAX_WORDS = 8;

export type SearchQuery = {
  /** The input, trimmed. */
  text: string;
  /** LIKE pattern for policy numbers (upper case, as they are issued), wildcards escaped, '%' appended. */
  numberPattern: string;
  /** LIKE pattern for email addresses (stored in lower case), wildcards escaped, '%' appended. */
  emailPattern: string;
  /** Lower-case words; empty when the input has no letters or digits. */
  words: string[];
};

export type SearchQueryProblem = 'query_missing' | 'query_too_short' | 'query_too_long' | 'query_invalid';

export type ParsedSearchQuery = { ok: true; query: SearchQuery } | { ok: false; problem: SearchQueryProblem };

/** Escapes the LIKE wildcards and the escape character (backslash; the SQL says ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, SEARCH_MAX_WORDS);
}

/** A prefix query for to_tsquery('simple', …): 'carl:* & cust:*'. Words hold only letters and digits. */
export function prefixTsQuery(words: readonly string[]): string {
  return words.map((word) => `${word}:*`).join(' & ');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseSearchQuery(raw: string | undefined): ParsedSearchQuery {
  if (raw === undefined) return { ok: false, problem: 'query_missing' };
  const text = raw.trim();
  if (text.length === 0) return { ok: false, problem: 'query_missing' };
  if (CONTROL.test(text)) return { ok: false, problem: 'query_invalid' };
  const length = [...text].length;
  if (length < SEARCH_MIN_LENGTH) return { ok: false, problem: 'query_too_short' };
  if (length > SEARCH_MAX_LENGTH) return { ok: false, problem: 'query_too_long' };
  return {
    ok: true,
    query: {
      text,
      numberPattern: `${escapeLike(text.toUpperCase())}%`,
      emailPattern: `${escapeLike(text.toLowerCase())}%`,
      words: searchWords(text),
    },
  };
}
