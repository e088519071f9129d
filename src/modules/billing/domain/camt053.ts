import { child, children, parseXml, type XmlElement, XmlError } from './small-xml.ts';
import { MAX_STATEMENT_LINES, type StatementError, type StatementLine, type StatementParseResult, statementLineFrom } from './statement-line.ts';

/**
 * The entries of an ISO 20022 CAMT.053 bank-to-customer statement (issue #3: payments imported from
 * "CAMT.053 XML"). Per `Ntry` (numbered 1, 2, … across the file's statements, as `line`):
 *  - `Amt` with its `Ccy` attribute; `CdtDbtInd` CRDT (a DBIT, money going out, is not a payment
 *    and is skipped, as is an entry whose status is not booked);
 *  - `BookgDt/Dt` (or the date of `BookgDt/DtTm`);
 *  - `AcctSvcrRef`, the bank's own id of the entry (or of its transaction), as the transaction id;
 *  - the reference: `NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref` (the structured creditor
 *    reference), else the first `RmtInf/Ustrd` (free text).
 * With any error, every error is returned and no entry.
 */
export function parseCamt053(xml: string): StatementParseResult {
  let document: XmlElement;
  try {
    document = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, errors: [{ line: null, code: 'not_xml', value: error.message }] };
    throw error;
  }
  const report = child(document, 'BkToCstmrStmt');
  if (document.name !== 'Document' || !report) return { ok: false, errors: [{ line: null, code: 'not_camt053', value: document.name }] };
  const entries = children(report, 'Stmt').flatMap((statement) => children(statement, 'Ntry'));
  if (entries.length === 0) return { ok: false, errors: [{ line: null, code: 'empty' }] };
  if (entries.length > MAX_STATEMENT_LINES) return { ok: false, errors: [{ line: MAX_STATEMENT_LINES + 1, code: 'too_many_lines' }] };
  const lines: StatementLine[] = [];
  const errors: StatementError[] = [];
  let skipped = 0;
  entries.forEach((entry, index) => {
    const line = index + 1;
    const direction = textOf(child(entry, 'CdtDbtInd'));
    const status = textOf(child(entry, 'Sts', 'Cd')) || textOf(child(entry, 'Sts'));
    if (direction === 'DBIT' || (status !== '' && status !== 'BOOK')) {
      skipped++;
      return;
    }
    if (direction !== 'CRDT') {
      errors.push({ line, code: 'missing_element', value: 'CdtDbtInd' });
      return;
    }
    const amount = child(entry, 'Amt');
    if (!amount) {
      errors.push({ line, code: 'missing_element', value: 'Amt' });
      return;
    }
    const booked = textOf(child(entry, 'BookgDt', 'Dt')) || textOf(child(entry, 'BookgDt', 'DtTm')).slice(0, 10);
    const transactions = children(child(entry, 'NtryDtls'), 'TxDtls');
    const transactionId = textOf(child(entry, 'AcctSvcrRef')) || textOf(child(transactions[0], 'Refs', 'AcctSvcrRef'));
    const remittances = transactions.map((transaction) => child(transaction, 'RmtInf')).filter((info) => info !== undefined);
    const structured = remittances.map((info) => textOf(child(info, 'Strd', 'CdtrRefInf', 'Ref'))).find((ref) => ref !== '');
    const unstructured = remittances.map((info) => textOf(child(info, 'Ustrd'))).find((ref) => ref !== '');
    const checked = statementLineFrom(line, {
      date: booked,
      amount: textOf(amount),
      currency: amount.attributes.Ccy ?? '',
      reference: structured ?? unstructured ?? '',
      transactionId,
    });
    if ('errors' in checked) errors.push(...checked.errors);
    else lines.push(checked.line);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines, skipped };
}

function textOf(element: XmlElement | undefined): string {
  return element?.text.trim() ?? '';
}
