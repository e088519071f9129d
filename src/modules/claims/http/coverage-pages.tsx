import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Card, PageHeading, Panel } from '../../../platform/ui/components.tsx';
import { type FormError, formValues, postedList, says, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser } from '../../../platform/ui/page-support.tsx';
import { COVERAGE_FIELD_CODES } from '../coverage-errors.ts';
import { formatLetterDate } from '../domain/denial-letter.ts';
import { decideClaimCoverage } from '../use-cases/decide-coverage.ts';
import { proposeCoverage } from '../use-cases/propose-coverage.ts';
import { type CoverageView, getCoverage } from '../use-cases/read-coverage.ts';
import { requestCoverageReview } from '../use-cases/request-coverage-review.ts';
import { decisionForm, decisionInput, proposalForm, proposalInput } from './coverage-form.ts';
import { coveragePagePath, ReviewRequestForm } from './coverage-sections.tsx';
import { CoverageBody, type CoverageFormState, EMPTY_COVERAGE_FORM } from './coverage-views.tsx';

/**
 * Pages of the coverage decision (issue #4), working without JavaScript: the back-office coverage page, which the claim
 * 360 section's forms post to and which shows them again with an error summary (or the result); and the insured's
 * request for a person to review an automatic proposal (PRV-RIGHT-6) in the portal. Same use cases as the API.
 */

const sendLayoutPage = layoutPageSender(async () => undefined);

function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

/** API field names of the use cases ('causes.0.subCase') are the form's fields ('cause0'). */
const fieldName = (field: string) => {
  const cause = /^causes\.(\d+)\./.exec(field);
  return cause ? `cause${cause[1]}` : field;
};

type PageForms = { proposal?: CoverageFormState; decision?: CoverageFormState; done?: string; status?: number };

const reviewPageForm = z.object({
  reason: z
    .string(says('claims_coverage.error.review_reason_required'))
    .trim()
    .min(1, says('claims_coverage.error.review_reason_required'))
    .max(2000, says('claims_coverage.form.too_long')),
});

