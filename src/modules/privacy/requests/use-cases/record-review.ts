import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { privacyRequestErrors } from '../errors.ts';
import { closeReviewTask, findPrivacyRequest, findReviewTaskForUpdate } from '../privacy-requests-repository.ts';
import { auditRequest } from './request-support.ts';

/**
 * PRV-RIGHT-6: a person (privacy officer or admin) reviews the automated decision a request asked about and
 * records the outcome; until then the task stays open in the queue. Audited on the request's timeline.
 */
export async function recordReview(deps: Deps, actor: Actor, taskId: string, input: { outcome: string }, origin: RequestOrigin): Promise<void> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const outcome = input.outcome.trim();
  if (outcome === '' || outcome.length > 2000) throw privacyRequestErrors.reasonRequired('body.outcome');
  await inTransaction(deps.db, async (trx) => {
    const task = await findReviewTaskForUpdate(trx, taskId);
    if (!task) throw problems.notFound();
    const request = await findPrivacyRequest(trx, actor, task.requestId);
    if (!request) throw problems.notFound();
    if (!(await closeReviewTask(trx, task.id, actor.userId, outcome, nowText(deps.clock)))) throw privacyRequestErrors.reviewTaskNotOpen();
    await auditRequest(trx, deps, actor, request, 'decision_reviewed', origin, { details: { reviewTaskId: task.id, outcome } });
  });
}
