import { sql } from 'kysely';
import type { AuditedChangeQuery } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { runShaped } from '../../platform/db/precompiled.ts';
import type { InvoiceKind, InvoiceStatus, PaymentSource, RefundStatus } from '../../platform/db/schema.ts';
import type { Currency } from '../../platform/money.ts';

/** SQL only; returns the billing module's own types. Amounts are decimal strings, dates 'YYYY-MM-DD'. */
export type BillingAccount = { id: string; holderUserId: string; currency: Currency; createdAt: string };

export type Invoice = {
  id: string;
  accountId: string;
  holderUserId: string;
  policyId: string;
  policyNumber: string;
  kind: InvoiceKind;
  amount: string;
  currency: Currency;
  issuedOn: string;
  dueOn: string;
  structuredReference: string;
  status: InvoiceStatus;
  createdAt: string;
  /** Sum of the payment allocations to this invoice. */
  paid: string;
};

export type Refund = {
  id: string;
  accountId: string;
  policyId: string;
  policyNumber: string;
  amount: string;
  currency: Currency;
  reason: string;
  status: RefundStatus;
  createdAt: string;
  paidOn: string | null;
  paidReference: string | null;
};

/** Who may see what: `null` is every account (billing staff); a user id is that holder's own. */
export type Visibility = { holderUserId: string | null };

export async function findOrCreateAccount(db: Db, account: BillingAccount): Promise<BillingAccount> {
  await db
    .insertInto('billing_account')
    .values({ id: account.id, holder_user_id: account.holderUserId, currency: account.currency, created_at: account.createdAt })
    .onConflict((conflict) => conflict.columns(['holder_user_id', 'currency']).doNothing())
    .execute();
  const row = await db
    .selectFrom('billing_account')
    .select(['id', 'holder_user_id', 'currency', 'created_at'])
    .where('holder_user_id', '=', account.holderUserId)
    .where('currency', '=', account.currency)
    .executeTakeFirstOrThrow();
  return { id: row.id, holderUserId: row.holder_user_id, currency: row.currency, createdAt: row.created_at };
}

/**
 * findOrCreateAccount and nextInvoiceSequence in ONE statement (issuing an invoice is on the hot path
 * of binding: bench/quote-to-issue.ts): the account is inserted unless the holder has one in the
 * currency, the row is answered either way, with the next invoice sequence number. `null` only when
 * another transaction created the account a moment ago and has not let this statement see it yet:
 * the caller then takes the two-statement way, which reads again with a fresh snapshot.
 */
export async function openAccountWithSequence(db: Db, account: BillingAccount): Promise<{ account: BillingAccount; sequence: string } | null> {
  const { rows } = await sql<{ id: string; holder_user_id: string; currency: Currency; created_at: string; sequence: string }>`
    WITH created AS (
      INSERT INTO billing_account (id, holder_user_id, currency, created_at)
      VALUES (${account.id}, ${account.holderUserId}, ${account.currency}, ${account.createdAt})
      ON CONFLICT (holder_user_id, currency) DO NOTHING
      RETURNING id, holder_user_id, currency, created_at
    ), found AS (
      SELECT id, holder_user_id, currency, created_at FROM created
      UNION ALL
      SELECT id, holder_user_id, currency, created_at FROM billing_account WHERE holder_user_id = ${account.holderUserId} AND currency = ${account.currency}
      LIMIT 1
    )
    SELECT id, holder_user_id, currency, created_at, nextval('invoice_reference_seq')::text AS sequence FROM found`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return { account: { id: row.id, holderUserId: row.holder_user_id, currency: row.currency, createdAt: row.created_at }, sequence: row.sequence };
}

/** An account opened (or found) with the next invoice sequence number: what openAccountWithSequence answers. */
export type OpenedAccount = { account: BillingAccount; sequence: string };

/**
 * openAccountWithSequence as two CTEs another module's single statement can carry (binding: the policy
 * and the holder's account in one round trip, bench/quote-to-issue.ts). Data-modifying CTEs must stand
 * at the top of a statement, so the caller adds both with `.with(name, () => cte)` under these names and
 * selects `openedAccountColumns` from its final row (left-joined: no row when a concurrent transaction
 * created the account a moment ago, as with openAccountWithSequence; issueInvoice then opens it itself).
 * The arguments are bound values (stand-ins of a precompiled statement are fine). Kysely puts a raw CTE
 * body in the statement as it is, so each body carries its own parentheses.
 */
