import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { ProofProblem } from './domain/proof-of-loss.ts';
import type { WorksheetProblem } from './domain/settlement-worksheet.ts';

/**
 * The expected failures of the proof of loss (JPF-DUTY-4) and the settlement worksheet (JPF-SETTLE-1..9), each
 * with a stable code and a translated message; nothing is written when one is thrown.
 */

function fieldError(status: number, code: string, messageKey: MessageKey, field: string, params: Record<string, string> = {}): AppError {
  return new AppError(status, code, messageKey, params, { errors: [{ field: `body.${field}`, code, messageKey, params }] });
}

export const settlementErrors = {
  /** Only the policyholder signs their proof of loss and agrees to the amount (an agent or jeweler may see it). */
  holderOnly: () => new AppError(403, 'holder_only', 'claims_settlement.error.holder_only'),
  /** Denied, withdrawn, closed (or, for a proof of loss, settled): nothing more to prove or settle. */
  claimNotOpen: (status: string) => new AppError(409, 'claim_not_open', 'claims_settlement.error.claim_not_open', { status }),
  proofPending: () => new AppError(409, 'proof_of_loss_pending', 'claims_settlement.error.proof_pending'),
  proofAccepted: () => new AppError(409, 'proof_of_loss_accepted', 'claims_settlement.error.proof_accepted'),
  proofDecided: (status: string) => new AppError(409, 'proof_of_loss_decided', 'claims_settlement.error.proof_decided', { status }),
  proofInvalid: (problems: readonly ProofProblem[]) =>
    new AppError(
      422,
      'proof_of_loss_invalid',
      'claims_settlement.error.proof_invalid',
      {},
      {
        errors: problems.map(
          (problem): FieldProblem => ({
            field: `body.${problem.field}`,
            code: problem.code,
            messageKey: `claims_settlement.problem.${problem.code}` as const satisfies MessageKey,
            params: problem.lineNo === undefined ? {} : { lineNo: problem.lineNo },
          }),
        ),
      },
    ),
  rejectionReasonRequired: () => fieldError(422, 'rejection_reason_required', 'claims_settlement.error.rejection_reason_required', 'reason'),
  oathAlreadyRequested: () => new AppError(409, 'oath_already_requested', 'claims_settlement.error.oath_already_requested'),
  worksheetInvalid: (problems: readonly { problem: WorksheetProblem; index: number }[]) =>
    new AppError(
      422,
      'worksheet_invalid',
      'claims_settlement.error.worksheet_invalid',
      {},
      {
        errors: problems.map(
          ({ problem, index }): FieldProblem => ({
            field: `body.lines.${index}.${problem.field}`,
            code: problem.code,
            messageKey: `claims_settlement.problem.${problem.code}` as const satisfies MessageKey,
            params: { lineNo: problem.lineNo },
          }),
        ),
      },
    ),
  /** Every claimed item has exactly one worksheet line. */
  worksheetLines: (code: 'worksheet_line_missing' | 'worksheet_line_unknown' | 'worksheet_line_duplicate', lineNo: number) =>
    fieldError(422, code, `claims_settlement.problem.${code}`, 'lines', { lineNo: String(lineNo) }),
  /** A new version says why it was made (a new estimate, an appraisal award, a set share). */
  worksheetReasonRequired: () => fieldError(422, 'worksheet_reason_required', 'claims_settlement.error.worksheet_reason_required', 'reason'),
  noWorksheet: () => new AppError(409, 'no_worksheet', 'claims_settlement.error.no_worksheet'),
  /** The insured agrees to the version they saw; a newer one needs their agreement of its own. */
  worksheetChanged: (current: number) => new AppError(409, 'worksheet_changed', 'claims_settlement.error.worksheet_changed', { version: current }),
  alreadyAgreed: () => new AppError(409, 'worksheet_already_agreed', 'claims_settlement.error.already_agreed'),
};
