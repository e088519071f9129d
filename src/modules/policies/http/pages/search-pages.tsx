import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { Button, ErrorSummary, Field, PageHeading, Table } from '../../../../platform/ui/components.tsx';
import { type FormError, failureOf } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { SEARCH_MAX_LENGTH } from '../../domain/search-query.ts';
import { type PolicySearchResult, searchPolicies } from '../../use-cases/search-policies.ts';
import { registerAgentPages } from './agent-pages.tsx';
import { formatDate, sendLayoutPage } from './page-support.tsx';
import { registerPolicy360Pages } from './policy-360-pages.tsx';

/**
 * The back office's policy search (issue #3, "Screens and API"): a GET form, so a search can be
 * bookmarked and the back button works; the results link to the policy 360 view. The same use case
 * as GET /api/v1/policies/search.
 */

async function sendSearchPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  state: { q: string | undefined; result: PolicySearchResult | null; errors: readonly FormError[]; status: number },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const result = state.result;
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('backoffice_pages.search.title'), status: state.status, currentPath: '/backoffice/search' },
    <>
      <PageHeading title={t('backoffice_pages.search.title')} lead={t('backoffice_pages.search.lead')} />
      <form method="get" action="/backoffice/search" aria-label={t('backoffice_pages.search.title')} novalidate>
        <ErrorSummary locale={locale} errors={state.errors} />
        <Field
          locale={locale}
          name="q"
          type="search"
          label={t('backoffice_pages.search.label')}
          hint={t('backoffice_pages.search.hint')}
          value={state.q}
          error={state.errors[0]?.message}
          maxLength={SEARCH_MAX_LENGTH * 2}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>{t('backoffice_pages.search.submit')}</Button>
      </form>
      {result ? (
        <>
          <h2>{t('backoffice_pages.search.caption', { query: result.query })}</h2>
          <Table
            caption={t('backoffice_pages.search.caption', { query: result.query })}
            captionHidden
            columns={[
              {
                header: t('backoffice_pages.search.number'),
                cell: (hit) => <a href={`/backoffice/policies/${hit.id}`}>{hit.policyNumber}</a>,
                rowHeader: true,
              },
              { header: t('backoffice_pages.search.insureds'), cell: (hit) => hit.namedInsureds.join(', ') },
              {
                header: t('backoffice_pages.search.holder'),
                cell: (hit) => t('backoffice_pages.policy.person', { name: hit.holderName, email: hit.holderEmail }),
              },
              {
                header: t('backoffice_pages.search.period'),
                cell: (hit) =>
                  t('policy_pages.policies.period_value', { firstDay: formatDate(locale, hit.firstDay), lastDay: formatDate(locale, hit.lastDay) }),
              },
              { header: t('backoffice_pages.search.status'), cell: (hit) => t(`policy_pages.policy_status.${hit.status}`) },
              {
                header: t('backoffice_pages.search.matched'),
                cell: (hit) => hit.matched.map((field) => t(`backoffice_pages.search.matched.${field}`)).join(', '),
              },
            ]}
            rows={result.items}
            rowKey={(hit) => hit.id}
            empty={t('backoffice_pages.search.empty', { query: result.query })}
          />
          {result.more ? <p>{t('backoffice_pages.search.more', { count: result.items.length })}</p> : null}
        </>
      ) : null}
    </>,
  );
}

export function registerSearchPages(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: { q?: unknown } }>('/backoffice/search', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:read_all');
    if (!actor) return reply;
    const raw = request.query.q;
    // The form's first visit has no query yet: nothing is searched, nothing is wrong.
    if (raw === undefined) return sendSearchPage(deps, request, reply, { q: undefined, result: null, errors: [], status: 200 });
    const q = typeof raw === 'string' ? raw : '';
    try {
      const result = await searchPolicies(deps, actor, q);
      return sendSearchPage(deps, request, reply, { q, result, errors: [], status: 200 });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'search_query_invalid') throw error;
      const failure = failureOf(request.locale, error, 'q', { fieldName: () => 'q', fieldCodes: ['search_query_invalid'] });
      return sendSearchPage(deps, request, reply, { q: q.slice(0, SEARCH_MAX_LENGTH * 2), result: null, errors: failure.errors, status: failure.status });
    }
  });
}

/** Every back-office and agent page of this helper's part of issue #3: search, policy 360 view, insurer cancellation, agent's clients. */
export function registerBackofficeSearchPages(app: TypedApp, deps: Deps): void {
  registerSearchPages(app, deps);
  registerPolicy360Pages(app, deps);
  registerAgentPages(app, deps);
}
