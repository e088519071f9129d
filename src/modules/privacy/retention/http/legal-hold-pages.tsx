import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, RadioGroup, Table } from '../../../../platform/ui/components.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, sendLayoutPage, translator } from '../../../../platform/ui/page-support.tsx';
import type { LegalHoldListItem } from '../legal-hold-repository.ts';
import { placeLegalHold } from '../use-cases/place-legal-hold.ts';
import { listHolds } from '../use-cases/read-legal-holds.ts';
import { releaseLegalHold } from '../use-cases/release-legal-hold.ts';

/**
 * Legal holds in the back office (PRV-RET-1): the active and released holds, a form to place one and,
 * on each active hold, a form to release it with a reason. Works without JavaScript; the same use cases
 * as the JSON API.
 */

export const LEGAL_HOLDS_PATH = '/backoffice/privacy/legal-holds';

const reasonField = z
  .string(says('privacy.holds.form.required'))
  .trim()
  .min(1, says('privacy.holds.form.required'))
  .max(2000, says('privacy.holds.form.too_long'));
const placeForm = z.object({
  subjectType: z.enum(['app_user', 'policy'], says('privacy.holds.form.choose')),
  subject: z.string(says('privacy.holds.form.required')).trim().min(1, says('privacy.holds.form.required')).max(254, says('privacy.holds.form.too_long')),
  reason: reasonField,
});
const releaseForm = z.object({ reason: reasonField });

type PageState = {
  status: number;
  done?: string;
  place?: { values: FormValues; errors: readonly FormError[] };
  release?: { holdId: string; values: FormValues; errors: readonly FormError[] };
};

function formatInstant(locale: Locale, text: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(text));
}

function subjectText(locale: Locale, hold: LegalHoldListItem): string {
  const t = translator(locale);
  const type = hold.subjectType === 'app_user' ? t('privacy.holds.subject_type.app_user') : t('privacy.holds.subject_type.policy');
  return `${type}: ${hold.subjectLabel ?? hold.subjectId}`;
}

