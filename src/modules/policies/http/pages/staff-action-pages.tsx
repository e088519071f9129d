import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, RadioGroup, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { VOID_CATEGORIES } from '../../domain/staff-actions.ts';
import type { AssignmentRequest } from '../../staff-actions-repository.ts';
import { decideAssignment, listAssignmentQueue } from '../../use-cases/decide-assignment.ts';
import { previewReinstatement, type ReinstatementTerms } from '../../use-cases/preview-reinstatement.ts';
import { getPolicy, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { reinstatePolicy } from '../../use-cases/reinstate-policy.ts';
import { listPolicyAssignments, requestAssignment } from '../../use-cases/request-assignment.ts';
import { voidPolicy } from '../../use-cases/void-policy.ts';
import { formatDate, formatMoney, pathId, sendLayoutPage } from './page-support.tsx';

/**
 * Pages of the staff actions on a policy (issue #3, back office): void (JPF-COND-5), reinstatement, and the
 * queue of assignment requests with the insurer's decision (JPF-COND-1); in the portal, the holder's request
 * to assign their policy. They call the same use cases as the JSON API (staff-action-routes.ts).
 */

type FormState = { values: FormValues; errors: readonly FormError[]; status: number; done?: string };
const EMPTY: FormState = { values: {}, errors: [], status: 200 };

const reasonField = z
  .string(says('staff_actions.form.required'))
  .trim()
  .min(1, says('staff_actions.form.required'))
  .max(2000, says('staff_actions.form.too_long'));

const voidForm = z.object({ category: z.enum(VOID_CATEGORIES, says('staff_actions.form.choose')), reason: reasonField });
const reinstateForm = z.object({ reason: reasonField });
const decisionForm = z
  .object({
    decision: z.enum(['approve', 'refuse'], says('staff_actions.form.choose')),
    consentDate: z.string().trim().optional(),
    consentReference: z.string().trim().max(200, says('staff_actions.form.too_long')).optional(),
    reason: z.string().trim().max(2000, says('staff_actions.form.too_long')).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.decision === 'approve') {
      if (!form.consentDate || !/^\d{4}-\d{2}-\d{2}$/.test(form.consentDate))
        ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'staff_actions.form.date_invalid' });
      if (!form.consentReference) ctx.addIssue({ code: 'custom', path: ['consentReference'], message: 'staff_actions.form.required' });
    } else if (!form.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'staff_actions.form.required' });
  });
const assignmentForm = z.object({
  assigneeEmail: z.email(says('staff_actions.form.email_invalid')).max(254, says('staff_actions.form.too_long')),
  note: z.string().trim().max(2000, says('staff_actions.form.too_long')).optional(),
});

function statusText(locale: Locale, status: string): string {
  const key = `staff_actions.status.${status}` as const;
  return status === 'in_force' || status === 'cancelled' || status === 'expired' || status === 'void'
    ? translate(locale, key as `staff_actions.status.${typeof status}`)
    : status;
}

function PolicyFacts({ locale, policy }: { locale: Locale; policy: PolicyDetail }) {
  const t = translator(locale);
  return (
    <SummaryList
      items={[
        { term: t('staff_actions.policy'), value: policy.policyNumber },
        { term: t('staff_actions.status'), value: statusText(locale, policy.status) },
        { term: t('staff_actions.named_insureds'), value: policy.application.namedInsureds.join(', ') },
        {
          term: t('staff_actions.period'),
          value: t('staff_actions.period_value', { firstDay: formatDate(locale, policy.firstDay), lastDay: formatDate(locale, policy.lastDay) }),
        },
      ]}
    />
  );
}

function send(deps: Deps, request: FastifyRequest, reply: FastifyReply, title: string, status: number, body: ComponentChildren) {
  return sendLayoutPage(deps, request, reply, { title, status }, body);
}

/** The link the lead puts on the portal's policy page: the holder asks to assign the policy (JPF-COND-1). */
export function AssignmentLink({ locale, policyId }: { locale: Locale; policyId: string }) {
  return <a href={assignmentPortalPath(policyId)}>{translate(locale, 'staff_actions.portal_assignment.link')}</a>;
}

export function assignmentPortalPath(policyId: string): string {
  return `/portal/policies/${policyId}/assignment`;
}

