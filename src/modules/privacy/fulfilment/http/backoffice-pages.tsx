import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { Button, Form, PageHeading, Table } from '../../../../platform/ui/components.tsx';
import { Field } from '../../../../platform/ui/fields.tsx';
import { attempt, formValues } from '../../../../platform/ui/forms.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender, requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { decideContactCorrection, listPendingCorrections } from '../use-cases/contact-details.ts';
import { liftRestriction, listRestrictions } from '../use-cases/restriction.ts';

/**
 * The privacy officer's fulfilment queue (PRV-RIGHT-2, PRV-RIGHT-4): corrections to review and apply or reject
 * with a reason, and restrictions in effect with the form that lifts one (audited with its reason).
 */
export const FULFILMENT_QUEUE_PATH = '/backoffice/privacy/fulfilment';
const sendLayoutPage = layoutPageSender(async () => undefined);

async function queuePage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, flash?: Flash, status?: number): Promise<FastifyReply> {
  const t = translator(request.locale);
  const corrections = await listPendingCorrections(deps, actor);
  const restrictions = await listRestrictions(deps, actor);
  const when = (instant: string) => formatInstant(request.locale, instant, deps.config.insurerTimeZone);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('privacy.fulfilment.queue.title'), currentPath: FULFILMENT_QUEUE_PATH, ...(flash && { flash }), ...(status && { status }) },
    <>
      <PageHeading title={t('privacy.fulfilment.queue.title')} />
      <Table
        caption={t('privacy.fulfilment.queue.corrections')}
        columns={[
          { header: t('privacy.fulfilment.queue.person'), cell: (row) => row.email, rowHeader: true },
          { header: t('privacy.fulfilment.queue.asked'), cell: (row) => when(row.createdAt) },
          {
            header: t('privacy.fulfilment.queue.change'),
            cell: (row) => `${row.changes.displayName}${row.changes.phone ? `, ${row.changes.phone}` : ''}${row.note ? ` — ${row.note}` : ''}`,
          },
          {
            header: t('privacy.fulfilment.package.actions'),
            cell: (row) => (
              <>
                <Form action={`${FULFILMENT_QUEUE_PATH}/corrections/${row.id}/apply`} csrfToken={request.csrfToken} class="inline-form">
                  <Button>{t('privacy.fulfilment.queue.apply')}</Button>
                </Form>
                <Form action={`${FULFILMENT_QUEUE_PATH}/corrections/${row.id}/reject`} csrfToken={request.csrfToken} class="inline-form">
                  <Field locale={request.locale} id={`reject-${row.id}`} name="reason" label={t('privacy.fulfilment.queue.reason')} width="medium" />
                  <Button variant="secondary">{t('privacy.fulfilment.queue.reject')}</Button>
                </Form>
              </>
            ),
          },
        ]}
        rows={corrections}
        rowKey={(row) => row.id}
        empty={t('privacy.fulfilment.queue.no_corrections')}
      />
      <Table
        caption={t('privacy.fulfilment.queue.restrictions')}
        columns={[
          { header: t('privacy.fulfilment.queue.person'), cell: (row) => row.email, rowHeader: true },
          { header: t('privacy.fulfilment.queue.since'), cell: (row) => when(row.startedAt) },
          { header: t('privacy.fulfilment.queue.reason'), cell: (row) => row.reason },
          {
            header: t('privacy.fulfilment.package.actions'),
            cell: (row) => (
              <Form action={`${FULFILMENT_QUEUE_PATH}/restrictions/${row.userId}/lift`} csrfToken={request.csrfToken} class="inline-form">
                <Field locale={request.locale} id={`lift-${row.userId}`} name="reason" label={t('privacy.fulfilment.queue.reason')} width="medium" />
                <Button variant="secondary">{t('privacy.fulfilment.queue.lift')}</Button>
              </Form>
            ),
          },
        ]}
        rows={restrictions}
        rowKey={(row) => row.userId}
        empty={t('privacy.fulfilment.queue.no_restrictions')}
      />
    </>,
  );
}

function idParam(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!isUuid(id)) throw problems.notFound();
  return id;
}

export const fulfilmentBackofficePages: HttpModule = {
  name: 'privacy-fulfilment-backoffice-pages',
  register(app: TypedApp, deps: Deps) {
    app.get(FULFILMENT_QUEUE_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'privacy:manage', FULFILMENT_QUEUE_PATH);
      if (!actor) return reply;
      const done = (request.query as { done?: unknown }).done;
      return queuePage(
        deps,
        request,
        reply,
        actor,
        done === 'yes' ? { kind: 'success', message: translator(request.locale)('privacy.fulfilment.queue.done') } : undefined,
      );
    });

    const decide = (path: string, run: (deps: Deps, actor: UserActor, id: string, reason: string, request: FastifyRequest) => Promise<void>) =>
      app.post(path, { schema: { hide: true } }, async (request, reply) => {
        const actor = requirePageUser(request, reply, 'privacy:manage', FULFILMENT_QUEUE_PATH);
        if (!actor) return reply;
        const id = idParam(request);
        const reason = formValues(request.body, ['reason']).reason ?? '';
        const result = await attempt(request.locale, reply, 'reason', () => run(deps, actor, id, reason, request));
        if (!result.ok)
          return queuePage(deps, request, reply, actor, { kind: 'error', message: result.failure.errors[0]?.message ?? '' }, result.failure.status);
        return reply.redirect(`${FULFILMENT_QUEUE_PATH}?done=yes`, 303);
      });

    decide(`${FULFILMENT_QUEUE_PATH}/corrections/:id/apply`, (d, actor, id, _reason, request) =>
      decideContactCorrection(d, actor, id, { apply: true }, originOf(request)),
    );
    decide(`${FULFILMENT_QUEUE_PATH}/corrections/:id/reject`, (d, actor, id, reason, request) =>
      decideContactCorrection(d, actor, id, { apply: false, reason }, originOf(request)),
    );
    decide(`${FULFILMENT_QUEUE_PATH}/restrictions/:id/lift`, (d, actor, id, reason, request) => liftRestriction(d, actor, id, { reason }, originOf(request)));
  },
};
