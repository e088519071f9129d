import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { JewelerOrderKind, JewelerOrderStatus } from '../../platform/db/schema-claims-payments.ts';
import { type Currency, Money } from '../../platform/money.ts';

/**
 * JPF-SETTLE-2: repair and replacement orders to jewelers (migrations/0030_claim_payments.sql), and the users who
 * may receive them. A jeweler reaches only their own orders (jeweler_user_id), whatever claim they belong to.
 */

export type JewelerOrder = {
  id: string;
  claimId: string;
  claimNumber: string;
  /** The claim's time zone, for the days shown. */
  timeZone: string;
  orderNo: number;
  jewelerUserId: string;
  jewelerName: string;
  kind: JewelerOrderKind;
  lineNo: number;
  itemDescription: string;
  instructions: string;
  customerName: string;
  customerAddress: string;
  customerPhone: string | null;
  collectDeductible: boolean;
  deductible: Money | null;
  currency: Currency;
  status: JewelerOrderStatus;
  disclosureId: string;
  invoiceAmount: Money | null;
  completionNote: string | null;
  cancelReason: string | null;
  sentBy: string;
  sentAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
};

function ordersQuery(db: Db) {
  return db
    .selectFrom('jeweler_order')
    .innerJoin('claim', 'claim.id', 'jeweler_order.claim_id')
    .innerJoin('app_user as jeweler', 'jeweler.id', 'jeweler_order.jeweler_user_id')
    .selectAll('jeweler_order')
    .select(['claim.claim_number', 'claim.time_zone', 'jeweler.display_name as jeweler_name']);
}

type Row = Awaited<ReturnType<ReturnType<typeof ordersQuery>['executeTakeFirstOrThrow']>>;

function toOrder(row: Row): JewelerOrder {
  const money = (value: string | null) => (value === null ? null : Money.of(value, row.currency));
  return {
    id: row.id,
    claimId: row.claim_id,
    claimNumber: row.claim_number,
    timeZone: row.time_zone,
    orderNo: row.order_no,
    jewelerUserId: row.jeweler_user_id,
    jewelerName: row.jeweler_name,
    kind: row.kind,
    lineNo: row.line_no,
    itemDescription: row.item_description,
    instructions: row.instructions,
    customerName: row.customer_name,
    customerAddress: row.customer_address,
    customerPhone: row.customer_phone,
    collectDeductible: row.collect_deductible,
    deductible: money(row.deductible_amount),
    currency: row.currency,
    status: row.status,
    disclosureId: row.disclosure_id,
    invoiceAmount: money(row.invoice_amount),
    completionNote: row.completion_note,
    cancelReason: row.cancel_reason,
    sentBy: row.sent_by,
    sentAt: row.sent_at,
    acceptedAt: row.accepted_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
  };
}

export async function listOrdersOfClaim(db: Db, claimId: string): Promise<JewelerOrder[]> {
  return (await ordersQuery(db).where('jeweler_order.claim_id', '=', claimId).orderBy('jeweler_order.order_no').execute()).map(toOrder);
}

export async function findOrderOfClaim(db: Db, claimId: string, orderId: string): Promise<JewelerOrder | null> {
  const row = await ordersQuery(db).where('jeweler_order.claim_id', '=', claimId).where('jeweler_order.id', '=', orderId).executeTakeFirst();
  return row ? toOrder(row) : null;
}

/** The jeweler's own orders, newest first. */
export async function listOrdersOfJeweler(db: Db, jewelerUserId: string, limit: number): Promise<JewelerOrder[]> {
  const rows = await ordersQuery(db)
    .where('jeweler_order.jeweler_user_id', '=', jewelerUserId)
    .orderBy('jeweler_order.sent_at', 'desc')
    .orderBy('jeweler_order.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toOrder);
}

/** One of the jeweler's own orders, locked for a change; another jeweler's order is not found. */
export async function findOrderOfJewelerForUpdate(db: Db, jewelerUserId: string, orderId: string): Promise<JewelerOrder | null> {
  const locked = await db
    .selectFrom('jeweler_order')
    .select('id')
    .where('id', '=', orderId)
    .where('jeweler_user_id', '=', jewelerUserId)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) return null;
  const row = await ordersQuery(db).where('jeweler_order.id', '=', orderId).executeTakeFirst();
  return row ? toOrder(row) : null;
}

