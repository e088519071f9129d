import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { InvoiceKind } from '../../platform/db/schema.ts';
import type { Currency } from '../../platform/money.ts';

/**
 * SQL of issuing many invoices at once (issueInvoices): the same rows as billing-repository.ts's
 * findOrCreateAccount, nextInvoiceSequence and insertInvoice, one statement each for the whole batch. Bulk rows
 * travel as one JSON parameter (jsonb_to_recordset), so the statement text is stable and prepared once.
 */

/** Creates the missing accounts (holder, currency) and returns every account id by `${holder}|${currency}`. */
export async function findOrCreateAccounts(
  db: Db,
  accounts: readonly { id: string; holder_user_id: string; currency: Currency }[],
  now: string,
): Promise<Map<string, string>> {
  if (accounts.length === 0) return new Map();
  const batch = JSON.stringify(accounts);
  await sql`
    INSERT INTO billing_account (id, holder_user_id, currency, created_at)
    SELECT r.id, r.holder_user_id, r.currency, ${now}::timestamptz
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(id uuid, holder_user_id uuid, currency text)
    ON CONFLICT (holder_user_id, currency) DO NOTHING`.execute(db);
  const { rows } = await sql<{ id: string; holder_user_id: string; currency: string }>`
    SELECT a.id, a.holder_user_id, a.currency
    FROM billing_account a
    JOIN (SELECT DISTINCT holder_user_id, currency FROM jsonb_to_recordset(${batch}::jsonb) AS r(id uuid, holder_user_id uuid, currency text)) r
      ON r.holder_user_id = a.holder_user_id AND r.currency = a.currency`.execute(db);
  return new Map(rows.map((row) => [`${row.holder_user_id}|${row.currency}`, row.id]));
}

/** `count` numbers from invoice_reference_seq, in the order handed out. */
export async function nextInvoiceSequences(db: Db, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ n: string }>`SELECT nextval('invoice_reference_seq')::text AS n FROM generate_series(1, ${count}::int) ORDER BY 1`.execute(db);
  if (rows.length !== count) throw new Error(`invoice_reference_seq gave ${rows.length} values, not ${count}`);
  return rows.map((row) => row.n);
}

export type InvoiceRow = {
  id: string;
  account_id: string;
  policy_id: string;
  policy_number: string;
  kind: InvoiceKind;
  amount: string;
  currency: Currency;
  issued_on: string;
  due_on: string;
  structured_reference: string;
  created_at: string;
};

export async function insertInvoices(db: Db, invoices: readonly InvoiceRow[]): Promise<void> {
  if (invoices.length === 0) return;
  await sql`
    INSERT INTO invoice (id, account_id, policy_id, policy_number, kind, amount, currency, issued_on, due_on, structured_reference, status, created_at)
    SELECT r.id, r.account_id, r.policy_id, r.policy_number, r.kind, r.amount, r.currency, r.issued_on, r.due_on, r.structured_reference, 'open', r.created_at
    FROM jsonb_to_recordset(${JSON.stringify(invoices)}::jsonb) AS r(
      id uuid, account_id uuid, policy_id uuid, policy_number text, kind text, amount numeric, currency text, issued_on date, due_on date,
      structured_reference text, created_at timestamptz)`.execute(db);
}
