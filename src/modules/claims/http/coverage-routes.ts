import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { instantText, problemResponses } from '../../../platform/http/schemas.ts';
import type { CoverageEntry, CoverageLetter, ReviewRequest } from '../coverage-repository.ts';
import { CUSTODIAN_KINDS, PERILS } from '../domain/cause-of-loss.ts';
import { clause, EXCLUSION_CLAUSE_IDS } from '../domain/coverage-clauses.ts';
import { COVERAGE_OUTCOMES, MISSING_INFORMATION } from '../domain/coverage-decision.ts';
import { decideClaimCoverage } from '../use-cases/decide-coverage.ts';
import { proposeCoverage } from '../use-cases/propose-coverage.ts';
import { type CoverageView, getCoverage, getCoverageLetter } from '../use-cases/read-coverage.ts';
import { requestCoverageReview } from '../use-cases/request-coverage-review.ts';

/**
 * JSON API of the coverage decision (issue #4; JPF-COVER-1, JPF-EXCL-1..8, JPF-DUTY-3, JPF-COND-4, PRV-RIGHT-6).
 * Routes validate, call the use case and map the result.
 */

const claimParam = z.object({ id: z.uuid() }).strict();
const letterParams = z.object({ id: z.uuid(), letterId: z.uuid() }).strict();
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const reason = z.string().trim().max(2000);

const causeSchema = z
  .object({
    peril: z.enum(PERILS).describe('A covered peril (JPF-COVER-1: anything not excluded is covered), an excluded peril (JPF-EXCL-1..8), or unknown'),
    role: z.enum(['proximate', 'contributing']),
    subCase: z
      .enum(['a', 'b', 'c', 'd'])
      .nullable()
      .optional()
      .describe('The form’s sub-letter: war a–d (JPF-EXCL-5) and civil authority a–c (JPF-EXCL-6) need one; nuclear hazard a/b (JPF-EXCL-7) may have one'),
    byInsured: z.boolean().optional().describe('A theft by "you" or any "insured": intentional conduct (JPF-EXCL-8)'),
    resultsFromNuclearHazard: z
      .boolean()
      .optional()
      .describe('A fire, explosion or smoke resulting from a nuclear hazard; the fire is covered (JPF-EXCL-7), explosion and smoke are not'),
  })
  .strict();
const custodianSchema = z
  .object({ kind: z.enum(CUSTODIAN_KINDS), name: z.string().trim().min(1).max(200) })
  .strict()
  .describe('JPF-COND-4: the jeweler, repair shop or carrier paid to hold the property when it was lost; null or absent: the insured had it');

const proposalBody = z
  .object({
    causes: z.array(causeSchema).max(10).describe('The proximate cause and the contributing causes, in any order'),
    custodian: custodianSchema.nullable().optional(),
  })
  .strict();

const decisionBody = z
  .discriminatedUnion('action', [
    z
      .object({ action: z.literal('confirm'), reason: reason.nullable().optional().describe('Required when the claim was already decided (reconsideration)') })
      .strict(),
    z
      .object({
        action: z.literal('override'),
        outcome: z.enum(COVERAGE_OUTCOMES),
        exclusions: z
          .array(z.enum(EXCLUSION_CLAUSE_IDS as [string, ...string[]]))
          .max(20)
          .optional()
          .describe('For "excluded": the clauses the denial rests on'),
        missing: z.array(z.enum(MISSING_INFORMATION)).max(10).optional().describe('For "needs_information": what is missing'),
        reason: reason.nullable().optional().describe('Required: why the proposal is overridden'),
      })
      .strict(),
  ])
  .describe('Confirm the newest proposal, or override it with a reason');

const reviewBody = z
  .object({ reason: z.string().trim().min(1).max(2000).describe('Why the insured wants a person to review the automatic proposal') })
  .strict();

const clauseSchema = z.object({
  id: z.string().describe('Promise ID with the form’s sub-letter, e.g. JPF-EXCL-5(b)'),
  section: z.string(),
  number: z.string().nullable(),
  wording: z.string().describe('The policy form’s own words'),
});

const entrySchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  kind: z.enum(['proposal', 'decision']),
  outcome: z.enum(COVERAGE_OUTCOMES),
  automatic: z.boolean().describe('PRV-RIGHT-6: made by the system without a person deciding'),
  causes: z.array(causeSchema),
  custodian: custodianSchema.nullable(),
  clauses: z.array(clauseSchema),
  missing: z.array(z.enum(MISSING_INFORMATION)),
  notes: z.array(z.enum(['concurrent_causation', 'nuclear_resulting_fire', 'bailee_no_benefit'])),
  proposalId: z.uuid().nullable().describe('The proposal a decision confirms or overrides'),
  overridden: z.boolean(),
  reconsideration: z.boolean(),
  reason: z.string().nullable(),
  decidedBy: z.uuid().nullable(),
  createdAt: instantText,
});

const reviewSchema = z.object({
  id: z.uuid(),
  proposalId: z.uuid(),
  reason: z.string(),
  status: z.enum(['open', 'closed']),
  dueOn: isoDate.describe('A person reviews the proposal by then (30 days)'),
  createdAt: instantText,
  closedAt: instantText.nullable(),
  decisionId: z.uuid().nullable().describe('The decision that answered the request'),
});

const letterSchema = z.object({
  id: z.uuid(),
  decisionId: z.uuid(),
  kind: z.literal('denial'),
  locale: z.enum(['en', 'nl']),
  createdAt: instantText,
  contentUrl: z.string(),
});

const coverageSchema = z.object({
  claimId: z.uuid(),
  claimNumber: z.string(),
  status: z.string(),
  proposal: entrySchema.nullable(),
  decision: entrySchema.nullable().describe('The current decision; settlement needs it to be covered (JPF-COVER-1)'),
  history: z.array(entrySchema),
  reviewRequests: z.array(reviewSchema),
  reviewAvailable: z.boolean().describe('PRV-RIGHT-6: the newest proposal is automatic and no review was asked for yet'),
  letters: z.array(letterSchema),
});

export function entryJson(entry: CoverageEntry) {
  return {
    id: entry.id,
    seq: entry.seq,
    kind: entry.kind,
    outcome: entry.outcome,
    automatic: entry.automatic,
    causes: entry.causes,
    custodian: entry.custodian,
    clauses: entry.clauses.map((id) => {
      const found = clause(id);
      return { id, section: found.section, number: found.number, wording: found.wording };
    }),
    missing: entry.missing,
    notes: entry.notes,
    proposalId: entry.proposalId,
    overridden: entry.overridden,
    reconsideration: entry.reconsideration,
    reason: entry.reason,
    decidedBy: entry.decidedBy,
    createdAt: entry.createdAt,
  };
}

function reviewJson(request: ReviewRequest) {
  const { claimId: _claimId, requestedBy: _requestedBy, ...rest } = request;
  return rest;
}

function letterJson(letter: CoverageLetter) {
  return {
    id: letter.id,
    decisionId: letter.decisionId,
    kind: letter.kind,
    locale: letter.locale,
    createdAt: letter.createdAt,
    contentUrl: `/api/v1/claims/${letter.claimId}/coverage/letters/${letter.id}`,
  };
}

function coverageJson(view: CoverageView) {
  return {
    claimId: view.claim.id,
    claimNumber: view.claim.claimNumber,
    status: view.claim.status,
    proposal: view.proposal && entryJson(view.proposal),
    decision: view.decision && entryJson(view.decision),
    history: view.entries.map(entryJson),
    reviewRequests: view.reviewRequests.map(reviewJson),
    reviewAvailable: view.reviewAvailable,
    letters: view.letters.map(letterJson),
  };
}

