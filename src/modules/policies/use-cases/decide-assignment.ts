import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { transferOpenInvoices } from '../../billing/index.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { staffActionErrors } from '../errors.ts';
import {
  type AssignmentRequest,
  findAssignmentRequest,
  listPendingAssignments,
  markAssignmentApproved,
  markAssignmentRefused,
  setPolicyHolder,
} from '../staff-actions-repository.ts';
import { appendTransaction } from '../timeline-repository.ts';
import { lockedPolicyFor } from './request-cancellation.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

export type AssignmentDecision =
  | { decision: 'approve'; consentDate?: string | undefined; consentReference?: string | undefined }
  | { decision: 'refuse'; reason?: string | undefined };

/**
 * JPF-COND-1: staff with policies:assign record the insurer's decision on an assignment request.
 *  - approve: only with the written consent — its date (not in the future) and reference — and only while
 *    the policy is in force. The policy passes to the new holder from today (insured's time zone, not before
 *    the first day) by a policy_transaction of kind 'assignment' (no premium change) that keeps who approved,
 *    the consent's date and reference; both the old and the new holder are mailed. The policy's open invoices
 *    move to the new holder's billing account (decision 0013): the new holder sees and pays what is owed,
 *    the old holder no longer sees it; paid invoices and refunds stay with the old holder.
 *  - refuse: with a reason; the policy stays as it is and the holder is mailed.
 * A request already decided answers 409 assignment_already_decided; missing consent or reason 422; nothing is
 * written then. Audited.
 */
export async function decideAssignment(
  deps: Deps,
  actor: Actor,
  policyId: string,
  requestId: string,
  input: AssignmentDecision,
  origin: RequestOrigin,
): Promise<AssignmentRequest> {
  requirePermission(actor, 'policies:assign');
  if (actor.kind !== 'user') throw problems.forbidden();
  if (input.decision === 'approve') {
    if (!input.consentDate?.trim()) throw staffActionErrors.consentRequired('consentDate');
    if (!input.consentReference?.trim()) throw staffActionErrors.consentRequired('consentReference');
  } else if (!input.reason?.trim()) throw staffActionErrors.reasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    const request = await findAssignmentRequest(trx, policy.id, requestId);
    if (!request) throw problems.notFound();
    if (request.status !== 'pending') throw staffActionErrors.assignmentDecided(request.status);
    const now = nowText(deps.clock);
    const today = localDateOf(deps.clock.now(), policy.timeZone);
    const link = `${deps.config.publicUrl}/portal/policies/${policy.id}`;

    if (input.decision === 'refuse') {
      const reason = (input.reason ?? '').trim();
      await markAssignmentRefused(trx, request.id, { decidedBy: actor.userId, decidedAt: now, reason });
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'policy.assignment_refused',
          subject: { type: 'policy', id: policy.id },
          details: { policyNumber: policy.policyNumber, requestId: request.id, toUserId: request.to.userId, reason },
          requestId: origin.requestId,
        },
        deps.clock,
      );
      await enqueueMail(
        trx,
        {
          to: request.from.email,
          locale: request.from.locale,
          template: 'assignment_refused',
          params: { name: request.from.displayName, link, policyNumber: policy.policyNumber, to: request.to.displayName, reason },
        },
        deps.clock,
      );
      return reread(trx, policy.id, request.id);
    }

    if (policy.status !== 'in_force') throw staffActionErrors.notChangeable(policy.status);
    const consentDate = parseConsentDate(input.consentDate ?? '');
    if (Temporal.PlainDate.compare(consentDate, today) > 0) throw staffActionErrors.consentDateInFuture(today.toString());
    const consentReference = (input.consentReference ?? '').trim();
    const firstDay = Temporal.PlainDate.from(policy.firstDay);
    const effectiveDate = (Temporal.PlainDate.compare(today, firstDay) < 0 ? firstDay : today).toString();
    const transactionId = newId();
    await appendTransaction(trx, {
      id: transactionId,
      policyId: policy.id,
      kind: 'assignment',
      effectiveDate,
      recordedAt: now,
      premiumChange: Money.zero(policy.premium.currency),
      itemChanges: [],
      details: {
        requestId: request.id,
        fromUserId: request.from.userId,
        toUserId: request.to.userId,
        consent: { date: consentDate.toString(), reference: consentReference, approvedBy: actor.userId },
      },
    });
    await setPolicyHolder(trx, policy.id, request.to.userId);
    // JPF-COND-1 (decision 0013): what is still owed passes with the policy; the new holder sees and pays it.
    const transferred = await transferOpenInvoices(
      { ...deps, db: trx },
      actor,
      { policyId: policy.id, toHolderUserId: request.to.userId, reason: `policy_assigned:${request.id}` },
      origin,
    );
    await markAssignmentApproved(trx, request.id, {
      decidedBy: actor.userId,
      decidedAt: now,
      consentDate: consentDate.toString(),
      consentReference,
      policyTransactionId: transactionId,
    });
    await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.assigned',
        subject: { type: 'policy', id: policy.id },
        details: {
          policyNumber: policy.policyNumber,
          requestId: request.id,
          transactionId,
          fromUserId: request.from.userId,
          toUserId: request.to.userId,
          effectiveDate,
          consentDate: consentDate.toString(),
          consentReference,
          invoicesTransferred: transferred.map((invoice) => invoice.id),
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    for (const person of [request.from, request.to])
      await enqueueMail(
        trx,
        {
          to: person.email,
          locale: person.locale,
          template: 'assignment_approved',
          params: {
            name: person.displayName,
            link,
            policyNumber: policy.policyNumber,
            from: request.from.displayName,
            to: request.to.displayName,
            effectiveDate,
            consentReference,
          },
        },
        deps.clock,
      );
    return reread(trx, policy.id, request.id);
  });
}

function parseConsentDate(value: string): Temporal.PlainDate {
  try {
    return Temporal.PlainDate.from(value.trim(), { overflow: 'reject' });
  } catch {
    throw staffActionErrors.consentRequired('consentDate');
  }
}

async function reread(trx: Trx, policyId: string, requestId: string): Promise<AssignmentRequest> {
  const request = await findAssignmentRequest(trx, policyId, requestId);
  if (!request) throw new Error(`assignment request ${requestId} vanished inside its own transaction`);
  return request;
}

/** The back-office queue of assignment requests waiting for the insurer's decision (policies:assign). */
export async function listAssignmentQueue(deps: Deps, actor: Actor): Promise<AssignmentRequest[]> {
  requirePermission(actor, 'policies:assign');
  return listPendingAssignments(deps.db, 200);
}
