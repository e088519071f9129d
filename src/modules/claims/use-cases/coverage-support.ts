import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { ClaimStatus } from '../../../platform/db/schema-claims.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Claim, findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { coverageErrors } from '../coverage-errors.ts';
import type { CoverageOutcome } from '../domain/coverage-decision.ts';

/** What the coverage use cases share: the claim within reach and open for a decision, and the status a decision sets. */

/** Claims whose cover may still be proposed or decided; a settled, closed or withdrawn claim's may not. */
const OPEN_FOR_COVERAGE: ReadonlySet<ClaimStatus> = new Set(['reported', 'needs_information', 'covered', 'denied']);

/** The claim status each decision sets: covered → covered, excluded → denied, needs information → needs_information. */
export const STATUS_OF_OUTCOME: Record<CoverageOutcome, ClaimStatus> = { covered: 'covered', excluded: 'denied', needs_information: 'needs_information' };

/** The claim if the actor reaches it (404 otherwise), locked for the transaction, and open for a coverage decision (409). */
export async function lockedOpenClaim(trx: Trx, actor: Actor, claimId: string): Promise<Claim> {
  const found = await findClaimVisibleTo(trx, actor, claimId);
  if (!found) throw problems.notFound();
  await lockClaim(trx, claimId);
  // Read again under the lock: the status may have changed while we waited for it.
  const claim = (await findClaimVisibleTo(trx, actor, claimId)) ?? found;
  if (!OPEN_FOR_COVERAGE.has(claim.status)) throw coverageErrors.claimNotOpen(claim.status);
  return claim;
}

/** Today in the claim's time zone (the policy's). */
export function todayIn(clock: Clock, timeZone: string): Temporal.PlainDate {
  return clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
}

/** PRV-RIGHT-6: a person reviews an automated proposal within 30 days of the request. */
export const HUMAN_REVIEW_DAYS = 30;
