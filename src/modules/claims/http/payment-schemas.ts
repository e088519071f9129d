import { z } from 'zod';
import { instantText } from '../../../platform/http/schemas.ts';
import { CURRENCIES, type Money } from '../../../platform/money.ts';
import type { JewelerOrder } from '../jeweler-order-repository.ts';
import type { ClaimPayment } from '../payment-repository.ts';
import type { ReserveView } from '../use-cases/read-claim-payments.ts';

/** Request and response schemas of reserves, payments, payment authority and jeweler orders (issue #4). */

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
export const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
/** An amount in the claim's currency, e.g. "4750.00". */
const amountText = z
  .string()
  .regex(/^\d{1,11}(\.\d{1,2})?$/, 'an amount like 4750.00')
  .refine((text) => Number(text) > 0, 'more than zero');
const reasonText = z.string().trim().min(3).max(2000);

export const claimParam = z.object({ id: z.uuid() }).strict();
export const paymentParams = z.object({ id: z.uuid(), paymentId: z.uuid() }).strict();
export const orderParams = z.object({ id: z.uuid(), orderId: z.uuid() }).strict();

export const reserveBody = z
  .object({
    amount: z
      .string()
      .regex(/^\d{1,11}(\.\d{1,2})?$/, 'an amount like 5000.00')
      .describe('The new reserve, in the claim’s currency'),
    reason: reasonText.optional().describe('Required for every change after the first amount'),
  })
  .strict();
export const releaseBody = z.object({ reason: reasonText }).strict();

export const paymentBody = z
  .object({
    lineNos: z.array(z.number().int().min(1).max(1000)).min(1).max(100).optional().describe('Worksheet lines paid in full'),
    amount: amountText.optional().describe('Or: an amount on account (a partial payment), in the claim’s currency'),
    payee: z.enum(['insured', 'loss_payee', 'jeweler']).describe('JPF-SETTLE-8: the loss payee when one is named; JPF-SETTLE-2: the repairing jeweler'),
    jewelerUserId: z.uuid().optional().describe('With payee "jeweler": the jeweler with an order on this claim'),
    reference: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((body) => (body.lineNos === undefined) !== (body.amount === undefined), { message: 'give either lineNos or amount', path: ['lineNos'] })
  .refine((body) => (body.payee === 'jeweler') === (body.jewelerUserId !== undefined), {
    message: 'jewelerUserId goes with payee "jeweler", and only with it',
    path: ['jewelerUserId'],
  });
export const rejectBody = z.object({ reason: reasonText }).strict();

export const authorityBody = z
  .object({
    userId: z.uuid(),
    limit: z
      .string()
      .regex(/^\d{1,11}(\.\d{1,2})?$/, 'an amount like 10000.00')
      .describe('Most that may have been paid on one claim by this person without approval; 0: every payment needs approval'),
    currency: z.enum(CURRENCIES),
  })
  .strict();
export const authorityQuery = z.object({ currency: z.enum(CURRENCIES).default('USD') }).strict();

export const orderBody = z
  .object({
    jewelerUserId: z.uuid().describe('JPF-SETTLE-2: the selling jeweler or an approved one (a user with the jeweler role)'),
    kind: z.enum(['repair', 'replace']),
    lineNo: z.number().int().min(1).max(1000).describe('The claim item to repair or replace'),
    instructions: z.string().trim().min(3).max(2000).describe('What the jeweler is to do'),
    collectDeductible: z.boolean().default(false).describe('The jeweler collects the policy deductible from the insured'),
    customerPhone: z.string().trim().min(3).max(40).optional().describe('Default: the phone number of the policyholder’s profile'),
  })
  .strict();
export const completeBody = z
  .object({ invoiceAmount: amountText.optional().describe('The jeweler’s invoice, in the claim’s currency'), note: z.string().trim().max(2000).optional() })
  .strict();
export const cancelOrderBody = z.object({ reason: reasonText }).strict();

// ---- Responses ----

const reserveEntrySchema = z.object({
  entryNo: z.number().int(),
  kind: z.enum(['set', 'change', 'release', 'payment']),
  change: money,
  balance: money,
  reason: z.string().nullable(),
  paymentId: z.uuid().nullable(),
  recordedBy: z.uuid(),
  recordedAt: instantText,
});
export const reserveSchema = z.object({ balance: money.nullable().describe('The open reserve; null before one is set'), entries: z.array(reserveEntrySchema) });

export const paymentSchema = z.object({
  id: z.uuid(),
  paymentNo: z.number().int(),
  amount: money,
  lineNos: z.array(z.number().int()).describe('Worksheet lines paid in full; empty for a payment on account'),
  payee: z.object({ kind: z.enum(['insured', 'loss_payee', 'jeweler']), name: z.string(), jewelerUserId: z.uuid().nullable() }),
  reference: z.string().nullable(),
  status: z.enum(['awaiting_approval', 'issued', 'rejected']),
  issuedOn: isoDate.nullable(),
  requestedBy: z.uuid().nullable().describe('Staff only'),
  requestedAt: instantText,
  decidedBy: z.uuid().nullable().describe('Staff only: who approved or rejected it'),
  decidedAt: instantText.nullable(),
  rejectionReason: z.string().nullable(),
  coverEnded: z
    .array(z.object({ itemNo: z.number().int(), policyTransactionId: z.uuid(), refundId: z.uuid().nullable() }))
    .describe('JPF-SETTLE-7: items whose cover this payment ended (a total loss), with the policy transaction and the premium refund'),
});
export const paymentOutcomeSchema = paymentSchema.extend({ claimStatus: z.string() });
export const paymentsSchema = z.object({
  items: z.array(paymentSchema),
  worksheetTotal: money.nullable().describe('Staff only'),
  paidToDate: money.nullable().describe('Staff only'),
  awaitingApproval: money.nullable().describe('Staff only'),
  openReserve: money.nullable().describe('Staff only'),
});

export const authoritySchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  roles: z.array(z.string()),
  limit: money.nullable().describe('null: authority 0, every payment needs approval'),
  setAt: instantText.nullable(),
});

