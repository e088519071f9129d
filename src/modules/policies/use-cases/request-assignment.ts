import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { staffActionErrors } from '../errors.ts';
import {
  type AssignmentRequest,
  findActiveCustomerByEmail,
  findAssignmentRequest,
  findPendingAssignment,
  insertAssignmentRequest,
  listAssignmentsOfPolicy,
} from '../staff-actions-repository.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

export type AssignmentRequestInput = { assigneeEmail: string; note?: string | undefined };

/**
 * JPF-COND-1: "Assignment of this policy will not be valid unless 'we' give 'our' written consent." The
 * holder (or their agent) asks to transfer an in-force policy to another person who has a customer login,
 * named by email; staff with policies:assign may enter a request received on paper. The request changes
 * nothing: the policy passes to the new holder only when staff record the insurer's written consent
 * (decide-assignment.ts). One open request per policy (409 assignment_already_requested); an unknown
 * address or the holder's own 422; a policy the actor cannot reach 404. Audited.
 */
export async function requestAssignment(
  deps: Deps,
  actor: Actor,
  policyId: string,
  input: AssignmentRequestInput,
  origin: RequestOrigin,
): Promise<AssignmentRequest> {
  if (actor.kind !== 'user') throw actor.kind === 'anonymous' ? problems.unauthenticated() : problems.forbidden();
  if (!can(actor, 'policies:apply') && !can(actor, 'policies:assign')) throw problems.forbidden();
  const note = input.note?.trim() ? input.note.trim() : null;
  return inTransaction(deps.db, async (trx) => {
    // Staff without policies:assign (e.g. adjusters) reach the policy but may not enter a request for the holder.
    const policy = await lockedPolicyFor(trx, actor, policyId);
    const ownOrAgent = actor.userId === policy.holderUserId || actor.userId === policy.agentUserId;
    if (!ownOrAgent && !can(actor, 'policies:assign')) throw problems.forbidden();
    if (policy.status !== 'in_force') throw staffActionErrors.notChangeable(policy.status);
    const pending = await findPendingAssignment(trx, policy.id);
    if (pending) throw staffActionErrors.assignmentAlreadyRequested(pending.id);
    const assignee = await findActiveCustomerByEmail(trx, input.assigneeEmail);
    if (!assignee) throw staffActionErrors.assigneeNotFound();
    if (assignee.userId === policy.holderUserId) throw staffActionErrors.assigneeIsHolder();
    const id = newId();
    await insertAssignmentRequest(trx, {
      id,
      policyId: policy.id,
      fromUserId: policy.holderUserId,
      toUserId: assignee.userId,
      requestedBy: actor.userId,
      note,
      createdAt: nowText(deps.clock),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.assignment_requested',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: id, fromUserId: policy.holderUserId, toUserId: assignee.userId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const created = await findAssignmentRequest(trx, policy.id, id);
    if (!created) throw new Error(`assignment request ${id} vanished inside its own transaction`);
    return created;
  });
}

/** The assignment requests of a policy the actor can reach, newest first. */
export async function listPolicyAssignments(deps: Deps, actor: Actor, policyId: string): Promise<AssignmentRequest[]> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => listAssignmentsOfPolicy(trx, (await lockedPolicyFor(trx, actor, policyId)).id));
}
