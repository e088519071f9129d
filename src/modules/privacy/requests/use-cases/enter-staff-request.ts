import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { requireAttachedFile } from '../../../files/index.ts';
import type { StaffChannel } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import { findPersonByEmail, insertPrivacyRequest, type PrivacyRequest } from '../privacy-requests-repository.ts';
import { newPrivacyRequest, type RequestInput } from './new-request.ts';
import { auditRequest, insurerToday } from './request-support.ts';

export type StaffRequestInput = RequestInput & {
  channel: StaffChannel;
  /** The day the letter, call or email was received; today when not given, never in the future. */
  receivedOn?: string | undefined;
  /** PRV-RIGHT-10: someone acting for the person, with an uploaded authorisation (POST /api/v1/files, purpose 'other'). */
  agent?: { name: string; authorisationFileId: string } | undefined;
};

/**
 * PRV-CONTACT-1: staff enter a request received by email, phone or mail, with the channel recorded. The
 * request waits for verification by documents (PRV-RIGHT-10); an authorised agent's authorisation is
 * attached here and checked by the privacy officer when verifying.
 */
export async function enterStaffRequest(deps: Deps, actor: Actor, input: StaffRequestInput, origin: RequestOrigin): Promise<PrivacyRequest> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const today = insurerToday(deps);
  let receivedOn = today;
  if (input.receivedOn !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) ? Temporal.PlainDate.from(input.receivedOn) : null;
    if (!parsed || Temporal.PlainDate.compare(parsed, today) > 0)
      throw privacyRequestErrors.invalid([{ field: 'body.receivedOn', code: 'date_invalid', messageKey: 'privacy_requests.error.received_on_invalid' }]);
    receivedOn = parsed;
  }
  const agentName = input.agent?.name.trim() ?? '';
  if (input.agent && (agentName === '' || agentName.length > 200))
    throw privacyRequestErrors.invalid([{ field: 'body.agent.name', code: 'required', messageKey: 'privacy_requests.error.name_required' }]);
  return inTransaction(deps.db, async (trx) => {
    const created = newPrivacyRequest(deps, input, { channel: input.channel, receivedOn, person: null, enteredBy: actor.userId });
    const account = await findPersonByEmail(trx, created.requesterEmail);
    let request: PrivacyRequest = { ...created, subjectUserId: account?.id ?? null };
    if (input.agent) {
      const file = await requireAttachedFile(trx, actor, input.agent.authorisationFileId, 'other', { field: 'body.agent.authorisationFileId' });
      request = { ...request, agentName, agentAuthorisationFileId: file.id };
    }
    await insertPrivacyRequest(trx, request);
    await auditRequest(trx, deps, actor, request, 'received', origin, {
      details: {
        channel: request.channel,
        jurisdiction: request.jurisdiction,
        receivedOn: request.receivedOn,
        dueOn: request.dueOn,
        deadlineRule: request.deadlineRule,
        authorisedAgent: request.agentName !== null,
        authorisationFileId: request.agentAuthorisationFileId,
      },
      personalDetails: { name: request.requesterName, email: request.requesterEmail, agentName: request.agentName },
    });
    return request;
  });
}