export function registerStaffActionPages(app: TypedApp, deps: Deps): void {
  // ---- Void (JPF-COND-5) ----
  const sendVoidPage = async (request: FastifyRequest, reply: FastifyReply, policy: PolicyDetail, form: FormState = EMPTY) => {
    const locale = request.locale;
    const t = translator(locale);
    const title = t('staff_actions.void.title', { policyNumber: policy.policyNumber });
    return send(
      deps,
      request,
      reply,
      title,
      form.status,
      <>
        <PageHeading title={title} lead={t('staff_actions.void.lead')} />
        <PolicyFacts locale={locale} policy={policy} />
        {form.done ? (
          <Panel kind="success">{form.done}</Panel>
        ) : policy.status !== 'in_force' ? (
          <Panel kind="warning">{t('staff_actions.void.not_possible', { status: statusText(locale, policy.status) })}</Panel>
        ) : (
          <Card id="void" title={t('staff_actions.void.submit')}>
            <p>{t('staff_actions.void.effects')}</p>
            <Form action={`/backoffice/policies/${policy.id}/void`} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={form.errors} />
              <RadioGroup
                locale={locale}
                name="category"
                legend={t('staff_actions.void.category')}
                options={VOID_CATEGORIES.map((category) => ({ value: category, label: t(`staff_actions.void.category.${category}`) }))}
                selected={[form.values.category ?? '']}
                error={errorFor(form.errors, 'category')}
              />
              <Field
                locale={locale}
                name="reason"
                label={t('staff_actions.reason')}
                hint={t('staff_actions.void.reason_hint')}
                multiline
                rows={4}
                value={form.values.reason}
                error={errorFor(form.errors, 'reason')}
              />
              <Button variant="danger">{t('staff_actions.void.submit')}</Button>
            </Form>
          </Card>
        )}
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/backoffice/policies/:id/void', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:void');
    if (!actor) return reply;
    return sendVoidPage(request, reply, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/backoffice/policies/:id/void', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:void', `/backoffice/policies/${request.params.id}/void`);
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const values = formValues(request.body, ['category', 'reason']);
    const result = await submitForm(request, reply, voidForm, 'reason', (data) => voidPolicy(deps, actor, policy.id, data, originOf(request)));
    if (!result.ok) return sendVoidPage(request, reply, policy, { values, errors: result.failure.errors, status: result.failure.status });
    const voided = result.value;
    const done = translate(request.locale, 'staff_actions.void.done', {
      policyNumber: voided.policyNumber,
      invoices: voided.cancelledInvoiceIds.length,
      refund: formatMoney(request.locale, voided.refund),
    });
    return sendVoidPage(request, reply, await getPolicy(deps, actor, policy.id), { values: {}, errors: [], status: 200, done });
  });

  // ---- Reinstatement ----
  const sendReinstatePage = async (request: FastifyRequest, reply: FastifyReply, policy: PolicyDetail, form: FormState = EMPTY) => {
    const locale = request.locale;
    const t = translator(locale);
    const title = t('staff_actions.reinstate.title', { policyNumber: policy.policyNumber });
    let terms: ReinstatementTerms | null = null;
    let refusal: string | null = null;
    if (!form.done) {
      try {
        terms = await previewReinstatement(deps, request.actor, policy.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 404 || error.status === 403) throw error;
        refusal = translate(locale, error.messageKey, error.params);
      }
    }
    return send(
      deps,
      request,
      reply,
      title,
      form.status,
      <>
        <PageHeading title={title} lead={t('staff_actions.reinstate.lead')} />
        <PolicyFacts locale={locale} policy={policy} />
        {form.done ? <Panel kind="success">{form.done}</Panel> : null}
        {refusal ? <Panel kind="warning">{refusal}</Panel> : null}
        {terms ? (
          <Card id="reinstate" title={t('staff_actions.reinstate.submit')}>
            <SummaryList
              items={[
                { term: t('staff_actions.reinstate.cancelled_from'), value: formatDate(locale, terms.cancellation.effectiveDate.toString()) },
                { term: t('staff_actions.reinstate.premium_change'), value: formatMoney(locale, terms.premiumChange) },
                {
                  term: t('staff_actions.reinstate.money'),
                  value: t(`staff_actions.reinstate.money.${terms.action}`, { amount: formatMoney(locale, terms.amount) }),
                },
              ]}
            />
            <Form action={`/backoffice/policies/${policy.id}/reinstate`} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={form.errors} />
              <Field
                locale={locale}
                name="reason"
                label={t('staff_actions.reason')}
                hint={t('staff_actions.reinstate.reason_hint')}
                multiline
                rows={3}
                value={form.values.reason}
                error={errorFor(form.errors, 'reason')}
              />
              <Button>{t('staff_actions.reinstate.submit')}</Button>
            </Form>
          </Card>
        ) : null}
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/backoffice/policies/:id/reinstate', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:reinstate');
    if (!actor) return reply;
    return sendReinstatePage(request, reply, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/backoffice/policies/:id/reinstate', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:reinstate', `/backoffice/policies/${request.params.id}/reinstate`);
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const values = formValues(request.body, ['reason']);
    const result = await submitForm(request, reply, reinstateForm, 'reason', (data) => reinstatePolicy(deps, actor, policy.id, data, originOf(request)));
    if (!result.ok) return sendReinstatePage(request, reply, policy, { values, errors: result.failure.errors, status: result.failure.status });
    const done = translate(request.locale, 'staff_actions.reinstate.done', { policyNumber: policy.policyNumber });
    return sendReinstatePage(request, reply, await getPolicy(deps, actor, policy.id), { values: {}, errors: [], status: 200, done });
  });

  // ---- Assignment queue and decision (JPF-COND-1) ----
  app.get('/backoffice/assignments', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:assign');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const queue = await listAssignmentQueue(deps, actor);
    return send(
      deps,
      request,
      reply,
      t('staff_actions.assignments.title'),
      200,
      <>
        <PageHeading title={t('staff_actions.assignments.title')} lead={t('staff_actions.assignments.lead')} />
        <Table
          caption={t('staff_actions.assignments.caption')}
          columns={[
            {
              header: t('staff_actions.policy'),
              cell: (item: AssignmentRequest) => (
                <a
                  href={`/backoffice/policies/${item.policyId}/assignment-requests/${item.id}`}
                  aria-label={t('staff_actions.assignments.decide_link', { policyNumber: item.policyNumber })}
                >
                  {item.policyNumber}
                </a>
              ),
              rowHeader: true,
            },
            { header: t('staff_actions.assignments.from'), cell: (item: AssignmentRequest) => `${item.from.displayName} <${item.from.email}>` },
            { header: t('staff_actions.assignments.to'), cell: (item: AssignmentRequest) => `${item.to.displayName} <${item.to.email}>` },
            { header: t('staff_actions.assignments.requested'), cell: (item: AssignmentRequest) => item.createdAt.slice(0, 10) },
            { header: t('staff_actions.assignments.note'), cell: (item: AssignmentRequest) => item.note ?? '' },
          ]}
          rows={queue}
          rowKey={(item) => item.id}
          empty={t('staff_actions.assignments.empty')}
        />
      </>,
    );
  });

  const sendDecisionPage = async (request: FastifyRequest, reply: FastifyReply, policy: PolicyDetail, requestId: string, form: FormState = EMPTY) => {
    const locale = request.locale;
    const t = translator(locale);
    const assignment = (await listPolicyAssignments(deps, request.actor, policy.id)).find((item) => item.id === requestId);
    if (!assignment) throw new AppError(404, 'not_found', 'error.not_found');
    const title = t('staff_actions.assignment.title', { policyNumber: policy.policyNumber });
    return send(
      deps,
      request,
      reply,
      title,
      form.status,
      <>
        <PageHeading title={title} />
        <p>
          <a href="/backoffice/assignments">{t('staff_actions.assignment.back')}</a>
        </p>
        <PolicyFacts locale={locale} policy={policy} />
        <SummaryList
          items={[
            { term: t('staff_actions.assignments.from'), value: `${assignment.from.displayName} <${assignment.from.email}>` },
            { term: t('staff_actions.assignments.to'), value: `${assignment.to.displayName} <${assignment.to.email}>` },
            { term: t('staff_actions.assignments.requested'), value: assignment.createdAt.slice(0, 10) },
            { term: t('staff_actions.assignments.note'), value: assignment.note ?? '' },
          ]}
        />
        {assignment.status !== 'pending' ? (
          <Panel kind={form.done ? 'success' : 'info'}>
            {t('staff_actions.assignment.decided', { status: t(`staff_actions.assignment.status.${assignment.status}`) })}
          </Panel>
        ) : (
          <Card id="decide" title={t('staff_actions.assignment.decision')}>
            <Form action={`/backoffice/policies/${policy.id}/assignment-requests/${assignment.id}`} csrfToken={request.csrfToken}>
              <ErrorSummary locale={locale} errors={form.errors} />
              <RadioGroup
                locale={locale}
                name="decision"
                legend={t('staff_actions.assignment.decision')}
                options={[
                  { value: 'approve', label: t('staff_actions.assignment.approve') },
                  { value: 'refuse', label: t('staff_actions.assignment.refuse') },
                ]}
                selected={[form.values.decision ?? '']}
                error={errorFor(form.errors, 'decision')}
              />
              <Field
                locale={locale}
                name="consentDate"
                type="date"
                label={t('staff_actions.assignment.consent_date')}
                hint={t('staff_actions.assignment.consent_date_hint')}
                value={form.values.consentDate}
                error={errorFor(form.errors, 'consentDate')}
                width="medium"
              />
              <Field
                locale={locale}
                name="consentReference"
                label={t('staff_actions.assignment.consent_reference')}
                hint={t('staff_actions.assignment.consent_reference_hint')}
                value={form.values.consentReference}
                error={errorFor(form.errors, 'consentReference')}
                width="medium"
              />
              <Field
                locale={locale}
                name="reason"
                label={t('staff_actions.reason')}
                hint={t('staff_actions.assignment.reason_hint')}
                multiline
                rows={3}
                value={form.values.reason}
                error={errorFor(form.errors, 'reason')}
              />
              <Button>{t('staff_actions.assignment.submit')}</Button>
            </Form>
          </Card>
        )}
      </>,
    );
  };

  app.get<{ Params: { id: string; rid: string } }>('/backoffice/policies/:id/assignment-requests/:rid', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:assign');
    if (!actor) return reply;
    return sendDecisionPage(request, reply, await getPolicy(deps, actor, pathId(request.params.id)), pathId(request.params.rid));
  });

  app.post<{ Params: { id: string; rid: string } }>('/backoffice/policies/:id/assignment-requests/:rid', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:assign', `/backoffice/policies/${request.params.id}/assignment-requests/${request.params.rid}`);
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const requestId = pathId(request.params.rid);
    const values = formValues(request.body, ['decision', 'consentDate', 'consentReference', 'reason']);
    const result = await submitForm(request, reply, decisionForm, 'decision', (data) =>
      decideAssignment(
        deps,
        actor,
        policy.id,
        requestId,
        data.decision === 'approve'
          ? { decision: 'approve', consentDate: data.consentDate, consentReference: data.consentReference }
          : { decision: 'refuse', reason: data.reason },
        originOf(request),
      ),
    );
    if (!result.ok) return sendDecisionPage(request, reply, policy, requestId, { values, errors: result.failure.errors, status: result.failure.status });
    // After an approval the policy has a new holder; staff still reach it.
    return sendDecisionPage(request, reply, await getPolicy(deps, actor, policy.id), requestId, { values: {}, errors: [], status: 200, done: 'decided' });
  });

  // ---- Portal: the holder asks to assign the policy (JPF-COND-1) ----
  const sendPortalPage = async (request: FastifyRequest, reply: FastifyReply, policy: PolicyDetail, form: FormState = EMPTY) => {
    const locale = request.locale;
    const t = translator(locale);
    const title = t('staff_actions.portal_assignment.title', { policyNumber: policy.policyNumber });
    const history = await listPolicyAssignments(deps, request.actor, policy.id);
    const pending = history.some((item) => item.status === 'pending');
    return send(
      deps,
      request,
      reply,
      title,
      form.status,
      <>
        <PageHeading title={title} lead={t('staff_actions.portal_assignment.lead')} />
        <p>
          <a href={`/portal/policies/${policy.id}`}>{t('staff_actions.back_to_policy')}</a>
        </p>
        {form.done ? <Panel kind="success">{form.done}</Panel> : null}
        {!pending && policy.status === 'in_force' ? (
          <Form action={assignmentPortalPath(policy.id)} csrfToken={request.csrfToken}>
            <ErrorSummary locale={locale} errors={form.errors} />
            <Field
              locale={locale}
              name="assigneeEmail"
              type="email"
              autocomplete="off"
              label={t('staff_actions.portal_assignment.email')}
              value={form.values.assigneeEmail}
              error={errorFor(form.errors, 'assigneeEmail')}
            />
            <Field
              locale={locale}
              name="note"
              label={t('staff_actions.portal_assignment.note')}
              optional
              multiline
              rows={3}
              value={form.values.note}
              error={errorFor(form.errors, 'note')}
            />
            <Button>{t('staff_actions.portal_assignment.submit')}</Button>
          </Form>
        ) : null}
        <Table
          caption={t('staff_actions.portal_assignment.history')}
          columns={[
            { header: t('staff_actions.assignments.requested'), cell: (item: AssignmentRequest) => item.createdAt.slice(0, 10), rowHeader: true },
            { header: t('staff_actions.assignments.to'), cell: (item: AssignmentRequest) => item.to.displayName },
            { header: t('staff_actions.status'), cell: (item: AssignmentRequest) => t(`staff_actions.assignment.status.${item.status}`) },
            { header: t('staff_actions.reason'), cell: (item: AssignmentRequest) => item.refusalReason ?? '' },
          ]}
          rows={history}
          rowKey={(item) => item.id}
          empty={t('staff_actions.portal_assignment.none')}
        />
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/portal/policies/:id/assignment', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    return sendPortalPage(request, reply, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/portal/policies/:id/assignment', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter', assignmentPortalPath(request.params.id));
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const values = formValues(request.body, ['assigneeEmail', 'note']);
    const result = await submitForm(request, reply, assignmentForm, 'assigneeEmail', (data) =>
      requestAssignment(deps, actor, policy.id, data, originOf(request)),
    );
    if (!result.ok) return sendPortalPage(request, reply, policy, { values, errors: result.failure.errors, status: result.failure.status });
    const done = translate(request.locale, 'staff_actions.portal_assignment.sent', { to: result.value.to.displayName });
    return sendPortalPage(request, reply, policy, { values: {}, errors: [], status: 201, done });
  });
}
