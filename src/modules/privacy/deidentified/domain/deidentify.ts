import { createHmac } from 'node:crypto';
import { Decimal } from 'decimal.js';

/**
 * PRV-DEID-1: "aggregated/de-identified data may be used and shared" — the de-identified export removes
 * identifiers (names, emails, addresses, policy numbers, item descriptions), replaces ids by keyed
 * pseudonyms, generalises what is left (state and country only, coverage amount in bands, the year
 * instead of dates) and suppresses every group of rows (equivalence class on the generalised values)
 * smaller than the minimum cell size, so no row stands out in a group of fewer than 10.
 */
export const MIN_CELL_SIZE = 10;

/**
 * The pseudonym key is derived from the application secret and never stored: without it a pseudonym
 * cannot be recomputed from an id, and with a different secret the pseudonyms differ entirely.
 */
export function deriveExportKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('bezel:deidentified-export:v1').digest();
}

/**
 * A keyed pseudonym: HMAC-SHA-256 of kind and id, 20 hex digits (80 bits). Stable for the same key. Hex, not
 * base64url: a value starting with '-' would be taken for a formula by spreadsheets and escaped in the CSV.
 */
export function pseudonym(key: Buffer, kind: string, id: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, 20);
}

/** Coverage bands, lower bounds inclusive, in the policy's currency. */
const BAND_BOUNDS = [0, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000] as const;

/** Generalises an amount to its band: '7500.00' → '5000-9999'; 100000 and more → '100000+'. */
export function coverageBand(amount: string): string {
  const value = new Decimal(amount);
  if (value.isNegative()) throw new Error('A coverage amount is never negative');
  for (let index = BAND_BOUNDS.length - 1; index >= 0; index--) {
    const lower = BAND_BOUNDS[index] as number;
    if (value.greaterThanOrEqualTo(lower)) {
      const upper = BAND_BOUNDS[index + 1];
      return upper === undefined ? `${lower}+` : `${lower}-${upper - 1}`;
    }
  }
  return '0-999';
}

/** '2026-11-21' → '2026'. */
export function yearOf(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('A date is YYYY-MM-DD');
  return date.slice(0, 4);
}

export type SourceItem = {
  policyId: string;
  holderUserId: string;
  itemNo: number;
  state: string | null;
  country: string | null;
  productCode: string;
  category: string;
  coverageAmount: string;
  currency: string;
  firstDay: string;
  status: string;
};

export type DeidentifiedRow = {
  holder: string;
  policy: string;
  item: string;
  state: string;
  country: string;
  product: string;
  category: string;
  coverage_band: string;
  currency: string;
  policy_year: string;
  status: string;
};

export const DEIDENTIFIED_COLUMNS = [
  'holder',
  'policy',
  'item',
  'state',
  'country',
  'product',
  'category',
  'coverage_band',
  'currency',
  'policy_year',
  'status',
] as const satisfies readonly (keyof DeidentifiedRow)[];

/** The generalised values a row can be singled out by (quasi-identifiers); pseudonyms are not among them. */
const QUASI_IDENTIFIERS = ['state', 'country', 'product', 'category', 'coverage_band', 'currency', 'policy_year', 'status'] as const;

export function deidentifyItem(key: Buffer, item: SourceItem): DeidentifiedRow {
  return {
    holder: pseudonym(key, 'person', item.holderUserId),
    policy: pseudonym(key, 'policy', item.policyId),
    item: pseudonym(key, 'item', `${item.policyId}:${item.itemNo}`),
    state: item.state ?? '',
    country: item.country ?? '',
    product: item.productCode,
    category: item.category,
    coverage_band: coverageBand(item.coverageAmount),
    currency: item.currency,
    policy_year: yearOf(item.firstDay),
    status: item.status,
  };
}

/** Drops every row whose group (same quasi-identifiers) has fewer than `minCellSize` rows. */
export function suppressSmallCells(rows: readonly DeidentifiedRow[], minCellSize = MIN_CELL_SIZE): { rows: DeidentifiedRow[]; suppressed: number } {
  const cellOf = (row: DeidentifiedRow) => JSON.stringify(QUASI_IDENTIFIERS.map((column) => row[column]));
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(cellOf(row), (sizes.get(cellOf(row)) ?? 0) + 1);
  const kept = rows.filter((row) => (sizes.get(cellOf(row)) ?? 0) >= minCellSize);
  return { rows: kept, suppressed: rows.length - kept.length };
}

/** RFC 4180 CSV: every field quoted when it holds a comma, quote or line break; CRLF line ends. */
export function toCsv<T extends Record<string, string>>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  // A leading = + - @ would be run as a formula by spreadsheets: prefix it (CSV injection).
  const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => field(safe(row[column] ?? ''))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