type OpenedRow = { id: string; holder_user_id: string; currency: Currency; created_at: string };

export function openAccountCtes(account: { id: unknown; holderUserId: unknown; currency: unknown; createdAt: unknown }) {
  return {
    created: {
      name: 'billing_account_created(id, holder_user_id, currency, created_at)',
      query: sql<OpenedRow>`(INSERT INTO billing_account (id, holder_user_id, currency, created_at)
        VALUES (${account.id}, ${account.holderUserId}, ${account.currency}, ${account.createdAt})
        ON CONFLICT (holder_user_id, currency) DO NOTHING
        RETURNING id, holder_user_id, currency, created_at)`,
    },
    opened: {
      name: 'billing_account_opened(id, holder_user_id, currency, created_at, sequence)',
      query: sql<OpenedRow & { sequence: string }>`(SELECT id, holder_user_id, currency, created_at, nextval('invoice_reference_seq')::text FROM (
          SELECT id, holder_user_id, currency, created_at FROM billing_account_created
          UNION ALL
          SELECT id, holder_user_id, currency, created_at FROM billing_account WHERE holder_user_id = ${account.holderUserId} AND currency = ${account.currency}
          LIMIT 1
        ) AS found)`,
    },
  } as const;
}

/** The columns a statement carrying openAccountCtes selects (from billing_account_opened), as `opened_<column>`. */
export const openedAccountColumns = [
  sql<string | null>`billing_account_opened.id`.as('opened_account_id'),
  sql<string | null>`billing_account_opened.holder_user_id`.as('opened_holder_user_id'),
  sql<Currency | null>`billing_account_opened.currency`.as('opened_currency'),
  sql<string | null>`billing_account_opened.created_at`.as('opened_created_at'),
  sql<string | null>`billing_account_opened.sequence`.as('opened_sequence'),
] as const;

export type OpenedAccountRow = {
  opened_account_id: string | null;
  opened_holder_user_id: string | null;
  opened_currency: Currency | null;
  opened_created_at: string | null;
  opened_sequence: string | null;
};

export function openedAccountOf(row: OpenedAccountRow): OpenedAccount | null {
  if (
    row.opened_account_id === null ||
    row.opened_holder_user_id === null ||
    row.opened_currency === null ||
    row.opened_created_at === null ||
    row.opened_sequence === null
  )
    return null;
  return {
    account: { id: row.opened_account_id, holderUserId: row.opened_holder_user_id, currency: row.opened_currency, createdAt: row.opened_created_at },
    sequence: row.opened_sequence,
  };
}

