import type { ColumnType } from 'kysely';
import type { InstantText } from './schema.ts';

/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/**
 * migrations/0030_claim_payments.sql (issue #4): reserves, payment authority, jeweler orders and claim payments
 * (JPF-SETTLE-2, JPF-SETTLE-7, JPF-SETTLE-8, JPF-SETTLE-9).
 */

export interface AdjusterPaymentAuthorityTable {
  user_id: string;
  currency: 'USD' | 'EUR';
  /** numeric, as a decimal string */
  limit_amount: string;
  set_by: string;
  set_at: InstantText;
}

export type ReserveEntryKind = 'set' | 'change' | 'release' | 'payment';
export interface ClaimReserveEntryTable {
  id: string;
  claim_id: string;
  entry_no: number;
  kind: ReserveEntryKind;
  /** numeric, as a decimal string; negative when the reserve went down */
  amount_change: string;
  balance: string;
  currency: 'USD' | 'EUR';
  reason: string | null;
  payment_id: string | null;
  recorded_by: string;
  recorded_at: InstantText;
}

export type JewelerOrderKind = 'repair' | 'replace';
export type JewelerOrderStatus = 'sent' | 'accepted' | 'completed' | 'cancelled';
export interface JewelerOrderTable {
  id: string;
  claim_id: string;
  order_no: number;
  jeweler_user_id: string;
  kind: JewelerOrderKind;
  line_no: number;
  item_description: string;
  instructions: string;
  customer_name: string;
  customer_address: string;
  customer_phone: string | null;
  collect_deductible: Defaulted<boolean>;
  deductible_amount: string | null;
  currency: 'USD' | 'EUR';
  status: JewelerOrderStatus;
  disclosure_id: string;
  invoice_amount: string | null;
  completion_note: string | null;
  cancel_reason: string | null;
  sent_by: string;
  sent_at: InstantText;
  accepted_at: InstantText | null;
  completed_at: InstantText | null;
  cancelled_at: InstantText | null;
}

export type PayeeKind = 'insured' | 'loss_payee' | 'jeweler';
export type ClaimPaymentStatus = 'awaiting_approval' | 'issued' | 'rejected';
export interface ClaimPaymentTable {
  id: string;
  claim_id: string;
  payment_no: number;
  amount: string;
  currency: 'USD' | 'EUR';
  /** jsonb: number[] */
  line_nos: Defaulted<unknown>;
  worksheet_id: string;
  payee_kind: PayeeKind;
  payee_name: string;
  payee_user_id: string | null;
  jeweler_order_id: string | null;
  reference: string | null;
  status: ClaimPaymentStatus;
  requested_by: string;
  requested_at: InstantText;
  decided_by: string | null;
  decided_at: InstantText | null;
  rejection_reason: string | null;
  /** 'YYYY-MM-DD' */
  issued_on: string | null;
  /** jsonb: [{ itemNo, policyTransactionId, refundId }] */
  cover_ended: Defaulted<unknown>;
}

export interface ClaimsPaymentsSchema {
  adjuster_payment_authority: AdjusterPaymentAuthorityTable;
  claim_reserve_entry: ClaimReserveEntryTable;
  jeweler_order: JewelerOrderTable;
  claim_payment: ClaimPaymentTable;
}
