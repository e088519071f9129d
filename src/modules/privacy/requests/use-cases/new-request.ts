import type { Temporal } from 'temporal-polyfill';
import { nowText } from '../../../../platform/clock.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import { checkRequestFields, type RequestFields } from '../domain/request-input.ts';
import { type Channel, isRequestType, type RequestType } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import type { PrivacyRequest } from '../privacy-requests-repository.ts';
import { deadlineOf } from './request-support.ts';

export type RequestInput = RequestFields & { type: string };

/** The type, checked first: an unknown type is a clear 422 and nothing is written (issue #5 "Bad input"). */
export function requestTypeOf(input: { type: string }): RequestType {
  if (!isRequestType(input.type)) throw privacyRequestErrors.typeUnknown(String(input.type));
  return input.type;
}

/**
 * A new request, checked, with its deadline from the receipt date (PRV-RIGHT-11, decision 0011).
 * Not yet written: the caller writes it in its transaction with its audit events.
 */
export function newPrivacyRequest(
  deps: Pick<Deps, 'clock'>,
  input: RequestInput,
  how: {
    channel: Channel;
    receivedOn: Temporal.PlainDate;
    person: { id: string; name: string; email: string } | null;
    subjectUserId?: string | null;
    enteredBy?: string | null;
  },
): PrivacyRequest {
  const type = requestTypeOf(input);
  const checked = checkRequestFields(type, input, how.person ? { name: how.person.name, email: how.person.email } : null);
  if (!checked.ok) throw privacyRequestErrors.invalid(checked.problems);
  const now = nowText(deps.clock);
  return {
    id: newId(),
    type,
    status: 'awaiting_verification',
    channel: how.channel,
    jurisdiction: checked.value.jurisdiction,
    subjectUserId: how.person?.id ?? how.subjectUserId ?? null,
    requesterName: checked.value.requesterName,
    requesterEmail: checked.value.requesterEmail,
    details: checked.value.details,
    thirdPartyRecipient: checked.value.thirdPartyRecipient,
    agentName: null,
    agentAuthorisationFileId: null,
    verificationMethod: null,
    verifiedAt: null,
    verifiedBy: null,
    receivedOn: how.receivedOn.toString(),
    ...deadlineOf(checked.value.jurisdiction, how.receivedOn),
    extendedDueOn: null,
    extensionReason: null,
    extendedAt: null,
    outcomeSummary: null,
    rejectionReason: null,
    closedAt: null,
    closedBy: null,
    enteredBy: how.enteredBy ?? null,
    createdAt: now,
    updatedAt: now,
  };
}