export type NewJewelerOrder = Omit<
  JewelerOrder,
  | 'orderNo'
  | 'claimNumber'
  | 'timeZone'
  | 'jewelerName'
  | 'status'
  | 'invoiceAmount'
  | 'completionNote'
  | 'cancelReason'
  | 'acceptedAt'
  | 'completedAt'
  | 'cancelledAt'
>;

/** Inserts at the next order number of the claim (the caller holds the claim's lock). */
export async function insertJewelerOrder(db: Db, order: NewJewelerOrder): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(max(order_no), 0)::int + 1 AS n FROM jeweler_order WHERE claim_id = ${order.claimId}`.execute(db);
  const orderNo = rows[0]?.n ?? 1;
  await db
    .insertInto('jeweler_order')
    .values({
      id: order.id,
      claim_id: order.claimId,
      order_no: orderNo,
      jeweler_user_id: order.jewelerUserId,
      kind: order.kind,
      line_no: order.lineNo,
      item_description: order.itemDescription,
      instructions: order.instructions,
      customer_name: order.customerName,
      customer_address: order.customerAddress,
      customer_phone: order.customerPhone,
      collect_deductible: order.collectDeductible,
      deductible_amount: order.deductible?.toFixed() ?? null,
      currency: order.currency,
      status: 'sent',
      disclosure_id: order.disclosureId,
      invoice_amount: null,
      completion_note: null,
      cancel_reason: null,
      sent_by: order.sentBy,
      sent_at: order.sentAt,
      accepted_at: null,
      completed_at: null,
      cancelled_at: null,
    })
    .execute();
  return orderNo;
}

export async function markOrderAccepted(db: Db, orderId: string, at: string): Promise<void> {
  await db.updateTable('jeweler_order').set({ status: 'accepted', accepted_at: at }).where('id', '=', orderId).execute();
}

export async function markOrderCompleted(db: Db, orderId: string, input: { at: string; invoiceAmount: Money | null; note: string | null }): Promise<void> {
  await db
    .updateTable('jeweler_order')
    .set({ status: 'completed', completed_at: input.at, invoice_amount: input.invoiceAmount?.toFixed() ?? null, completion_note: input.note })
    .where('id', '=', orderId)
    .execute();
}

export async function markOrderCancelled(db: Db, orderId: string, input: { at: string; reason: string }): Promise<void> {
  await db.updateTable('jeweler_order').set({ status: 'cancelled', cancelled_at: input.at, cancel_reason: input.reason }).where('id', '=', orderId).execute();
}

/** The claim's jeweler: who reaches the claim as its repairing jeweler (scopeClaims). */
export async function setClaimJeweler(db: Db, claimId: string, jewelerUserId: string | null, now: string): Promise<void> {
  await db.updateTable('claim').set({ jeweler_user_id: jewelerUserId, updated_at: now }).where('id', '=', claimId).execute();
}

// ---- Users who take part: jewelers (JPF-SETTLE-2) ----

export type ActiveUser = { id: string; displayName: string; phone: string | null };

/** An active user holding the role, or null. */
export async function findActiveUserWithRole(db: Db, userId: string, role: Role): Promise<ActiveUser | null> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.phone'])
    .where('app_user.id', '=', userId)
    .where('user_role.role', '=', role)
    .where('app_user.status', '=', 'active')
    .executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name, phone: row.phone } : null;
}

/** Every active user with the role, by name (the adjuster's choice of jeweler). */
export async function listActiveUsersWithRole(db: Db, role: Role): Promise<ActiveUser[]> {
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.phone'])
    .where('user_role.role', '=', role)
    .where('app_user.status', '=', 'active')
    .orderBy('app_user.display_name')
    .orderBy('app_user.id')
    .limit(500)
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, phone: row.phone }));
}

/** The policyholder's phone number from their profile, if they gave one. */
export async function findUserPhone(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('phone').where('id', '=', userId).executeTakeFirst();
  return row?.phone ?? null;
}

/** The roles of an active user, or null when there is no such active user. */
export async function findActiveUserRoles(db: Db, userId: string): Promise<{ displayName: string; roles: Role[] } | null> {
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.display_name', 'user_role.role'])
    .where('app_user.id', '=', userId)
    .where('app_user.status', '=', 'active')
    .execute();
  const first = rows[0];
  if (!first) return null;
  return { displayName: first.display_name, roles: rows.flatMap((row) => (row.role === null ? [] : [row.role])) };
}
