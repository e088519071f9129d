import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { isOpen } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import { findPrivacyRequest, type PrivacyRequest, savePrivacyRequest } from '../privacy-requests-repository.ts';
import { auditRequest, touched } from './request-support.ts';

export type DocumentVerificationInput = {
  /** What was checked, e.g. "copy of passport, address matches the policy" (kept in the audit chain). */
  note: string;
  /** PRV-RIGHT-10: for a request by an authorised agent, the officer confirms the authorisation is valid. */
  authorisationChecked?: boolean | undefined;
};

/**
 * PRV-RIGHT-10: the privacy officer verifies the person's identity from documents (a request by mail,
 * phone or email, or by an authorised agent, whose written authorisation must be checked too). Nothing is
 * acted on before this.
 */
export async function verifyRequestByDocuments(
  deps: Deps,
  actor: Actor,
  requestId: string,
  input: DocumentVerificationInput,
  origin: RequestOrigin,
): Promise<PrivacyRequest> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const note = input.note.trim();
  if (note === '' || note.length > 2000) throw privacyRequestErrors.reasonRequired('body.note');
  return inTransaction(deps.db, async (trx) => {
    const request = await findPrivacyRequest(trx, actor, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (!isOpen(request.status)) throw privacyRequestErrors.closed();
    if (request.status !== 'awaiting_verification') throw privacyRequestErrors.alreadyVerified();
    if (request.agentAuthorisationFileId !== null && input.authorisationChecked !== true) throw privacyRequestErrors.authorisationNotChecked();
    const now = nowText(deps.clock);
    const verified: PrivacyRequest = {
      ...touched(request, deps),
      status: 'in_progress',
      verificationMethod: 'documents',
      verifiedAt: now,
      verifiedBy: actor.userId,
    };
    await savePrivacyRequest(trx, verified);
    await auditRequest(trx, deps, actor, verified, 'verified', origin, {
      details: { method: 'documents', note, authorisationChecked: request.agentAuthorisationFileId !== null },
    });
    return verified;
  });
}
