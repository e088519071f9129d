import type { Actor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { type Claim, findClaimVisibleTo, lockClaim } from '../claims-repository.ts';

/**
 * What the recovery, subrogation and appraisal use cases share (issue #4; JPF-SUBRO-1/2, JPF-APPR-1, JPF-COND-4):
 * the claim locked within the actor's reach, "today" in the claim's time zone, and the part's expected failures,
 * each with a stable code and, where a field is at fault, a field-level message.
 */

/** The claim the actor may reach, locked for the rest of the transaction (changes to one claim take turns); else 404. */
export async function lockedClaimFor(trx: Trx, actor: Actor, claimId: string): Promise<Claim> {
  await lockClaim(trx, claimId);
  const claim = await findClaimVisibleTo(trx, actor, claimId);
  if (!claim) throw problems.notFound();
  return claim;
}

/** Today in the claim's (the policy's) time zone, 'YYYY-MM-DD'. */
export function claimToday(deps: Deps, claim: Pick<Claim, 'timeZone'>): string {
  return deps.clock.now().toZonedDateTimeISO(claim.timeZone).toPlainDate().toString();
}

function fieldError(status: number, code: string, messageKey: MessageKey, field: string, params: Record<string, string> = {}): AppError {
  return new AppError(status, code, messageKey, params, { errors: [{ field: `body.${field}`, code, messageKey, params }] });
}

export type DateCode = 'date_in_future' | 'before_loss' | 'too_early';

export const recoveryErrors = {
  /** A date that cannot be: in the future (the claim's time zone), before the loss, before the step it follows. */
  date: (field: string, code: DateCode, params: Record<string, string> = {}) =>
    new AppError(
      400,
      'validation_failed',
      'error.validation_failed',
      {},
      { errors: [{ field: `body.${field}`, code, messageKey: `claims_recovery.error.${code}` as const satisfies MessageKey, params }] },
    ),
  itemNotOnClaim: (lineNo: number) => fieldError(422, 'claim_item_unknown', 'claims_recovery.error.claim_item_unknown', 'lineNo', { lineNo: String(lineNo) }),
  itemAlreadyRecovered: (lineNo: number) =>
    new AppError(409, 'item_already_recovered', 'claims_recovery.error.item_already_recovered', { lineNo: String(lineNo) }),
  claimNotAppraisable: (status: string) => new AppError(409, 'claim_not_appraisable', 'claims_recovery.error.claim_not_appraisable', { status }),
  appraisalAlreadyDemanded: () => new AppError(409, 'appraisal_already_demanded', 'claims_recovery.error.appraisal_already_demanded'),
  appraiserAlreadyNamed: () => new AppError(409, 'appraiser_already_named', 'claims_recovery.error.appraiser_already_named'),
  appraisersNotNamed: () => new AppError(409, 'appraisers_not_named', 'claims_recovery.error.appraisers_not_named'),
  umpireAlreadySelected: () => new AppError(409, 'umpire_already_selected', 'claims_recovery.error.umpire_already_selected'),
  judgeBeforeDeadline: (due: string) => fieldError(422, 'judge_before_deadline', 'claims_recovery.error.judge_before_deadline', 'selectedOn', { due }),
  awardAlreadyMade: () => new AppError(409, 'award_already_made', 'claims_recovery.error.award_already_made'),
  awardNeedsTwoSignatures: () => fieldError(422, 'award_needs_two_signatures', 'claims_recovery.error.award_needs_two_signatures', 'signedBy'),
  umpireNotSelected: () => fieldError(422, 'umpire_not_selected', 'claims_recovery.error.umpire_not_selected', 'signedBy'),
};
