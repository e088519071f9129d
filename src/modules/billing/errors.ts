import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { MessageKey, MessageParams } from '../../platform/i18n/index.ts';
import type { StatementError } from './domain/statement-line.ts';

/** The billing module's expected failures, each with a stable code; with any of them nothing is written. */
export const billingErrors = {
  amountInvalid: (field: string) =>
    new AppError(422, 'amount_invalid', 'billing.amount_invalid', {}, { errors: [{ field, code: 'amount_invalid', messageKey: 'billing.amount_invalid' }] }),
  dueBeforeIssue: () => new AppError(422, 'due_before_issue', 'billing.due_before_issue'),
  referenceInvalid: (reference: string) =>
    new AppError(422, 'reference_invalid', 'billing.reference_invalid', { reference }, { errors: [referenceProblem('reference_invalid', reference)] }),
  paymentUnmatched: (reference: string) =>
    new AppError(422, 'payment_unmatched', 'billing.payment_unmatched', { reference }, { errors: [referenceProblem('payment_unmatched', reference)] }),
  invoiceNotPayable: (reason: 'invoice_cancelled' | 'currency_mismatch') => new AppError(409, reason, `billing.${reason}` satisfies MessageKey),
  statementInvalid: (errors: readonly StatementError[]) =>
    new AppError(422, 'statement_invalid', 'billing.statement_invalid', { count: errors.length }, { errors: errors.map(statementProblem) }),
  refundExceedsPaid: (paid: string) => new AppError(422, 'refund_exceeds_paid', 'billing.refund_exceeds_paid', { paid }),
  refundAlreadyPaid: () => new AppError(409, 'refund_already_paid', 'billing.refund_already_paid'),
  // Cancelling an invoice or a refund (cancel-invoice.ts, cancel-refund.ts).
  cancellationReasonRequired: () =>
    new AppError(
      422,
      'cancellation_reason_required',
      'billing.cancellation_reason_required',
      {},
      { errors: [{ field: 'body.reason', code: 'cancellation_reason_required', messageKey: 'billing.cancellation_reason_required' }] },
    ),
  invoiceNotOpen: (status: string) => new AppError(409, 'invoice_not_open', 'billing.invoice_not_open', { status }),
  invoicePartiallyPaid: (paid: string) => new AppError(409, 'invoice_partially_paid', 'billing.invoice_partially_paid', { paid }),
  refundAlreadyCancelled: () => new AppError(409, 'refund_already_cancelled', 'billing.refund_already_cancelled'),
};

function referenceProblem(code: 'reference_invalid' | 'payment_unmatched', reference: string): FieldProblem {
  return { field: 'body.reference', code, messageKey: `billing.${code}`, params: { reference } };
}

/** One error per statement line, `body.content.line.N`; whole-file problems on `body.content`. */
function statementProblem(error: StatementError): FieldProblem {
  const params: MessageParams = { line: error.line ?? 0, value: error.value ?? '' };
  return {
    field: error.line === null ? 'body.content' : `body.content.line.${error.line}`,
    code: error.code,
    messageKey: `billing.statement.${error.code}` satisfies MessageKey,
    params,
  };
}
