import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { formatInstant } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Button, ButtonLink, Card, Form, PageHeading, Panel, Table } from '../../../platform/ui/components.tsx';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import type { RenewalRun } from '../renewal-repository.ts';
import { listRenewalRuns } from '../use-cases/read-renewal-runs.ts';
import { startRenewalRun } from '../use-cases/start-renewal-run.ts';
import { sendLayoutPage } from './pages/page-support.tsx';

/**
 * The back office's renewal runs (JPF-COND-7, issue #3 "Back office: … renewal runs"): every run with its
 * progress, and a button that starts a run now (or continues the one running). The same use cases as
 * GET/POST /api/v1/renewal-runs. Works without JavaScript; with htmx a running run's table refreshes itself.
 */
export function registerRenewalPages(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: { started?: string; continued?: string } }>('/backoffice/renewals', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'renewals:manage');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const runs = await listRenewalRuns(deps, actor);
    const running = runs.some((run) => run.status === 'running');
    const startedId = typeof request.query.started === 'string' && isUuid(request.query.started) ? request.query.started : null;
    const continued = request.query.continued === '1';
    const when = (instant: string) => formatInstant(locale, instant, deps.config.insurerTimeZone);
    const status = (run: RenewalRun) =>
      run.status === 'completed' ? t('renewal.runs.status.completed') : t('renewal.runs.status.running', { phase: t(`renewal.runs.phase.${run.phase}`) });
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('renewal.runs.title'), currentPath: '/backoffice/renewals' },
      <>
        <PageHeading title={t('renewal.runs.title')} lead={t('renewal.runs.lead')} />
        {startedId && runs.some((run) => run.id === startedId) ? (
          <Panel kind="success">
            <p>{continued ? t('renewal.runs.flash.continued') : t('renewal.runs.flash.started')}</p>
          </Panel>
        ) : null}
        <Card id="start-run" title={t('renewal.runs.start')}>
          <p>{t('renewal.runs.start_hint')}</p>
          <Form action="/backoffice/renewals" csrfToken={request.csrfToken} aria-labelledby="start-run-heading">
            <Button>{t('renewal.runs.start')}</Button>
          </Form>
        </Card>
        <div
          id="renewal-runs"
          hx-get={running ? '/backoffice/renewals' : undefined}
          hx-trigger={running ? 'every 5s' : undefined}
          hx-select={running ? '#renewal-runs' : undefined}
          hx-swap={running ? 'outerHTML' : undefined}
        >
          <Table
            caption={t('renewal.runs.caption')}
            columns={[
              { header: t('renewal.runs.started_at'), cell: (run: RenewalRun) => when(run.startedAt), rowHeader: true },
              {
                header: t('renewal.runs.trigger'),
                cell: (run) => t(run.trigger === 'schedule' ? 'renewal.runs.trigger.schedule' : 'renewal.runs.trigger.manual'),
              },
              { header: t('renewal.runs.status'), cell: status },
              { header: t('renewal.runs.processed'), cell: (run) => run.processed, numeric: true },
              { header: t('renewal.runs.offered'), cell: (run) => run.offered, numeric: true },
              { header: t('renewal.runs.skipped'), cell: (run) => run.skipped, numeric: true },
              { header: t('renewal.runs.failed'), cell: (run) => run.failed, numeric: true },
              { header: t('renewal.runs.renewed'), cell: (run) => run.renewed, numeric: true },
              { header: t('renewal.runs.lapsed'), cell: (run) => run.lapsed, numeric: true },
            ]}
            rows={runs}
            rowKey={(run) => run.id}
            empty={t('renewal.runs.empty')}
          />
          {running ? <ButtonLink href="/backoffice/renewals">{t('renewal.runs.refresh')}</ButtonLink> : null}
        </div>
      </>,
    );
  });

  app.post('/backoffice/renewals', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'renewals:manage', '/backoffice/renewals');
    if (!actor) return reply;
    const started = await startRenewalRun(deps, actor, { trigger: 'manual' }, originOf(request));
    return reply.redirect(`/backoffice/renewals?started=${started.run.id}${started.continued ? '&continued=1' : ''}`, 303);
  });
}