export const claimsCoverageApi: HttpModule = {
  name: 'claims-coverage-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = { tags: ['Claims: coverage decision'], security };

    app.post(
      '/api/v1/claims/:id/coverage/proposal',
      {
        schema: {
          ...tags,
          summary: 'Record the causes of loss; the system proposes the coverage decision at once, marked automatic, citing its clauses (claims:handle)',
          description:
            'Any excluded cause excludes the loss whatever else contributed (concurrent causation), except a fire resulting from a nuclear hazard ' +
            '(JPF-EXCL-7); a theft without a police report needs information (JPF-DUTY-3); otherwise covered (JPF-COVER-1). Invalid causes answer ' +
            '400 `causes_invalid`; a withdrawn, settled or closed claim 409 `claim_not_open`. The claim status does not change until the decision.',
          params: claimParam,
          body: proposalBody,
          response: { 201: entrySchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const causes = body.causes.map((cause) => ({ ...cause, subCase: cause.subCase ?? null }));
        const entry = await proposeCoverage(deps, request.actor, request.params.id, { causes, custodian: body.custodian ?? null }, originOf(request));
        return reply.status(201).send(entryJson(entry));
      },
    );
    app.post(
      '/api/v1/claims/:id/coverage/decision',
      {
        schema: {
          ...tags,
          summary: 'The adjuster confirms the newest proposal or overrides it with a reason; the claim status follows (claims:handle)',
          description:
            'covered → claim `covered`, excluded → `denied` (a denial letter in the holder’s language is written and mailed), needs_information → ' +
            '`needs_information` (the holder is mailed what is missing). An override without a reason answers 400 `override_reason_required`; a ' +
            'second decision without a reason 400 `reconsideration_reason_required`; no proposal 409 `no_coverage_proposal`. Closes the insured’s ' +
            'open review request (PRV-RIGHT-6).',
          params: claimParam,
          body: decisionBody,
          response: { 201: entrySchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const input =
          body.action === 'confirm'
            ? { action: 'confirm' as const, reason: body.reason ?? null }
            : {
                action: 'override' as const,
                outcome: body.outcome,
                exclusions: (body.exclusions ?? []) as (typeof EXCLUSION_CLAUSE_IDS)[number][],
                missing: body.missing ?? [],
                reason: body.reason ?? null,
              };
        return reply.status(201).send(entryJson(await decideClaimCoverage(deps, request.actor, request.params.id, input, originOf(request))));
      },
    );
    app.post(
      '/api/v1/claims/:id/coverage/review-request',
      {
        schema: {
          ...tags,
          summary: 'PRV-RIGHT-6: the insured (the claim’s policyholder) asks for a person to review the automatic proposal',
          description:
            'Creates a review task for claims staff (diary entry `human_review_due`, 30 days); the adjuster’s next decision closes it. No automatic ' +
            'proposal answers 409 `no_automatic_proposal`, a second request for the same proposal 409 `review_already_requested`.',
          params: claimParam,
          body: reviewBody,
          response: { 201: reviewSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(reviewJson(await requestCoverageReview(deps, request.actor, request.params.id, request.body, originOf(request)))),
    );
    app.get(
      '/api/v1/claims/:id/coverage',
      {
        schema: {
          ...tags,
          summary: 'The claim’s coverage: newest proposal, current decision, history, review requests and letters (whoever reaches the claim)',
          params: claimParam,
          response: { 200: coverageSchema, ...problemResponses },
        },
      },
      async (request) => coverageJson(await getCoverage(deps, request.actor, request.params.id)),
    );
    app.get(
      '/api/v1/claims/:id/coverage/letters/:letterId',
      {
        schema: {
          ...tags,
          summary: 'A letter about the claim’s cover (the denial letter) as PDF',
          description: 'Answers `application/pdf`; a claim the caller may not reach is 404.',
          params: letterParams,
          response: { 200: z.any().describe('The letter as application/pdf (binary)'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { letter, content } = await getCoverageLetter(deps, request.actor, request.params.id, request.params.letterId);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="coverage-${letter.kind}-${letter.id}.pdf"`)
          .header('etag', `"${letter.sha256}"`)
          .header('cache-control', 'private, no-store')
          .send(content);
      },
    );
  },
};
