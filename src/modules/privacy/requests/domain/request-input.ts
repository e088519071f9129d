import type { FieldProblem } from '../../../../platform/http/problem.ts';
import { isMailAddress } from '../../../../platform/mail/index.ts';
import { isJurisdiction, type Jurisdiction } from './jurisdictions.ts';
import type { RequestType } from './request-types.ts';

/**
 * Checks what a person (or staff for them) wrote on a request, before anything is written. The type is
 * checked first by the caller (an unknown type is its own 422, issue #5 "Bad input"); here the rest.
 */
export type RequestFields = {
  jurisdiction: string;
  details?: string | undefined;
  thirdPartyRecipient?: string | null | undefined;
  requesterName?: string | undefined;
  requesterEmail?: string | undefined;
};

export type CheckedFields = {
  jurisdiction: Jurisdiction;
  details: string;
  thirdPartyRecipient: string | null;
  requesterName: string;
  requesterEmail: string;
};

export function checkRequestFields(
  type: RequestType,
  fields: RequestFields,
  person: { name: string; email: string } | null,
): { ok: true; value: CheckedFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const jurisdiction = fields.jurisdiction.trim();
  if (!isJurisdiction(jurisdiction))
    problems.push({ field: 'body.jurisdiction', code: 'jurisdiction_unknown', messageKey: 'privacy_requests.error.jurisdiction_unknown' });
  const details = (fields.details ?? '').trim();
  if (details.length > 5000) problems.push({ field: 'body.details', code: 'too_long', messageKey: 'privacy_requests.error.too_long' });
  // Corrections and complaints need to say what is wrong: there is nothing to act on otherwise.
  if ((type === 'correction' || type === 'complaint') && details === '')
    problems.push({ field: 'body.details', code: 'required', messageKey: 'privacy_requests.error.details_required' });
  const third = (fields.thirdPartyRecipient ?? '').trim();
  // PRV-RIGHT-8: only a portability request goes to a named third party.
  if (third !== '' && type !== 'portability')
    problems.push({ field: 'body.thirdPartyRecipient', code: 'not_portability', messageKey: 'privacy_requests.error.third_party_only_portability' });
  if (third.length > 500) problems.push({ field: 'body.thirdPartyRecipient', code: 'too_long', messageKey: 'privacy_requests.error.too_long' });
  const name = (person?.name ?? fields.requesterName ?? '').trim();
  const email = (person?.email ?? fields.requesterEmail ?? '').trim();
  if (name === '' || name.length > 200) problems.push({ field: 'body.requesterName', code: 'required', messageKey: 'privacy_requests.error.name_required' });
  if (!isMailAddress(email)) problems.push({ field: 'body.requesterEmail', code: 'email_invalid', messageKey: 'privacy_requests.error.email_invalid' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      jurisdiction: jurisdiction as Jurisdiction,
      details,
      thirdPartyRecipient: third === '' ? null : third,
      requesterName: name,
      requesterEmail: email,
    },
  };
}