async function sendHoldsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, state: PageState): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const holds = await listHolds(deps, actor);
  const active = holds.filter((hold) => hold.released === null);
  const released = holds.filter((hold) => hold.released !== null);
  const manage = can(actor, 'privacy:manage');
  const place = state.place ?? { values: {}, errors: [] };
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy.holds.title'), status: state.status, currentPath: LEGAL_HOLDS_PATH },
    <>
      <PageHeading title={t('privacy.holds.title')} lead={t('privacy.holds.lead')} />
      {state.done ? <Panel kind="success">{state.done}</Panel> : null}
      {state.release && !active.some((hold) => hold.id === state.release?.holdId) ? (
        <Panel kind="error">{state.release.errors.map((error) => error.message).join(' ')}</Panel>
      ) : null}
      <Card id="active-holds" title={t('privacy.holds.active')}>
        <Table
          caption={t('privacy.holds.active')}
          captionHidden
          columns={[
            { header: t('privacy.holds.subject'), cell: (hold: LegalHoldListItem) => subjectText(locale, hold), rowHeader: true },
            { header: t('privacy.holds.reason'), cell: (hold: LegalHoldListItem) => hold.reason },
            { header: t('privacy.holds.placed'), cell: (hold: LegalHoldListItem) => formatInstant(locale, hold.placedAt) },
            ...(manage
              ? [
                  {
                    header: t('privacy.holds.release'),
                    cell: (hold: LegalHoldListItem) => {
                      const mine = state.release?.holdId === hold.id ? state.release : undefined;
                      return (
                        <Form
                          action={`${LEGAL_HOLDS_PATH}/${hold.id}/release`}
                          csrfToken={request.csrfToken}
                          aria-label={`${t('privacy.holds.release')}: ${subjectText(locale, hold)}`}
                        >
                          {mine ? <ErrorSummary locale={locale} errors={mine.errors} /> : null}
                          <Field
                            locale={locale}
                            id={`release-reason-${hold.id}`}
                            name="reason"
                            label={t('privacy.holds.release_reason')}
                            value={mine?.values.reason}
                            error={mine ? errorFor(mine.errors, 'reason') : undefined}
                          />
                          <Button variant="secondary">{t('privacy.holds.release')}</Button>
                        </Form>
                      );
                    },
                  },
                ]
              : []),
          ]}
          rows={active}
          rowKey={(hold) => hold.id}
          empty={t('privacy.holds.none')}
        />
      </Card>
      {manage ? (
        <Card id="place-hold" title={t('privacy.holds.place')}>
          <Form action={LEGAL_HOLDS_PATH} csrfToken={request.csrfToken}>
            <ErrorSummary locale={locale} errors={place.errors} />
            <RadioGroup
              locale={locale}
              name="subjectType"
              legend={t('privacy.holds.subject_type')}
              options={[
                { value: 'app_user', label: t('privacy.holds.subject_type.app_user') },
                { value: 'policy', label: t('privacy.holds.subject_type.policy') },
              ]}
              selected={[place.values.subjectType ?? '']}
              error={errorFor(place.errors, 'subjectType')}
            />
            <Field
              locale={locale}
              name="subject"
              label={t('privacy.holds.subject_ref')}
              value={place.values.subject}
              error={errorFor(place.errors, 'subject')}
              autocomplete="off"
            />
            <Field
              locale={locale}
              name="reason"
              label={t('privacy.holds.reason')}
              hint={t('privacy.holds.reason_hint')}
              multiline
              rows={3}
              value={place.values.reason}
              error={errorFor(place.errors, 'reason')}
            />
            <Button>{t('privacy.holds.place')}</Button>
          </Form>
        </Card>
      ) : null}
      <Card id="released-holds" title={t('privacy.holds.released')}>
        <Table
          caption={t('privacy.holds.released')}
          captionHidden
          columns={[
            { header: t('privacy.holds.subject'), cell: (hold: LegalHoldListItem) => subjectText(locale, hold), rowHeader: true },
            { header: t('privacy.holds.reason'), cell: (hold: LegalHoldListItem) => hold.reason },
            { header: t('privacy.holds.placed'), cell: (hold: LegalHoldListItem) => formatInstant(locale, hold.placedAt) },
            { header: t('privacy.holds.released_on'), cell: (hold: LegalHoldListItem) => (hold.released ? formatInstant(locale, hold.released.at) : '') },
            { header: t('privacy.holds.release_reason'), cell: (hold: LegalHoldListItem) => hold.released?.reason ?? '' },
          ]}
          rows={released}
          rowKey={(hold) => hold.id}
          empty={t('privacy.holds.none')}
        />
      </Card>
    </>,
    async () => undefined,
  );
}

export function registerLegalHoldPages(app: TypedApp, deps: Deps): void {
  app.get(LEGAL_HOLDS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:read');
    if (!actor) return reply;
    return sendHoldsPage(deps, request, reply, actor, { status: 200 });
  });

  app.post(LEGAL_HOLDS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', LEGAL_HOLDS_PATH);
    if (!actor) return reply;
    const values = formValues(request.body, ['subjectType', 'subject', 'reason']);
    const result = await submitForm(request, reply, placeForm, 'subject', (data) => placeLegalHold(deps, actor, data, originOf(request)));
    if (!result.ok) return sendHoldsPage(deps, request, reply, actor, { status: result.failure.status, place: { values, errors: result.failure.errors } });
    return sendHoldsPage(deps, request, reply, actor, { status: 200, done: translator(request.locale)('privacy.holds.placed_done') });
  });

  app.post<{ Params: { id: string } }>(`${LEGAL_HOLDS_PATH}/:id/release`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', LEGAL_HOLDS_PATH);
    if (!actor) return reply;
    const holdId = request.params.id;
    if (!isUuid(holdId)) throw problems.notFound();
    const values = formValues(request.body, ['reason']);
    const result = await submitForm(request, reply, releaseForm, 'reason', (data) => releaseLegalHold(deps, actor, holdId, data, originOf(request)));
    if (!result.ok)
      return sendHoldsPage(deps, request, reply, actor, { status: result.failure.status, release: { holdId, values, errors: result.failure.errors } });
    return sendHoldsPage(deps, request, reply, actor, { status: 200, done: translator(request.locale)('privacy.holds.released_done') });
  });
}
