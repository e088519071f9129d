import { sql } from 'kysely';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findBankTransactionIds } from '../billing-repository.ts';
import { parseBankStatementCsv } from '../domain/bank-statement-csv.ts';
import { parseCamt053 } from '../domain/camt053.ts';
import { billingErrors } from '../errors.ts';
import { postPayment } from './post-payment.ts';

export type StatementFormat = 'csv' | 'camt053';

export type StatementLineReport = {
  line: number;
  transactionId: string;
  reference: string;
  amount: { amount: string; currency: string };
} & (
  | { outcome: 'matched'; paymentId: string; invoiceId: string; allocation: 'exact' | 'partial' | 'overpayment' }
  | { outcome: 'unmatched'; reason: 'reference_invalid' | 'payment_unmatched' | 'invoice_cancelled' | 'currency_mismatch' }
  | { outcome: 'duplicate' }
);

export type StatementImportReport = {
  format: StatementFormat;
  matched: number;
  unmatched: number;
  duplicates: number;
  skipped: number;
  lines: StatementLineReport[];
};

/** Any fixed number: imports take turns, so one bank transaction can never be recorded twice at once. */
const IMPORT_LOCK_KEY = 4_242_005;

/**
 * Imports a bank statement (issue #3: payments "imported from a bank statement file (CSV, and
 * CAMT.053 XML)"), in one transaction. A file with any malformed line is refused whole, with every
 * error by line. Otherwise each credit is matched by its reference and reported: matched (the
 * payment is recorded), unmatched (nothing is written for it; the reason says why, for staff to
 * follow up), or duplicate (the bank's transaction id was imported before, or appears twice in
 * the file), so importing the same statement again never doubles a payment.
 */
export async function importBankStatement(
  deps: Deps,
  actor: Actor,
  input: { format: StatementFormat; content: string },
  origin: RequestOrigin,
): Promise<StatementImportReport> {
  requirePermission(actor, 'billing:manage');
  const parsed = input.format === 'csv' ? parseBankStatementCsv(input.content) : parseCamt053(input.content);
  if (!parsed.ok) throw billingErrors.statementInvalid(parsed.errors);
  return inTransaction(deps.db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(trx);
    const seen = await findBankTransactionIds(
      trx,
      parsed.lines.map((line) => line.transactionId),
    );
    const lines: StatementLineReport[] = [];
    for (const line of parsed.lines) {
      const base = { line: line.line, transactionId: line.transactionId, reference: line.reference, amount: line.amount.toJSON() };
      if (seen.has(line.transactionId)) {
        lines.push({ ...base, outcome: 'duplicate' });
        continue;
      }
      const result = await postPayment(trx, deps, actor, {
        amount: line.amount,
        receivedOn: line.bookedOn,
        reference: line.reference,
        source: 'bank_statement',
        bankTransactionId: line.transactionId,
      });
      if (result.posted) {
        // Only a recorded payment claims its transaction id; an unmatched line may come again once its invoice exists.
        seen.add(line.transactionId);
        lines.push({ ...base, outcome: 'matched', paymentId: result.paymentId, invoiceId: result.invoiceId, allocation: result.allocation.outcome });
      } else lines.push({ ...base, outcome: 'unmatched', reason: result.reason });
    }
    const report: StatementImportReport = {
      format: input.format,
      matched: lines.filter((line) => line.outcome === 'matched').length,
      unmatched: lines.filter((line) => line.outcome === 'unmatched').length,
      duplicates: lines.filter((line) => line.outcome === 'duplicate').length,
      skipped: parsed.skipped,
      lines,
    };
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'bank_statement.imported',
        subject: { type: 'bank_statement', id: null },
        details: {
          format: input.format,
          sourceSha256: sha256Hex(input.content),
          matched: report.matched,
          unmatched: report.unmatched,
          duplicates: report.duplicates,
          skipped: report.skipped,
          payments: lines.flatMap((line) => (line.outcome === 'matched' ? [line.paymentId] : [])),
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return report;
  });
}