export const claimsCoveragePages: HttpModule = {
  name: 'claims-coverage-pages',
  register(app: TypedApp, deps: Deps) {
    const sendCoveragePage = async (request: FastifyRequest, reply: FastifyReply, view: CoverageView, forms: PageForms = {}) => {
      const locale = request.locale;
      const title = translate(locale, 'claims_coverage.page_title', { claimNumber: view.claim.claimNumber });
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title, status: forms.status ?? 200, currentPath: coveragePagePath(view.claim.id) },
        <>
          <PageHeading title={title} />
          <p>
            <a href={`/backoffice/claims/${view.claim.id}`}>{translate(locale, 'claims_coverage.back_to_claim', { claimNumber: view.claim.claimNumber })}</a>
          </p>
          <Card id="coverage" title={translate(locale, 'claims_coverage.title')}>
            <CoverageBody
              locale={locale}
              view={view}
              csrfToken={request.csrfToken}
              canHandle={can(request.actor, 'claims:handle')}
              proposalForm={forms.proposal ?? EMPTY_COVERAGE_FORM}
              decisionForm={forms.decision ?? EMPTY_COVERAGE_FORM}
              done={forms.done}
            />
          </Card>
        </>,
      );
    };

    app.get<{ Params: { id: string } }>('/backoffice/claims/:id/coverage', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'claims:read_all');
      if (!actor) return reply;
      return sendCoveragePage(request, reply, await getCoverage(deps, actor, pathId(request.params.id)));
    });

    app.post<{ Params: { id: string } }>('/backoffice/claims/:id/coverage/proposal', { schema: { hide: true } }, async (request, reply) => {
      const claimId = pathId(request.params.id);
      const actor = requirePageUser(request, reply, 'claims:handle', coveragePagePath(claimId));
      if (!actor) return reply;
      const view = await getCoverage(deps, actor, claimId);
      const values = formValues(request.body, ['cause0', 'cause1', 'cause2', 'cause3', 'custodianKind', 'custodianName']);
      const result = await submitForm(
        request,
        reply,
        proposalForm,
        'cause0',
        (data) => proposeCoverage(deps, actor, claimId, proposalInput(data), originOf(request)),
        {
          fieldName,
          fieldCodes: COVERAGE_FIELD_CODES,
        },
      );
      if (!result.ok) return sendCoveragePage(request, reply, view, { proposal: { values, errors: result.failure.errors }, status: result.failure.status });
      const outcome = translate(request.locale, `claims_coverage.outcome.${result.value.outcome}`);
      return sendCoveragePage(request, reply, await getCoverage(deps, actor, claimId), {
        done: translate(request.locale, 'claims_coverage.done.proposed', { outcome }),
      });
    });

    app.post<{ Params: { id: string } }>('/backoffice/claims/:id/coverage/decision', { schema: { hide: true } }, async (request, reply) => {
      const claimId = pathId(request.params.id);
      const actor = requirePageUser(request, reply, 'claims:handle', coveragePagePath(claimId));
      if (!actor) return reply;
      const view = await getCoverage(deps, actor, claimId);
      const form: CoverageFormState = {
        values: formValues(request.body, ['action', 'outcome', 'reason']),
        errors: [],
        lists: { exclusions: postedList(request.body, 'exclusions'), missing: postedList(request.body, 'missing') },
      };
      const result = await submitForm(
        request,
        reply,
        decisionForm,
        'action',
        async (data) => {
          const input = decisionInput(data);
          if (!input) throw problems.validation([{ field: 'outcome', code: 'required', messageKey: 'claims_coverage.form.choose' }]);
          return decideClaimCoverage(deps, actor, claimId, input, originOf(request));
        },
        { fieldCodes: COVERAGE_FIELD_CODES },
      );
      if (!result.ok) return sendCoveragePage(request, reply, view, { decision: { ...form, errors: result.failure.errors }, status: result.failure.status });
      const outcome = translate(request.locale, `claims_coverage.outcome.${result.value.outcome}`);
      return sendCoveragePage(request, reply, await getCoverage(deps, actor, claimId), {
        done: translate(request.locale, 'claims_coverage.done.decided', { outcome }),
      });
    });

    // ---- PRV-RIGHT-6: the insured asks for a person to review the automatic proposal ----
    const sendReviewPage = async (request: FastifyRequest, reply: FastifyReply, view: CoverageView, form: CoverageFormState, status = 200, done?: string) => {
      const locale = request.locale;
      const title = translate(locale, 'claims_coverage.portal.review_title', { claimNumber: view.claim.claimNumber });
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title, status },
        <>
          <PageHeading title={title} lead={translate(locale, 'claims_coverage.portal.review_lead')} />
          {done ? (
            <Panel kind="success">{done}</Panel>
          ) : (
            <ReviewRequestForm locale={locale} claimId={view.claim.id} csrfToken={request.csrfToken} form={form} />
          )}
          <p>
            <a href={`/portal/claims/${view.claim.id}`}>{translate(locale, 'claims_coverage.portal.back')}</a>
          </p>
        </>,
      );
    };

    app.get<{ Params: { id: string } }>('/portal/claims/:id/coverage/review', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'claims:report');
      if (!actor) return reply;
      const view = await getCoverage(deps, actor, pathId(request.params.id));
      if (view.claim.holderUserId !== actor.userId) throw problems.forbidden();
      return sendReviewPage(request, reply, view, EMPTY_COVERAGE_FORM);
    });

    app.post<{ Params: { id: string } }>('/portal/claims/:id/coverage/review', { schema: { hide: true } }, async (request, reply) => {
      const claimId = pathId(request.params.id);
      const actor = requirePageUser(request, reply, 'claims:report', `/portal/claims/${claimId}`);
      if (!actor) return reply;
      const view = await getCoverage(deps, actor, claimId);
      const values = formValues(request.body, ['reason']);
      const result = await submitForm(request, reply, reviewPageForm, 'reason', (data) => requestCoverageReview(deps, actor, claimId, data, originOf(request)));
      if (!result.ok) {
        const errors: FormError[] = result.failure.errors;
        return sendReviewPage(request, reply, view, { values, errors }, result.failure.status);
      }
      const done = translate(request.locale, 'claims_coverage.portal.review_sent', { dueOn: formatLetterDate(request.locale, result.value.dueOn) });
      return sendReviewPage(request, reply, view, EMPTY_COVERAGE_FORM, 200, done);
    });
  },
};
