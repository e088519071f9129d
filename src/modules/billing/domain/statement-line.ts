import { Temporal } from 'temporal-polyfill';
import { CURRENCIES, type Currency, Money } from '../../../platform/money.ts';

/**
 * One credit on a bank statement, whatever the file format: what the import matches to an invoice.
 * `line` is where it came from (the CSV line, or the CAMT.053 entry's number), for the report.
 */
export type StatementLine = { line: number; bookedOn: string; amount: Money; reference: string; transactionId: string };

export type StatementErrorCode =
  | 'empty'
  | 'too_many_lines'
  | 'missing_header'
  | 'wrong_field_count'
  | 'invalid_date'
  | 'not_a_decimal'
  | 'not_a_credit'
  | 'too_many_decimals'
  | 'unknown_currency'
  | 'missing_reference'
  | 'missing_transaction_id'
  | 'not_xml'
  | 'not_camt053'
  | 'missing_element';

/** `line` is 1-based (a CSV line, or a CAMT.053 entry); null for a problem of the whole file. */
export type StatementError = { line: number | null; code: StatementErrorCode; value?: string };

/** `skipped`: entries that are not booked credits (debits, pending entries), which are not payments. */
export type StatementParseResult = { ok: true; lines: StatementLine[]; skipped: number } | { ok: false; errors: StatementError[] };

export const MAX_STATEMENT_LINES = 10_000;
const MAX_ID_LENGTH = 140;

/** Checks the fields every format shares; returns the line or the errors, one per bad field. */
export function statementLineFrom(
  line: number,
  fields: { date: string; amount: string; currency: string; reference: string; transactionId: string },
): { line: StatementLine } | { errors: StatementError[] } {
  const errors: StatementError[] = [];
  const date = fields.date.trim();
  if (!isDate(date)) errors.push({ line, code: 'invalid_date', value: date });
  const amount = fields.amount.trim();
  if (!/^[+-]?\d{1,15}(\.\d+)?$/.test(amount)) errors.push({ line, code: 'not_a_decimal', value: amount });
  else if (/^-|^[+]?0+(\.0+)?$/.test(amount)) errors.push({ line, code: 'not_a_credit', value: amount });
  else if (/\.\d{3,}$/.test(amount)) errors.push({ line, code: 'too_many_decimals', value: amount });
  const currency = fields.currency.trim().toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(currency)) errors.push({ line, code: 'unknown_currency', value: currency });
  const reference = fields.reference.trim();
  if (reference === '' || reference.length > MAX_ID_LENGTH) errors.push({ line, code: 'missing_reference' });
  const transactionId = fields.transactionId.trim();
  if (transactionId === '' || transactionId.length > MAX_ID_LENGTH) errors.push({ line, code: 'missing_transaction_id' });
  if (errors.length > 0) return { errors };
  return { line: { line, bookedOn: date, amount: Money.of(amount.replace(/^\+/, ''), currency as Currency), reference, transactionId } };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}
