import { z } from 'zod';
import { instantText } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';

/** Money in the API: a decimal string with its currency (DESIGN §6). */
const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
// Signed and with any decimals, so that a negative amount or fractions of a cent get billing's own
// explanation (422 amount_invalid) rather than a bare format error.
const decimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'a decimal number like 120.00');

export const policyIdParam = z.object({ policyId: z.uuid() }).strict();

export const invoiceQuery = z.object({ policyId: z.uuid().optional(), status: z.enum(['open', 'paid', 'cancelled']).optional() }).strict();

export const refundQuery = z.object({ status: z.enum(['payable', 'paid', 'cancelled']).optional() }).strict();

export const invoiceSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  policyId: z.uuid(),
  policyNumber: z.string(),
  kind: z.enum(['premium', 'endorsement', 'renewal']),
  amount: money,
  paid: money.describe('Sum of the payments allocated to this invoice'),
  outstanding: money,
  issuedOn: isoDate,
  dueOn: isoDate,
  structuredReference: z.string().describe('ISO 11649 creditor reference to write on the bank transfer, e.g. RF18539007547034'),
  status: z.enum(['open', 'paid', 'cancelled']),
  createdAt: instantText,
});

export const recordPaymentBody = z
  .object({
    reference: z.string().min(1).max(60).describe('The structured reference (RF…) the payer wrote; spaces allowed'),
    amount: decimalText,
    currency: z.enum(CURRENCIES),
    receivedOn: isoDate.describe('The day the bank booked the transfer'),
  })
  .strict();

export const recordedPaymentSchema = z.object({
  paymentId: z.uuid(),
  outcome: z.enum(['exact', 'partial', 'overpayment']),
  allocated: money,
  unallocated: money.describe('Left on the account as credit (over-payment)'),
  invoice: invoiceSchema,
});

export const importStatementBody = z
  .object({
    format: z.enum(['csv', 'camt053']),
    content: z.string().min(1).max(2_000_000).describe('The file as text: CSV with header date,amount,currency,reference,transaction_id; or CAMT.053 XML'),
  })
  .strict();

export const statementReportSchema = z.object({
  format: z.enum(['csv', 'camt053']),
  matched: z.number().int(),
  unmatched: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int().describe('Entries that are not booked credits (debits, pending), which are not payments'),
  lines: z.array(
    z.object({
      line: z.number().int(),
      transactionId: z.string(),
      reference: z.string(),
      amount: money,
      outcome: z.enum(['matched', 'unmatched', 'duplicate']),
      reason: z.enum(['reference_invalid', 'payment_unmatched', 'invoice_cancelled', 'currency_mismatch']).optional(),
      allocation: z.enum(['exact', 'partial', 'overpayment']).optional(),
      paymentId: z.uuid().optional(),
      invoiceId: z.uuid().optional(),
    }),
  ),
});

export const refundSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    policyId: z.uuid(),
    policyNumber: z.string(),
    amount: money,
    reason: z.string(),
    status: z.enum(['payable', 'paid', 'cancelled']).describe('A payable refund may be cancelled, e.g. when a reinstatement reverses its cancellation'),
    createdAt: instantText,
    paidOn: isoDate.nullable(),
    paidReference: z.string().nullable(),
  })
  .describe('JPF-CANCEL-3: a refund is its own billing transaction, tracked until paid');

export const markRefundPaidBody = z
  .object({
    paidOn: isoDate.describe('The day the refund was paid out'),
    paymentReference: z.string().min(1).max(140).optional().describe('The bank’s reference of the outgoing transfer'),
  })
  .strict();

export const policyBalanceSchema = z.object({
  policyId: z.uuid(),
  invoiced: money,
  paid: money,
  outstanding: money,
  refundsPayable: money.describe('JPF-CANCEL-3: refunds created and not yet paid out'),
});
