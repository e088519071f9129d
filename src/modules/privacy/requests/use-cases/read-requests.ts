import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { type DeadlineState, deadlineState } from '../domain/deadlines.ts';
import { isOpen } from '../domain/request-types.ts';
import {
  currentDueOn,
  findPrivacyRequest,
  listOpenReviewTasks,
  listPrivacyRequests,
  listRequestsOfSubject,
  type PrivacyRequest,
  type ReviewTask,
  requestTimeline,
  type TimelineEntry,
} from '../privacy-requests-repository.ts';
import { insurerToday } from './request-support.ts';

export type QueueEntry = PrivacyRequest & { currentDueOn: string; deadline: DeadlineState | null };

/** A request with the deadline that applies now and its state (overdue, due soon, on time). */
export function withDeadline(deps: Deps, request: PrivacyRequest): QueueEntry {
  const due = currentDueOn(request);
  return { ...request, currentDueOn: due, deadline: isOpen(request.status) ? deadlineState(Temporal.PlainDate.from(due), insurerToday(deps)) : null };
}

/**
 * PRV-RIGHT-11: the privacy officer's queue, open requests sorted by the deadline that applies now, each
 * marked overdue, due within 7 days, or on time; the open automated-decision reviews (PRV-RIGHT-6); and the
 * most recently closed requests.
 */
export async function listRequestQueue(deps: Deps, actor: Actor): Promise<{ open: QueueEntry[]; closed: QueueEntry[]; reviewTasks: ReviewTask[] }> {
  requirePermission(actor, 'privacy:read');
  const [open, closed, reviewTasks] = await Promise.all([
    listPrivacyRequests(deps.db, { open: true, limit: 500 }),
    listPrivacyRequests(deps.db, { open: false, limit: 50 }),
    listOpenReviewTasks(deps.db),
  ]);
  return { open: open.map((r) => withDeadline(deps, r)), closed: closed.map((r) => withDeadline(deps, r)), reviewTasks };
}

/**
 * One request with its timeline read from the audit chain (PRV-RIGHT-12). Privacy staff reach every
 * request, a customer only their own (anyone else: 404). A staff read of the person's request is itself
 * audited (PRV-DISC-2).
 */
export async function getRequest(deps: Deps, actor: Actor, id: string): Promise<{ request: QueueEntry; timeline: TimelineEntry[] }> {
  if (actor.kind !== 'user') throw problems.notFound();
  const request = await findPrivacyRequest(deps.db, actor, id);
  if (!request) throw problems.notFound();
  if (request.subjectUserId !== actor.userId)
    await inTransaction(deps.db, (trx) =>
      recordAuditEvent(
        trx,
        { actor, action: 'privacy_request.read', subject: { type: 'privacy_request', id }, purpose: 'privacy.rights_management' },
        deps.clock,
      ),
    );
  return { request: withDeadline(deps, request), timeline: await requestTimeline(deps.db, id) };
}

/** The portal's privacy centre: the customer's own requests, newest first. */
export async function listMyRequests(deps: Deps, actor: Actor): Promise<QueueEntry[]> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return (await listRequestsOfSubject(deps.db, actor.userId)).map((r) => withDeadline(deps, r));
}
