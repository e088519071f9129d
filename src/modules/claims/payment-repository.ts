import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { ClaimPaymentStatus, PayeeKind } from '../../platform/db/schema-claims-payments.ts';
import { type Currency, Money } from '../../platform/money.ts';
import type { PaymentLedger } from './domain/payment-rules.ts';

/** Claim payments and adjusters' payment authority (migrations/0030_claim_payments.sql). */

/** JPF-SETTLE-7: an item whose cover a payment ended, with the policy transaction and refund it made. */
export type EndedCover = { itemNo: number; policyTransactionId: string; refundId: string | null };

export type ClaimPayment = {
  id: string;
  claimId: string;
  paymentNo: number;
  amount: Money;
  lineNos: number[];
  worksheetId: string;
  payeeKind: PayeeKind;
  payeeName: string;
  payeeUserId: string | null;
  jewelerOrderId: string | null;
  reference: string | null;
  status: ClaimPaymentStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  issuedOn: string | null;
  coverEnded: EndedCover[];
};

type Row = {
  id: string;
  claim_id: string;
  payment_no: number;
  amount: string;
  currency: Currency;
  line_nos: unknown;
  worksheet_id: string;
  payee_kind: PayeeKind;
  payee_name: string;
  payee_user_id: string | null;
  jeweler_order_id: string | null;
  reference: string | null;
  status: ClaimPaymentStatus;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  issued_on: string | null;
  cover_ended: unknown;
};

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function toPayment(row: Row): ClaimPayment {
  return {
    id: row.id,
    claimId: row.claim_id,
    paymentNo: row.payment_no,
    amount: Money.of(row.amount, row.currency),
    lineNos: parsed(row.line_nos) as number[],
    worksheetId: row.worksheet_id,
    payeeKind: row.payee_kind,
    payeeName: row.payee_name,
    payeeUserId: row.payee_user_id,
    jewelerOrderId: row.jeweler_order_id,
    reference: row.reference,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    rejectionReason: row.rejection_reason,
    issuedOn: row.issued_on,
    coverEnded: parsed(row.cover_ended) as EndedCover[],
  };
}

export async function listClaimPayments(db: Db, claimId: string): Promise<ClaimPayment[]> {
  const rows = await db.selectFrom('claim_payment').selectAll().where('claim_id', '=', claimId).orderBy('payment_no').execute();
  return rows.map(toPayment);
}

export async function findClaimPayment(db: Db, claimId: string, paymentId: string): Promise<ClaimPayment | null> {
  const row = await db.selectFrom('claim_payment').selectAll().where('claim_id', '=', claimId).where('id', '=', paymentId).executeTakeFirst();
  return row ? toPayment(row) : null;
}

