import { Decimal } from 'decimal.js';
import { type RateRow, type RateTableSpec, VALUE_LIMITS } from './rate-tables.ts';

/**
 * Parses an uploaded rate table (issue #3: "uploaded as CSV …, validated (clear line-by-line
 * errors, nothing half-loaded) before activation"). The format is a `key,value` header, then one
 * row per line; blank lines and lines starting with `#` are skipped; a field may be wrapped in
 * double quotes. The result is either every row or every error, never part of the table.
 */
export type CsvErrorCode =
  | 'empty'
  | 'too_many_rows'
  | 'missing_header'
  | 'missing_key'
  | 'missing_value'
  | 'too_many_fields'
  | 'not_a_decimal'
  | 'negative'
  | 'zero_not_allowed'
  | 'too_large'
  | 'too_many_decimals'
  | 'duplicate_key'
  | 'unknown_key'
  | 'missing_row';

/** `line` is 1-based as an editor shows it; null for a problem of the whole table (a missing row). */
export type CsvError = {
  line: number | null;
  code: CsvErrorCode;
  key?: string;
  value?: string;
  /** For duplicate_key: the line that has the key first. */
  firstLine?: number;
  /** For too_large / too_many_decimals: the limit. */
  limit?: string;
};

export type CsvParseResult = { ok: true; rows: RateRow[] } | { ok: false; errors: CsvError[] };

export const MAX_RATE_ROWS = 5000;
/** Plain decimal notation only: no exponent, no thousands separator, no decimal comma. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export function parseRateTableCsv(text: string, spec: RateTableSpec): CsvParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const errors: CsvError[] = [];
  const rows: RateRow[] = [];
  const firstLineOfKey = new Map<string, number>();
  let headerSeen = false;
  let dataLines = 0;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) continue;
    const fields = content.split(',').map(unquote);
    if (!headerSeen) {
      headerSeen = true;
      if (fields.length === 2 && fields[0]?.toLowerCase() === 'key' && fields[1]?.toLowerCase() === 'value') continue;
      // Without the header the first line is read as data too, so its own errors are reported.
      errors.push({ line, code: 'missing_header' });
    }
    dataLines += 1;
    if (dataLines > MAX_RATE_ROWS) {
      errors.push({ line, code: 'too_many_rows', limit: String(MAX_RATE_ROWS) });
      break;
    }
    const row = checkRow(line, fields, spec, firstLineOfKey);
    if ('errors' in row) errors.push(...row.errors);
    else {
      firstLineOfKey.set(row.key, line);
      rows.push(row);
    }
  }
  if (dataLines === 0) return { ok: false, errors: [...errors, { line: null, code: 'empty' }] };
  for (const key of spec.required) {
    // A key whose only line was refused is reported on that line, not again as missing.
    if (!firstLineOfKey.has(key) && !errors.some((error) => error.key === key)) errors.push({ line: null, code: 'missing_row', key });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function checkRow(line: number, fields: string[], spec: RateTableSpec, firstLineOfKey: Map<string, number>): RateRow | { errors: CsvError[] } {
  const [rawKey = '', rawValue, ...extra] = fields;
  if (extra.length > 0) return { errors: [{ line, code: 'too_many_fields' }] };
  const errors: CsvError[] = [];
  const key = rawKey === '' ? null : spec.normalizeKey(rawKey);
  if (rawKey === '') errors.push({ line, code: 'missing_key' });
  else if (key === null || !spec.known.has(key)) errors.push({ line, code: 'unknown_key', key: rawKey });
  else if (firstLineOfKey.has(key)) errors.push({ line, code: 'duplicate_key', key, firstLine: firstLineOfKey.get(key) as number });
  const valueError = checkValue(line, rawValue, spec);
  if (valueError) errors.push(key && spec.known.has(key) ? { ...valueError, key } : valueError);
  if (errors.length > 0 || key === null) return { errors };
  return { key, value: rawValue as string };
}

function checkValue(line: number, value: string | undefined, spec: RateTableSpec): CsvError | null {
  if (value === undefined || value === '') return { line, code: 'missing_value' };
  if (!DECIMAL_TEXT.test(value)) return { line, code: 'not_a_decimal', value };
  const limits = VALUE_LIMITS[spec.valueKind];
  const amount = new Decimal(value);
  if (amount.isNegative() && !amount.isZero()) return { line, code: 'negative', value };
  if (amount.isZero() && !limits.zeroAllowed) return { line, code: 'zero_not_allowed', value };
  if (amount.greaterThan(limits.max)) return { line, code: 'too_large', value, limit: limits.max };
  if (amount.decimalPlaces() > limits.decimals) return { line, code: 'too_many_decimals', value, limit: String(limits.decimals) };
  return null;
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}