export async function nextInvoiceSequence(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('invoice_reference_seq') AS n`.execute(db);
  const n = rows[0]?.n;
  if (n === undefined) throw new Error('invoice_reference_seq gave no value');
  return String(n);
}

export async function insertInvoice(db: Db, invoice: Omit<Invoice, 'holderUserId' | 'paid'>): Promise<void> {
  await runShaped(db, invoiceInsert(invoice));
}

/** The invoice's INSERT as a shaped query: issueInvoice runs it with its audit event in one statement compiled once (changeWithAuditEvents). */
export function invoiceInsert(invoice: Omit<Invoice, 'holderUserId' | 'paid'>): AuditedChangeQuery<'invoice'> {
  return {
    shape: 'billing.invoice',
    values: [
      invoice.id,
      invoice.accountId,
      invoice.policyId,
      invoice.policyNumber,
      invoice.kind,
      invoice.amount,
      invoice.currency,
      invoice.issuedOn,
      invoice.dueOn,
      invoice.structuredReference,
      invoice.status,
      invoice.createdAt,
    ],
    build: (db, value) =>
      db.insertInto('invoice').values({
        id: value(0),
        account_id: value(1),
        policy_id: value(2),
        policy_number: value(3),
        kind: value(4),
        amount: value(5),
        currency: value(6),
        issued_on: value(7),
        due_on: value(8),
        structured_reference: value(9),
        status: value(10),
        created_at: value(11),
      }),
  };
}

function invoiceQuery(db: Db) {
  return db
    .selectFrom('invoice')
    .innerJoin('billing_account', 'billing_account.id', 'invoice.account_id')
    .select((eb) => [
      'invoice.id',
      'invoice.account_id',
      'billing_account.holder_user_id',
      'invoice.policy_id',
      'invoice.policy_number',
      'invoice.kind',
      'invoice.amount',
      'invoice.currency',
      'invoice.issued_on',
      'invoice.due_on',
      'invoice.structured_reference',
      'invoice.status',
      'invoice.created_at',
      eb
        .selectFrom('payment_allocation')
        .select(sql<string>`coalesce(sum(payment_allocation.amount), 0)`.as('paid'))
        .whereRef('payment_allocation.invoice_id', '=', 'invoice.id')
        .as('paid'),
    ]);
}

type InvoiceRow = Awaited<ReturnType<ReturnType<typeof invoiceQuery>['executeTakeFirstOrThrow']>>;

function toInvoice(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    accountId: row.account_id,
    holderUserId: row.holder_user_id,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    structuredReference: row.structured_reference,
    status: row.status,
    createdAt: row.created_at,
    paid: row.paid ?? '0',
  };
}

export async function findInvoice(db: Db, id: string, visibility: Visibility): Promise<Invoice | null> {
  let query = invoiceQuery(db).where('invoice.id', '=', id);
  if (visibility.holderUserId !== null) query = query.where('billing_account.holder_user_id', '=', visibility.holderUserId);
  const row = await query.executeTakeFirst();
  return row ? toInvoice(row) : null;
}

/** Locks the invoice row first, so two payments to one invoice are allocated one after the other. */
export async function findInvoiceByReferenceForUpdate(db: Db, reference: string): Promise<Invoice | null> {
  const locked = await db.selectFrom('invoice').select('id').where('structured_reference', '=', reference).forUpdate().executeTakeFirst();
  if (!locked) return null;
  return findInvoice(db, locked.id, { holderUserId: null });
}

export async function listInvoices(db: Db, visibility: Visibility, filter: { policyId?: string; status?: InvoiceStatus }): Promise<Invoice[]> {
  let query = invoiceQuery(db);
  if (visibility.holderUserId !== null) query = query.where('billing_account.holder_user_id', '=', visibility.holderUserId);
  if (filter.policyId) query = query.where('invoice.policy_id', '=', filter.policyId);
  if (filter.status) query = query.where('invoice.status', '=', filter.status);
  const rows = await query.orderBy('invoice.issued_on', 'desc').orderBy('invoice.structured_reference', 'desc').limit(500).execute();
  return rows.map(toInvoice);
}

export async function markInvoicePaid(db: Db, id: string): Promise<void> {
  await db.updateTable('invoice').set({ status: 'paid' }).where('id', '=', id).where('status', '=', 'open').execute();
}

export type NewPayment = {
  id: string;
  accountId: string;
  amount: string;
  currency: Currency;
  receivedOn: string;
  reference: string;
  source: PaymentSource;
  bankTransactionId: string | null;
  recordedBy: string;
  createdAt: string;
};

export async function insertPayment(db: Db, payment: NewPayment, allocation: { invoiceId: string; amount: string } | null): Promise<void> {
  await db
    .insertInto('payment')
    .values({
      id: payment.id,
      account_id: payment.accountId,
      amount: payment.amount,
      currency: payment.currency,
      received_on: payment.receivedOn,
      method: 'bank_transfer',
      reference: payment.reference,
      source: payment.source,
      bank_transaction_id: payment.bankTransactionId,
      recorded_by: payment.recordedBy,
      created_at: payment.createdAt,
    })
    .execute();
  if (allocation)
    await db.insertInto('payment_allocation').values({ payment_id: payment.id, invoice_id: allocation.invoiceId, amount: allocation.amount }).execute();
}

export async function findBankTransactionIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('payment').select('bank_transaction_id').where('bank_transaction_id', 'in', ids).execute();
  return new Set(rows.flatMap((row) => (row.bank_transaction_id ? [row.bank_transaction_id] : [])));
}

/**
 * The amounts a balance is computed from: for one policy, one account, or one policy within one account (what a
 * holder sees of a policy: once an assigned policy's open invoices moved to the new holder, JPF-COND-1 and
 * decision 0013, the old holder's view of it keeps only what stayed in their account).
 */
export async function balanceSources(db: Db, where: { policyId: string; accountId?: string } | { accountId: string }) {
  const policyId = 'policyId' in where ? where.policyId : null;
  const accountId = where.accountId ?? null;
  let invoiceQuery = db.selectFrom('invoice').select(['id', 'amount', 'status', 'currency', 'account_id']);
  if (policyId !== null) invoiceQuery = invoiceQuery.where('policy_id', '=', policyId);
  if (accountId !== null) invoiceQuery = invoiceQuery.where('account_id', '=', accountId);
  const invoices = await invoiceQuery.execute();
  const invoiceIds = invoices.map((invoice) => invoice.id);
  const allocations = invoiceIds.length === 0 ? [] : await db.selectFrom('payment_allocation').select('amount').where('invoice_id', 'in', invoiceIds).execute();
  let refunds = db.selectFrom('refund').select('amount').where('status', '=', 'payable');
  if (policyId !== null) refunds = refunds.where('policy_id', '=', policyId);
  if (accountId !== null) refunds = refunds.where('account_id', '=', accountId);
  const wholeAccount = policyId === null && accountId !== null ? accountId : null;
  const payments = wholeAccount === null ? null : await db.selectFrom('payment').select('amount').where('account_id', '=', wholeAccount).execute();
  // An invoice may have moved to another holder's account after part of it was paid (JPF-COND-1, decision 0013):
  // the account's credit is its payments less what those payments settled, wherever the invoice is now.
  const paymentAllocations =
    wholeAccount === null
      ? null
      : await db
          .selectFrom('payment_allocation')
          .innerJoin('payment', 'payment.id', 'payment_allocation.payment_id')
          .select('payment_allocation.amount')
          .where('payment.account_id', '=', wholeAccount)
          .execute();
  return {
    invoices,
    allocations: allocations.map((row) => row.amount),
    paymentAllocations: paymentAllocations?.map((row) => row.amount),
    payments: payments?.map((row) => row.amount),
    refundsPayable: (await refunds.execute()).map((row) => row.amount),
  };
}

export async function findAccount(db: Db, id: string): Promise<BillingAccount | null> {
  const row = await db.selectFrom('billing_account').select(['id', 'holder_user_id', 'currency', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, holderUserId: row.holder_user_id, currency: row.currency, createdAt: row.created_at } : null;
}

/** Accounts that hold invoices of this policy (normally one), as seen by `visibility`. */
export async function findPolicyAccount(db: Db, policyId: string, visibility: Visibility): Promise<BillingAccount | null> {
  let query = db
    .selectFrom('invoice')
    .innerJoin('billing_account', 'billing_account.id', 'invoice.account_id')
    .select(['billing_account.id', 'billing_account.holder_user_id', 'billing_account.currency', 'billing_account.created_at'])
    .where('invoice.policy_id', '=', policyId);
  if (visibility.holderUserId !== null) query = query.where('billing_account.holder_user_id', '=', visibility.holderUserId);
  const row = await query.limit(1).executeTakeFirst();
  return row ? { id: row.id, holderUserId: row.holder_user_id, currency: row.currency, createdAt: row.created_at } : null;
}

const refundColumns = [
  'refund.id',
  'refund.account_id',
  'refund.policy_id',
  'refund.policy_number',
  'refund.amount',
  'refund.currency',
  'refund.reason',
  'refund.status',
  'refund.created_at',
  'refund.paid_on',
  'refund.paid_reference',
] as const;

type RefundRow = { [K in (typeof refundColumns)[number] extends `refund.${infer C}` ? C : never]: unknown };

function toRefund(row: Record<keyof RefundRow, unknown>): Refund {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    policyId: row.policy_id as string,
    policyNumber: row.policy_number as string,
    amount: row.amount as string,
    currency: row.currency as Currency,
    reason: row.reason as string,
    status: row.status as RefundStatus,
    createdAt: row.created_at as string,
    paidOn: row.paid_on as string | null,
    paidReference: row.paid_reference as string | null,
  };
}

export async function insertRefund(db: Db, refund: Refund): Promise<void> {
  await db
    .insertInto('refund')
    .values({
      id: refund.id,
      account_id: refund.accountId,
      policy_id: refund.policyId,
      policy_number: refund.policyNumber,
      amount: refund.amount,
      currency: refund.currency,
      reason: refund.reason,
      status: refund.status,
      created_at: refund.createdAt,
      paid_on: null,
      paid_reference: null,
      paid_by: null,
    })
    .execute();
}

export async function findRefund(db: Db, id: string, visibility: Visibility, options: { forUpdate?: boolean } = {}): Promise<Refund | null> {
  let query = db.selectFrom('refund').innerJoin('billing_account', 'billing_account.id', 'refund.account_id').select(refundColumns).where('refund.id', '=', id);
  if (visibility.holderUserId !== null) query = query.where('billing_account.holder_user_id', '=', visibility.holderUserId);
  if (options.forUpdate) query = query.forUpdate('refund');
  const row = await query.executeTakeFirst();
  return row ? toRefund(row) : null;
}

export async function listRefunds(db: Db, visibility: Visibility, filter: { status?: RefundStatus; policyId?: string }): Promise<Refund[]> {
  let query = db.selectFrom('refund').innerJoin('billing_account', 'billing_account.id', 'refund.account_id').select(refundColumns);
  if (visibility.holderUserId !== null) query = query.where('billing_account.holder_user_id', '=', visibility.holderUserId);
  if (filter.status) query = query.where('refund.status', '=', filter.status);
  if (filter.policyId) query = query.where('refund.policy_id', '=', filter.policyId);
  return (await query.orderBy('refund.created_at', 'desc').limit(500).execute()).map(toRefund);
}

export async function markRefundPaid(db: Db, id: string, paid: { paidOn: string; paidReference: string | null; paidBy: string }): Promise<void> {
  await db
    .updateTable('refund')
    .set({ status: 'paid', paid_on: paid.paidOn, paid_reference: paid.paidReference, paid_by: paid.paidBy })
    .where('id', '=', id)
    .where('status', '=', 'payable')
    .execute();
}

/** Every refund of a policy, payable or paid: together they may never exceed what was paid. A cancelled refund was never paid out. */
export async function refundAmountsOfPolicy(db: Db, policyId: string): Promise<string[]> {
  return (await db.selectFrom('refund').select('amount').where('policy_id', '=', policyId).where('status', '<>', 'cancelled').execute()).map(
    (row) => row.amount,
  );
}

/** Locks the invoice row and reads it, so a payment and a cancellation of one invoice happen one after the other. */
export async function findInvoiceForUpdate(db: Db, id: string): Promise<Invoice | null> {
  const locked = await db.selectFrom('invoice').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!locked) return null;
  return findInvoice(db, id, { holderUserId: null });
}

/** An open invoice becomes cancelled (migrations/0011_staff_actions.sql); nothing else about it changes. */
export async function markInvoiceCancelled(db: Db, id: string, cancelled: { at: string; reason: string }): Promise<void> {
  await db
    .updateTable('invoice')
    .set({ status: 'cancelled', cancelled_at: cancelled.at, cancellation_reason: cancelled.reason })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

/** A payable refund becomes cancelled: it will not be paid out (migrations/0011_staff_actions.sql). */
export async function markRefundCancelled(db: Db, id: string, cancelled: { at: string; reason: string }): Promise<void> {
  await db
    .updateTable('refund')
    .set({ status: 'cancelled', cancelled_at: cancelled.at, cancellation_reason: cancelled.reason })
    .where('id', '=', id)
    .where('status', '=', 'payable')
    .execute();
}

/** The policy's open invoices, locked: nothing is paid to or cancelled on them while they change account. */
export async function lockOpenInvoicesOfPolicy(db: Db, policyId: string): Promise<Invoice[]> {
  const locked = await db.selectFrom('invoice').select('id').where('policy_id', '=', policyId).where('status', '=', 'open').forUpdate().execute();
  if (locked.length === 0) return [];
  const rows = await invoiceQuery(db)
    .where(
      'invoice.id',
      'in',
      locked.map((row) => row.id),
    )
    .orderBy('invoice.issued_on')
    .orderBy('invoice.structured_reference')
    .execute();
  return rows.map(toInvoice);
}

export async function moveInvoiceToAccount(db: Db, id: string, accountId: string): Promise<void> {
  await db.updateTable('invoice').set({ account_id: accountId }).where('id', '=', id).where('status', '=', 'open').execute();
}