/** Inserts at the next payment number (the caller holds the claim's lock). */
export async function insertClaimPayment(db: Db, payment: Omit<ClaimPayment, 'paymentNo'>): Promise<ClaimPayment> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(max(payment_no), 0)::int + 1 AS n FROM claim_payment WHERE claim_id = ${payment.claimId}`.execute(
    db,
  );
  const paymentNo = rows[0]?.n ?? 1;
  await db
    .insertInto('claim_payment')
    .values({
      id: payment.id,
      claim_id: payment.claimId,
      payment_no: paymentNo,
      amount: payment.amount.toFixed(),
      currency: payment.amount.currency,
      line_nos: JSON.stringify(payment.lineNos),
      worksheet_id: payment.worksheetId,
      payee_kind: payment.payeeKind,
      payee_name: payment.payeeName,
      payee_user_id: payment.payeeUserId,
      jeweler_order_id: payment.jewelerOrderId,
      reference: payment.reference,
      status: payment.status,
      requested_by: payment.requestedBy,
      requested_at: payment.requestedAt,
      decided_by: payment.decidedBy,
      decided_at: payment.decidedAt,
      rejection_reason: payment.rejectionReason,
      issued_on: payment.issuedOn,
      cover_ended: JSON.stringify(payment.coverEnded),
    })
    .execute();
  return { ...payment, paymentNo };
}

export async function markPaymentIssued(
  db: Db,
  paymentId: string,
  decision: { decidedBy: string | null; decidedAt: string | null; issuedOn: string },
): Promise<void> {
  await db
    .updateTable('claim_payment')
    .set({ status: 'issued', decided_by: decision.decidedBy, decided_at: decision.decidedAt, issued_on: decision.issuedOn })
    .where('id', '=', paymentId)
    .execute();
}

export async function markPaymentRejected(db: Db, paymentId: string, decision: { decidedBy: string; decidedAt: string; reason: string }): Promise<void> {
  await db
    .updateTable('claim_payment')
    .set({ status: 'rejected', decided_by: decision.decidedBy, decided_at: decision.decidedAt, rejection_reason: decision.reason })
    .where('id', '=', paymentId)
    .execute();
}

export async function recordCoverEnded(db: Db, paymentId: string, coverEnded: readonly EndedCover[]): Promise<void> {
  await db
    .updateTable('claim_payment')
    .set({ cover_ended: JSON.stringify(coverEnded) })
    .where('id', '=', paymentId)
    .execute();
}

/** The ledger the payment rules read: the worksheet's total, what is paid and waiting, and the open reserve. */
export function ledgerOf(payments: readonly ClaimPayment[], worksheetTotal: Money, openReserve: Money | null): PaymentLedger {
  const currency = worksheetTotal.currency;
  const sum = (status: ClaimPaymentStatus) =>
    Money.sum(
      payments.filter((payment) => payment.status === status).map((payment) => payment.amount),
      currency,
    );
  return { worksheetTotal, issued: sum('issued'), awaiting: sum('awaiting_approval'), openReserve: openReserve ?? Money.zero(currency) };
}

// ---- Payment authority ----

export type PaymentAuthority = { userId: string; displayName: string; roles: Role[]; limit: Money | null; currency: Currency; setAt: string | null };

/** The user's limit in the currency, or null (authority 0). */
export async function findPaymentAuthority(db: Db, userId: string, currency: Currency): Promise<Money | null> {
  const row = await db
    .selectFrom('adjuster_payment_authority')
    .select('limit_amount')
    .where('user_id', '=', userId)
    .where('currency', '=', currency)
    .executeTakeFirst();
  return row ? Money.of(row.limit_amount, currency) : null;
}

export async function upsertPaymentAuthority(db: Db, row: { userId: string; limit: Money; setBy: string; setAt: string }): Promise<void> {
  await db
    .insertInto('adjuster_payment_authority')
    .values({ user_id: row.userId, currency: row.limit.currency, limit_amount: row.limit.toFixed(), set_by: row.setBy, set_at: row.setAt })
    .onConflict((oc) => oc.columns(['user_id', 'currency']).doUpdateSet({ limit_amount: row.limit.toFixed(), set_by: row.setBy, set_at: row.setAt }))
    .execute();
}

/** Everyone whose role may pay claims (adjusters, admins), with their limit in the currency. */
export async function listPaymentAuthorities(db: Db, roles: readonly Role[], currency: Currency): Promise<PaymentAuthority[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .leftJoin('adjuster_payment_authority as authority', (join) => join.onRef('authority.user_id', '=', 'app_user.id').on('authority.currency', '=', currency))
    .select(['app_user.id', 'app_user.display_name', 'user_role.role', 'authority.limit_amount', 'authority.set_at'])
    .where('user_role.role', 'in', roles)
    .where('app_user.status', '=', 'active')
    .orderBy('app_user.display_name')
    .orderBy('app_user.id')
    .limit(500)
    .execute();
  const byUser = new Map<string, PaymentAuthority>();
  for (const row of rows) {
    const known = byUser.get(row.id);
    if (known) known.roles.push(row.role);
    else
      byUser.set(row.id, {
        userId: row.id,
        displayName: row.display_name,
        roles: [row.role],
        limit: row.limit_amount === null ? null : Money.of(row.limit_amount, currency),
        currency,
        setAt: row.set_at,
      });
  }
  return [...byUser.values()];
}
