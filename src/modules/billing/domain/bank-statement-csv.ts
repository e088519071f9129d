import { MAX_STATEMENT_LINES, type StatementError, type StatementLine, type StatementParseResult, statementLineFrom } from './statement-line.ts';

/**
 * A bank statement exported as CSV (issue #3: payments "imported from a bank statement file (CSV,
 * and CAMT.053 XML)"). Header `date,amount,currency,reference,transaction_id`, then one credit per
 * line: an ISO date, a positive amount with a decimal point, the currency, the payer's reference and
 * the bank's transaction id. Blank lines and `#` comments are skipped; a field may be in double
 * quotes ("" for a quote). Every error is reported by line, and with any error no line is returned,
 * so a file is never half-imported.
 */
const HEADER = ['date', 'amount', 'currency', 'reference', 'transaction_id'];

export function parseBankStatementCsv(text: string): StatementParseResult {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((content, index) => ({ line: index + 1, content }))
    .filter((row) => row.content.trim() !== '' && !row.content.trimStart().startsWith('#'));
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [{ line: null, code: 'empty' }] };
  const headerFields = splitCsvLine(header.content).map((field) => field.trim().toLowerCase().replace(/\s+/g, '_'));
  if (headerFields.join() !== HEADER.join()) return { ok: false, errors: [{ line: header.line, code: 'missing_header', value: header.content.trim() }] };
  if (body.length === 0) return { ok: false, errors: [{ line: null, code: 'empty' }] };
  if (body.length > MAX_STATEMENT_LINES) return { ok: false, errors: [{ line: (body[MAX_STATEMENT_LINES] ?? header).line, code: 'too_many_lines' }] };
  const lines: StatementLine[] = [];
  const errors: StatementError[] = [];
  for (const row of body) {
    const fields = splitCsvLine(row.content);
    if (fields.length !== HEADER.length) {
      errors.push({ line: row.line, code: 'wrong_field_count', value: String(fields.length) });
      continue;
    }
    const [date = '', amount = '', currency = '', reference = '', transactionId = ''] = fields;
    const checked = statementLineFrom(row.line, { date, amount, currency, reference, transactionId });
    if ('errors' in checked) errors.push(...checked.errors);
    else lines.push(checked.line);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines, skipped: 0 };
}

/** Splits one line on commas outside double quotes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"';
        index++;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (character === ',') {
      fields.push(current);
      current = '';
    } else current += character;
  }
  fields.push(current);
  return fields;
}
