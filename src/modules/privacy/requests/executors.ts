import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids.ts';
import { applyRequestedChoice } from '../consent/index.ts';
import { fulfilAccess, fulfilCorrection, fulfilErasure, fulfilRestriction } from '../fulfilment/executors.ts';
import { supervisoryAuthority } from './domain/jurisdictions.ts';
import { insertReviewTask, type PrivacyRequest } from './privacy-requests-repository.ts';

/**
 * The fulfilment plug-in point (issue #5): complete-request.ts dispatches a verified request by its type
 * (exhaustive switch) to one executor here. Every executor has the same signature: `deps` outside the
 * transaction, `trxDeps` whose db IS the completion's transaction (write through it, so the result and
 * the request's completion commit together), the acting officer, and the request. It returns a short
 * summary (told to the person) and details (kept with the completion's audit event, outside its hash).
 *
 * PRV-RIGHT-9: exercising a right changes no price or service: no executor touches policies, premiums
 * or invoices (request-flow.test.ts checks this module imports none of them).
 */
export type ExecutorResult = { summary: string; details: unknown };
export type Executor = (deps: Deps, trxDeps: Deps, actor: Actor, request: PrivacyRequest) => Promise<ExecutorResult>;

/** The person's language for the summary: Dutch for a Dutch request, English otherwise. */
function say(request: PrivacyRequest, key: Parameters<typeof translate>[1], params: Record<string, string> = {}): string {
  return translate(request.jurisdiction === 'NL' ? 'nl' : 'en', key, params);
}

// ---- Fulfilment (privacy/fulfilment): access packages, erasure, restriction, correction ----

export const executeAccess: Executor = (deps, trxDeps, actor, request) => fulfilAccess(deps, trxDeps, actor, request, 'access');
export const executePortability: Executor = (deps, trxDeps, actor, request) => fulfilAccess(deps, trxDeps, actor, request, 'portability');
export const executeErasure: Executor = fulfilErasure;
export const executeRestriction: Executor = fulfilRestriction;
export const executeCorrection: Executor = fulfilCorrection;

// ---- The requests module's own executors ----

/**
 * PRV-RIGHT-5, PRV-OPTOUT-1, PRV-RIGHT-7: marketing opt-out, objection (to direct marketing) and consent
 * withdrawal, applied by the consent module as the person's own choice would be (suppression, consents
 * ended) in the completion's transaction. A person without an account gets no marketing from Bezel at all;
 * their request is recorded and answered, with nothing to suppress.
 */
const recordMarketingChoice: Executor = async (_deps, trxDeps, actor, request) => {
  const summary = say(request, `privacy_requests.summary.${request.type === 'consent_withdrawal' ? 'consent_withdrawal' : 'marketing'}`);
  const choice = request.type === 'objection' ? 'objection' : request.type === 'consent_withdrawal' ? 'consent_withdrawal' : 'marketing_opt_out';
  if (!request.subjectUserId) return { summary, details: { recorded: request.type, subjectUserId: null, suppressionApplied: false } };
  const applied = await applyRequestedChoice(trxDeps, actor, request.subjectUserId, choice, request.id);
  return { summary, details: { recorded: request.type, subjectUserId: request.subjectUserId, suppressionApplied: true, ...applied } };
};
export const executeObjection: Executor = recordMarketingChoice;
export const executeMarketingOptOut: Executor = recordMarketingChoice;
export const executeConsentWithdrawal: Executor = recordMarketingChoice;

/** PRV-RIGHT-13: a complaint is recorded and answered; the answer names the supervisory authority. */
export const executeComplaint: Executor = async (_deps, _trxDeps, _actor, request) => {
  const authority = supervisoryAuthority(request.jurisdiction);
  return { summary: say(request, 'privacy_requests.summary.complaint', { authority }), details: { authority } };
};

/**
 * PRV-RIGHT-6: the person asks that a person reviews an automated decision (claim triage, underwriting).
 * A review task is created and shown in the officer's queue; the decision stays as it is until a person
 * has reviewed it (record-review.ts).
 */
export const executeAutomatedDecisionReview: Executor = async (deps, trxDeps, _actor, request) => {
  const taskId = newId();
  await insertReviewTask(trxDeps.db as Parameters<typeof insertReviewTask>[0], { id: taskId, requestId: request.id, createdAt: nowText(deps.clock) });
  return { summary: say(request, 'privacy_requests.summary.review'), details: { reviewTaskId: taskId } };
};