/** What a jeweler sees of an order: only what they need (JPF-SETTLE-2, PRV-DISC-3). */
export const jewelerOrderSchema = z.object({
  id: z.uuid(),
  orderNo: z.number().int(),
  claimNumber: z.string(),
  kind: z.enum(['repair', 'replace']),
  itemDescription: z.string(),
  instructions: z.string(),
  customer: z.object({ name: z.string(), address: z.string(), phone: z.string().nullable() }),
  collectDeductible: z.boolean(),
  deductible: money.nullable().describe('The deductible the jeweler collects from the insured, when they do'),
  status: z.enum(['sent', 'accepted', 'completed', 'cancelled']),
  sentAt: instantText,
  acceptedAt: instantText.nullable(),
  completedAt: instantText.nullable(),
  cancelledAt: instantText.nullable(),
  invoiceAmount: money.nullable(),
  completionNote: z.string().nullable(),
});
/** Staff and the policyholder also see who the order went to and the disclosure it made. */
export const claimOrderSchema = jewelerOrderSchema.extend({
  lineNo: z.number().int(),
  jewelerUserId: z.uuid(),
  jewelerName: z.string(),
  disclosureId: z.uuid().nullable().describe('Staff only: the privacy module’s log entry of the disclosure (PRV-DISC-3)'),
  cancelReason: z.string().nullable(),
});

// ---- Mapping ----

const json = (value: Money | null) => value?.toJSON() ?? null;

export function reserveJson(view: ReserveView) {
  return {
    balance: json(view.balance),
    entries: view.entries.map((entry) => ({
      entryNo: entry.entryNo,
      kind: entry.kind,
      change: entry.change.toJSON(),
      balance: entry.balance.toJSON(),
      reason: entry.reason,
      paymentId: entry.paymentId,
      recordedBy: entry.recordedBy,
      recordedAt: entry.recordedAt,
    })),
  };
}

export function paymentJson(payment: ClaimPayment, staff: boolean) {
  return {
    id: payment.id,
    paymentNo: payment.paymentNo,
    amount: payment.amount.toJSON(),
    lineNos: payment.lineNos,
    payee: { kind: payment.payeeKind, name: payment.payeeName, jewelerUserId: payment.payeeUserId },
    reference: payment.reference,
    status: payment.status,
    issuedOn: payment.issuedOn,
    requestedBy: staff ? payment.requestedBy : null,
    requestedAt: payment.requestedAt,
    decidedBy: staff ? payment.decidedBy : null,
    decidedAt: payment.decidedAt,
    rejectionReason: staff ? payment.rejectionReason : null,
    coverEnded: payment.coverEnded,
  };
}

export function jewelerOrderJson(order: JewelerOrder) {
  return {
    id: order.id,
    orderNo: order.orderNo,
    claimNumber: order.claimNumber,
    kind: order.kind,
    itemDescription: order.itemDescription,
    instructions: order.instructions,
    customer: { name: order.customerName, address: order.customerAddress, phone: order.customerPhone },
    collectDeductible: order.collectDeductible,
    deductible: json(order.deductible),
    status: order.status,
    sentAt: order.sentAt,
    acceptedAt: order.acceptedAt,
    completedAt: order.completedAt,
    cancelledAt: order.cancelledAt,
    invoiceAmount: json(order.invoiceAmount),
    completionNote: order.completionNote,
  };
}

export function claimOrderJson(order: JewelerOrder, staff: boolean) {
  return {
    ...jewelerOrderJson(order),
    lineNo: order.lineNo,
    jewelerUserId: order.jewelerUserId,
    jewelerName: order.jewelerName,
    disclosureId: staff ? order.disclosureId : null,
    cancelReason: order.cancelReason,
  };
}
