import { AppError } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { Money } from '../../platform/money.ts';
import type { PayeeRefusal, PaymentRefusal } from './domain/payment-rules.ts';
import type { ReserveRefusal } from './domain/reserve-rules.ts';

/**
 * The expected failures of reserves, payments, payment authority and jeweler orders (issue #4): each a stable code
 * and a translated message; nothing is written when one is thrown (the use case's transaction rolls back).
 */

function fieldError(status: number, code: string, messageKey: MessageKey, field: string, params: Record<string, string | number> = {}): AppError {
  return new AppError(status, code, messageKey, params, { errors: [{ field: `body.${field}`, code, messageKey, params }] });
}

const amount = (money: Money) => `${money.toFixed()} ${money.currency}`;

export const paymentErrors = {
  claimNotOpen: (status: string) => new AppError(409, 'claim_not_open_for_settlement', 'claims_payments.error.claim_not_open', { status }),
  noWorksheet: () => new AppError(422, 'no_worksheet', 'claims_payments.error.no_worksheet'),
  refused: (refusal: PaymentRefusal) =>
    fieldError(422, refusal.code, `claims_payments.error.${refusal.code}`, 'amount', { available: amount(refusal.available) }),
  lines: (code: 'line_not_on_worksheet' | 'line_already_paid' | 'nothing_to_pay', lineNo: number | null) =>
    fieldError(code === 'line_already_paid' ? 409 : 422, code, `claims_payments.error.${code}`, 'lineNos', { lineNo: lineNo ?? '' }),
  payee: (code: PayeeRefusal, lossPayee: string | null) =>
    fieldError(422, code, `claims_payments.error.${code}`, code === 'jeweler_not_on_claim' ? 'jewelerUserId' : 'payee', { name: lossPayee ?? '' }),
  notAwaitingApproval: (status: string) => new AppError(409, 'payment_not_awaiting_approval', 'claims_payments.error.not_awaiting_approval', { status }),
  ownPayment: () => new AppError(403, 'own_payment_approval', 'claims_payments.error.own_payment_approval'),
  beyondAuthority: (exposure: Money) =>
    new AppError(403, 'insufficient_payment_authority', 'claims_payments.error.insufficient_payment_authority', { amount: amount(exposure) }),
  reserve: (code: ReserveRefusal) =>
    code === 'no_open_reserve'
      ? new AppError(409, code, 'claims_payments.error.no_open_reserve')
      : fieldError(422, code, `claims_payments.error.${code}`, code === 'reserve_reason_required' ? 'reason' : 'amount'),
  notPayer: () => fieldError(422, 'user_cannot_pay_claims', 'claims_payments.error.user_cannot_pay_claims', 'userId'),
};

export const jewelerOrderErrors = {
  notApprovedJeweler: () => fieldError(422, 'jeweler_not_approved', 'claims_payments.error.jeweler_not_approved', 'jewelerUserId'),
  notRecipient: () => fieldError(422, 'jeweler_not_registered_recipient', 'claims_payments.error.jeweler_not_registered_recipient', 'jewelerUserId'),
  disclosureRefused: (reason: string) => new AppError(422, 'disclosure_refused', 'claims_payments.error.disclosure_refused', { reason }),
  lineUnknown: (lineNo: number) => fieldError(422, 'claim_line_unknown', 'claims_payments.error.claim_line_unknown', 'lineNo', { lineNo }),
  alreadyOpen: (orderNo: number) => new AppError(409, 'order_already_open', 'claims_payments.error.order_already_open', { orderNo }),
  notOpen: (status: string) => new AppError(409, 'order_not_open', 'claims_payments.error.order_not_open', { status }),
};
