import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { moneyText } from '../settlement-words.ts';
import { getPaymentAuthorities } from '../use-cases/read-claim-payments.ts';
import { setPaymentAuthority } from '../use-cases/set-payment-authority.ts';

/**
 * The admin's page of payment authority (issue #4: "payment authority limits per adjuster"): everyone who pays claims
 * with their limit — the most they may have paid on one claim without another person's approval — and the form to
 * set it. No limit is authority 0: every payment of theirs waits for approval.
 */

export const AUTHORITY_PATH = '/backoffice/payment-authority';
const sendLayoutPage = layoutPageSender(async () => undefined);

const authorityForm = z.object({
  userId: z.string(says('claims_payments.authority.choose_person')).refine(isUuid, says('claims_payments.authority.choose_person')),
  limit: z
    .string(says('claims_payments.form.amount_invalid'))
    .trim()
    .regex(/^\d{1,11}(\.\d{1,2})?$/, says('claims_payments.form.amount_invalid')),
});

type State = { values: FormValues; errors: readonly FormError[]; done?: string };

async function sendAuthorityPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  state: State = { values: {}, errors: [] },
  status = 200,
) {
  const locale = request.locale;
  const t = translator(locale);
  const people = await getPaymentAuthorities(deps, actor, 'USD');
  const title = t('claims_payments.authority.title');
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: AUTHORITY_PATH },
    <>
      <PageHeading title={title} lead={t('claims_payments.authority.lead')} />
      {state.done ? <Panel kind="success">{state.done}</Panel> : null}
      <Table
        caption={t('claims_payments.authority.caption')}
        rows={people}
        rowKey={(person) => person.userId}
        empty={t('claims_payments.authority.nobody')}
        columns={[
          { header: t('claims_payments.authority.person'), cell: (person) => person.displayName, rowHeader: true },
          { header: t('claims_payments.authority.roles'), cell: (person) => person.roles.join(', ') },
          {
            header: t('claims_payments.authority.limit'),
            cell: (person) => (person.limit ? moneyText(locale, person.limit) : t('claims_payments.authority.none')),
            numeric: true,
          },
        ]}
      />
      <Card id="set-authority" title={t('claims_payments.authority.set')}>
        <Form action={AUTHORITY_PATH} csrfToken={request.csrfToken}>
          <ErrorSummary locale={locale} errors={state.errors} />
          <SelectField
            locale={locale}
            name="userId"
            label={t('claims_payments.authority.person')}
            options={people.map((person) => ({ value: person.userId, label: person.displayName }))}
            value={state.values.userId}
            placeholder={t('claims_payments.authority.choose_person')}
            error={errorFor(state.errors, 'userId')}
          />
          <Field
            locale={locale}
            name="limit"
            label={t('claims_payments.authority.limit_usd')}
            hint={t('claims_payments.authority.limit_hint')}
            inputMode="decimal"
            width="short"
            value={state.values.limit}
            error={errorFor(state.errors, 'limit')}
          />
          <Button>{t('claims_payments.authority.set')}</Button>
        </Form>
      </Card>
    </>,
  );
}

export function registerAuthorityPages(app: TypedApp, deps: Deps): void {
  app.get(AUTHORITY_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:manage_authority');
    if (!actor) return reply;
    return sendAuthorityPage(deps, request, reply, actor);
  });
  app.post(AUTHORITY_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:manage_authority');
    if (!actor) return reply;
    const values = formValues(request.body, ['userId', 'limit']);
    const result = await submitForm(request, reply, authorityForm, 'userId', (data) =>
      setPaymentAuthority(deps, actor, { userId: data.userId, limit: data.limit, currency: 'USD' }, originOf(request)),
    );
    if (!result.ok) return sendAuthorityPage(deps, request, reply, actor, { values, errors: result.failure.errors }, result.failure.status);
    const set = result.value;
    const done = translator(request.locale)('claims_payments.authority.done', {
      name: set.displayName,
      limit: set.limit ? moneyText(request.locale, set.limit) : '',
    });
    return sendAuthorityPage(deps, request, reply, actor, { values: {}, errors: [], done });
  });
}
