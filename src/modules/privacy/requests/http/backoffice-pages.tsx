import type { FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { formatInstant, translate } from '../../../../platform/i18n/index.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { CheckboxGroup } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { extendedDueDate } from '../domain/deadlines.ts';
import { isOpen } from '../domain/request-types.ts';
import type { PrivacyRequest } from '../privacy-requests-repository.ts';
import { completeRequest } from '../use-cases/complete-request.ts';
import { extendRequest } from '../use-cases/extend-request.ts';
import { getRequest, listRequestQueue, type QueueEntry } from '../use-cases/read-requests.ts';
import { rejectRequest } from '../use-cases/reject-request.ts';
import { requestReference } from '../use-cases/request-support.ts';
import { verifyRequestByDocuments } from '../use-cases/verify-request.ts';
import { formatDate, pathId, RequestFacts, sendPage } from './page-views.tsx';

/**
 * The privacy officer's back office (issue #5): the queue by deadline (PRV-RIGHT-11) and a request's page
 * with its timeline from the audit chain (PRV-RIGHT-12) and the verify, extend, complete and reject actions.
 * They call the same use cases as the JSON API.
 */

type ActionName = 'verify' | 'extend' | 'complete' | 'reject';
type FormState = { form?: ActionName; values: FormValues; errors: readonly FormError[]; status: number; done?: string };
const EMPTY: FormState = { values: {}, errors: [], status: 200 };

const reason = z
  .string(says('privacy_requests.error.reason_required'))
  .trim()
  .min(1, says('privacy_requests.error.reason_required'))
  .max(2000, says('privacy_requests.error.too_long'));
const forms = {
  verify: z.object({ note: reason, authorisationChecked: z.preprocess((v) => v === 'yes', z.boolean()) }),
  extend: z.object({ reason }),
  complete: z.object({}),
  reject: z.object({ reason }),
};

export function registerBackofficePages(app: TypedApp, deps: Deps): void {
  app.get('/backoffice/privacy/requests', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:read');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const queue = await listRequestQueue(deps, actor);
    const count = (state: string) => queue.open.filter((entry) => entry.deadline === state).length;
    const link = (entry: QueueEntry) => (
      <a href={`/backoffice/privacy/requests/${entry.id}`} aria-label={t('privacy_requests.queue.open_link', { reference: requestReference(entry.id) })}>
        {requestReference(entry.id)}
      </a>
    );
    const columns = [
      { header: t('privacy_requests.term.reference'), cell: link, rowHeader: true },
      { header: t('privacy_requests.term.type'), cell: (e: QueueEntry) => t(`privacy_requests.type.${e.type}`) },
      { header: t('privacy_requests.term.status'), cell: (e: QueueEntry) => t(`privacy_requests.status.${e.status}`) },
      { header: t('privacy_requests.term.channel'), cell: (e: QueueEntry) => t(`privacy_requests.channel.${e.channel}`) },
      { header: t('privacy_requests.term.due_on'), cell: (e: QueueEntry) => formatDate(locale, e.currentDueOn) },
      {
        header: t('privacy_requests.term.deadline_state'),
        cell: (e: QueueEntry) => (e.deadline ? <strong>{t(`privacy_requests.deadline.${e.deadline}`)}</strong> : '—'),
      },
    ];
    return sendPage(
      deps,
      request,
      reply,
      t('privacy_requests.queue.title'),
      200,
      <>
        <PageHeading title={t('privacy_requests.queue.title')} lead={t('privacy_requests.queue.lead')} />
        <p>{t('privacy_requests.queue.counts', { overdue: count('overdue'), soon: count('due_soon') })}</p>
        {can(actor, 'privacy:manage') ? (
          <p>
            <a href="/backoffice/privacy/requests/new">{t('privacy_requests.queue.new_link')}</a>
          </p>
        ) : null}
        <Table
          caption={t('privacy_requests.queue.caption')}
          columns={columns}
          rows={queue.open}
          rowKey={(e) => e.id}
          empty={t('privacy_requests.queue.empty')}
        />
        <Table
          caption={t('privacy_requests.queue.reviews_caption')}
          columns={[
            {
              header: t('privacy_requests.term.reference'),
              cell: (task) => <a href={`/backoffice/privacy/requests/${task.requestId}`}>{requestReference(task.requestId)}</a>,
              rowHeader: true,
            },
            { header: t('privacy_requests.term.when'), cell: (task) => formatInstant(locale, task.createdAt, deps.config.insurerTimeZone) },
          ]}
          rows={queue.reviewTasks}
          rowKey={(task) => task.id}
          empty="—"
        />
        <Table caption={t('privacy_requests.queue.closed_caption')} columns={columns.slice(0, 5)} rows={queue.closed} rowKey={(e) => e.id} empty="—" />
      </>,
    );
  });

  const sendRequestPage = async (request: FastifyRequest, reply: FastifyReply, actor: UserActor, id: string, state: FormState = EMPTY) => {
    const locale = request.locale;
    const t = translator(locale);
    const { request: found, timeline } = await getRequest(deps, actor, id);
    const title = t('privacy_requests.detail.title', { reference: requestReference(found.id) });
    const manage = can(actor, 'privacy:manage') && isOpen(found.status);
    const errorsOf = (form: ActionName) => (state.form === form ? state.errors : []);
    const postedValue = (form: ActionName, name: string) => (state.form === form ? state.values[name] : undefined);
    const action = (name: ActionName) => `/backoffice/privacy/requests/${found.id}/${name}`;
    return sendPage(
      deps,
      request,
      reply,
      title,
      state.status,
      <>
        <PageHeading title={title} />
        {state.done ? <Panel kind="success">{state.done}</Panel> : null}
        <RequestFacts locale={locale} request={found} timeZone={deps.config.insurerTimeZone} staff />
        {manage && found.status === 'awaiting_verification' ? (
          <Card id="verify" title={t('privacy_requests.detail.verify')}>
            <Form action={action('verify')} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={errorsOf('verify')} />
              <Field
                locale={locale}
                name="note"
                label={t('privacy_requests.field.note')}
                multiline
                rows={2}
                value={postedValue('verify', 'note')}
                error={errorFor(errorsOf('verify'), 'note')}
              />
              {found.agentName ? (
                <CheckboxGroup
                  locale={locale}
                  name="authorisationChecked"
                  legend={t('privacy_requests.term.agent')}
                  options={[{ value: 'yes', label: t('privacy_requests.field.authorisation_checked') }]}
                  selected={postedValue('verify', 'authorisationChecked') === 'yes' ? ['yes'] : []}
                  error={errorFor(errorsOf('verify'), 'authorisationChecked')}
                />
              ) : null}
              <Button>{t('privacy_requests.detail.verify')}</Button>
            </Form>
          </Card>
        ) : null}
        {manage && found.extendedDueOn === null ? (
          <Card id="extend" title={t('privacy_requests.detail.extend')}>
            <p>{t('privacy_requests.detail.extend_hint')}</p>
            <p>
              {t('privacy_requests.detail.extend_to', {
                dueOn: formatDate(locale, extendedDueDate(found.deadlineRule, Temporal.PlainDate.from(found.dueOn)).toString()),
              })}
            </p>
            <Form action={action('extend')} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={errorsOf('extend')} />
              <Field
                locale={locale}
                name="reason"
                id="extend-reason"
                label={t('privacy_requests.field.reason')}
                multiline
                rows={3}
                value={postedValue('extend', 'reason')}
                error={errorFor(errorsOf('extend'), 'reason')}
              />
              <Button variant="secondary">{t('privacy_requests.detail.extend')}</Button>
            </Form>
          </Card>
        ) : null}
        {manage && found.status === 'in_progress' ? (
          <Card id="complete" title={t('privacy_requests.detail.complete')}>
            <Form action={action('complete')} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={errorsOf('complete')} />
              <Button>{t('privacy_requests.detail.complete')}</Button>
            </Form>
          </Card>
        ) : null}
        {manage ? (
          <Card id="reject" title={t('privacy_requests.detail.reject')}>
            <Form action={action('reject')} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={errorsOf('reject')} />
              <Field
                locale={locale}
                name="reason"
                id="reject-reason"
                label={t('privacy_requests.field.reason')}
                multiline
                rows={3}
                value={postedValue('reject', 'reason')}
                error={errorFor(errorsOf('reject'), 'reason')}
              />
              <Button variant="danger">{t('privacy_requests.detail.reject')}</Button>
            </Form>
          </Card>
        ) : null}
        <Table
          caption={t('privacy_requests.detail.timeline')}
          columns={[
            { header: t('privacy_requests.term.when'), cell: (entry) => formatInstant(locale, entry.at, deps.config.insurerTimeZone), rowHeader: true },
            {
              header: t('privacy_requests.term.step'),
              cell: (entry) => `${entry.action.replace(/^privacy_request\./, '')}${entry.outcome === 'success' ? '' : ` (${entry.outcome})`}`,
            },
            { header: t('privacy_requests.field.reason'), cell: (entry) => (typeof entry.details.reason === 'string' ? entry.details.reason : '') },
          ]}
          rows={timeline}
          rowKey={(entry) => `${entry.at}-${entry.action}`}
          empty="—"
        />
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/backoffice/privacy/requests/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:read');
    if (!actor) return reply;
    return sendRequestPage(request, reply, actor, pathId(request.params.id));
  });

  const run: Record<ActionName, (actor: UserActor, id: string, data: never, request: FastifyRequest) => Promise<PrivacyRequest>> = {
    verify: (actor, id, data: z.output<typeof forms.verify>, request) => verifyRequestByDocuments(deps, actor, id, data, originOf(request)),
    extend: (actor, id, data: z.output<typeof forms.extend>, request) => extendRequest(deps, actor, id, data, originOf(request)),
    complete: (actor, id, _data: z.output<typeof forms.complete>, request) => completeRequest(deps, actor, id, originOf(request)),
    reject: (actor, id, data: z.output<typeof forms.reject>, request) => rejectRequest(deps, actor, id, data, originOf(request)),
  };
  for (const name of ['verify', 'extend', 'complete', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(`/backoffice/privacy/requests/:id/${name}`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'privacy:manage', `/backoffice/privacy/requests/${request.params.id}`);
      if (!actor) return reply;
      const id = pathId(request.params.id);
      const values = formValues(request.body, ['note', 'reason', 'authorisationChecked']);
      const general = name === 'verify' ? 'note' : name === 'complete' ? 'form' : 'reason';
      const result = await submitForm(request, reply, forms[name], general, (data) => run[name](actor, id, data as never, request));
      if (!result.ok) return sendRequestPage(request, reply, actor, id, { form: name, values, errors: result.failure.errors, status: result.failure.status });
      const changed = result.value;
      const done =
        name === 'extend'
          ? translate(request.locale, 'privacy_requests.detail.extended', { dueOn: formatDate(request.locale, changed.extendedDueOn ?? changed.dueOn) })
          : translate(request.locale, `privacy_requests.detail.${name === 'verify' ? 'verified' : name === 'complete' ? 'completed' : 'rejected'}`);
      return sendRequestPage(request, reply, actor, id, { values: {}, errors: [], status: 200, done });
    });
  }
}
