import type { FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { Money } from '../../../../platform/money.ts';
import { Button, ButtonLink, Card, Form, PageHeading, Panel, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { flashCookie } from '../../../../platform/ui/flash.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { listInvoices, listRefunds, printReference } from '../../../billing/index.ts';
import { listPolicyDocuments } from '../../../documents/index.ts';
import { getProduct } from '../../../products/index.ts';
import { localDateOf } from '../../domain/policy-period.ts';
import type { RequestedChange } from '../../endorsement-repository.ts';
import type { ScheduledItem } from '../../policies-repository.ts';
import { listPendingSignatureRequests, type PendingSignatureRequest } from '../../use-cases/read-pending-signatures.ts';
import { getPolicy, listMyPolicies, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { getPolicyAsOf, type PolicyAsOf } from '../../use-cases/read-policy-as-of.ts';
import { InviteToSign } from './invite-forms.tsx';
import { formatDate, formatMoney, pathId, sendLayoutPage } from './page-support.tsx';
import { AssignmentLink } from './staff-action-pages.tsx';
import { addressText } from './views.tsx';

/**
 * The portal's "my policies" and the policy detail (issue #3, "Screens and API"): the schedule as it stands
 * today, documents to download, the history of policy transactions (JPF-COND-6), requests waiting for
 * signatures with the holder's Sign button (JPF-COND-9, JPF-CANCEL-1), invoices and refunds, and the links to
 * add or change an item, report newly purchased jewelry (JPF-ADD-1) and request cancellation.
 */

/**
 * One-time messages of the portal's policy changes (see platform/ui/flash.ts): the key and the id of the
 * transaction or request it is about, read again within the reader's access when the policy is shown.
 */
const PORTAL_FLASH_KEYS = ['endorsed', 'endorsement_pending', 'new_purchase', 'cancellation_pending', 'cancelled', 'signed', 'invited'] as const;
export type PortalFlashKey = (typeof PORTAL_FLASH_KEYS)[number];
const portalFlash = flashCookie('bezel_portal_policy_flash', PORTAL_FLASH_KEYS);

export function setPortalFlash(reply: FastifyReply, deps: Deps, key: PortalFlashKey, subjectId: string): void {
  portalFlash.set(reply, deps, key, subjectId);
}

export function policyPath(policyId: string): string {
  return `/portal/policies/${policyId}`;
}

/** The link back to the policy from its change pages. */
export function BackToPolicy({ locale, policy }: { locale: Locale; policy: { id: string; policyNumber: string } }) {
  return (
    <p>
      <a href={policyPath(policy.id)}>{translator(locale)('portal_policy.back', { policyNumber: policy.policyNumber })}</a>
    </p>
  );
}

/** Items on the schedule today: removed ones carry the first day without cover (decision 0009). */
export function currentItems(schedule: readonly ScheduledItem[]): ScheduledItem[] {
  return schedule.filter((item) => !item.removedOn);
}

export function namesText(locale: Locale, names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : translator(locale)('portal_policy.pending.nobody');
}

function signedAmount(locale: Locale, money: Money): string {
  const text = formatMoney(locale, money);
  return money.isPositive() ? `+${text}` : text;
}

export function changeText(locale: Locale, change: RequestedChange, currency: string): string {
  const t = translator(locale);
  switch (change.op) {
    case 'add':
      return t('portal_policy.change_text.add', {
        description: change.description,
        coverage: formatMoney(locale, { amount: change.coverageAmount, currency }),
      });
    case 'change':
      return t('portal_policy.change_text.change', { itemNo: change.itemNo });
    case 'remove':
      return t('portal_policy.change_text.remove', { itemNo: change.itemNo });
    case 'remove_named_insured':
      return t('portal_policy.change_text.remove_named_insured', { name: change.name });
  }
}

/** The message after a change, about the transaction or request the flash cookie names; dropped when it is not this policy's. */
function portalFlashMessage(
  locale: Locale,
  taken: { key: PortalFlashKey; subjectId: string | undefined },
  history: PolicyAsOf,
  pending: readonly PendingSignatureRequest[],
): Flash | undefined {
  const t = translator(locale);
  const transaction = history.transactions.find((candidate) => candidate.id === taken.subjectId);
  const request = pending.find((candidate) => candidate.id === taken.subjectId);
  switch (taken.key) {
    case 'endorsed':
      return transaction
        ? {
            kind: 'success',
            message: t('portal_policy.flash.endorsed', {
              date: formatDate(locale, transaction.effectiveDate.toString()),
              amount: signedAmount(locale, transaction.premiumChange),
            }),
          }
        : undefined;
    case 'new_purchase':
      return transaction
        ? {
            kind: 'success',
            message: t('portal_policy.flash.new_purchase', {
              date: formatDate(locale, transaction.effectiveDate.toString()),
              amount: formatMoney(locale, transaction.premiumChange),
            }),
          }
        : undefined;
    case 'cancelled': {
      if (!transaction) return undefined;
      const refund = transaction.details.refund as { amount: string; currency: string } | undefined;
      return {
        kind: 'success',
        message: t('portal_policy.flash.cancelled', {
          date: formatDate(locale, transaction.effectiveDate.toString()),
          refund: formatMoney(locale, refund ?? Money.zero(history.policy.premium.currency)),
        }),
      };
    }
    case 'endorsement_pending':
    case 'cancellation_pending':
      return request ? { kind: 'info', message: t(`portal_policy.flash.${taken.key}`, { names: namesText(locale, request.missing) }) } : undefined;
    case 'signed':
      return { kind: 'success', message: t('portal_policy.flash.signed') };
    case 'invited':
      return { kind: 'success', message: t('signing.portal.flash_invited') };
  }
}

function PendingRequests({
  locale,
  csrfToken,
  policy,
  pending,
}: {
  locale: Locale;
  csrfToken: string;
  policy: PolicyDetail;
  pending: readonly PendingSignatureRequest[];
}) {
  const t = translator(locale);
  if (pending.length === 0) return null;
  return (
    <Card id="pending-signatures" title={t('portal_policy.pending.title')}>
      {pending.map((request) => {
        const date = formatDate(locale, request.effectiveDate);
        return (
          <div key={request.id}>
            <h3>{request.kind === 'endorsement' ? t('portal_policy.pending.endorsement', { date }) : t('portal_policy.pending.cancellation', { date })}</h3>
            {request.changes.length > 0 ? (
              <ul>
                {request.changes.map((change, index) => (
                  <li key={String(index)}>{changeText(locale, change, policy.premium.currency)}</li>
                ))}
              </ul>
            ) : null}
            <p>{t('portal_policy.pending.signed', { names: namesText(locale, request.signed) })}</p>
            <p>{t('portal_policy.pending.missing', { names: namesText(locale, request.missing) })}</p>
            {request.holderCanSign ? (
              // JPF-COND-9: the holder signs a pending removal in the portal for their own name.
              <Form action={`${policyPath(policy.id)}/endorsements/${request.id}/sign`} csrfToken={csrfToken}>
                <Button aria-label={t('portal_policy.pending.sign_label', { date })}>{t('portal_policy.pending.sign')}</Button>
              </Form>
            ) : (
              <p class="field__hint">{t('portal_policy.pending.paper')}</p>
            )}
            <InviteToSign locale={locale} csrfToken={csrfToken} policyId={policy.id} request={request} timeZone={policy.timeZone} />
          </div>
        );
      })}
    </Card>
  );
}

type DetailOptions = { flash?: Flash; status?: number };

/** The policy page; also rendered in answer to a failed Sign (with the failure as its message). */
export async function sendPolicyDetail(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  policyId: string,
  options: DetailOptions = {},
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  // Another customer's policy is not found (404), as in the API.
  const policy = await getPolicy(deps, actor, policyId);
  const [invoices, refunds, product, documents, history, pending] = await Promise.all([
    listInvoices(deps, actor, { policyId: policy.id }),
    listRefunds(deps, actor, { policyId: policy.id }),
    getProduct(deps, actor, 'jewelry').catch(() => null),
    listPolicyDocuments(deps, actor, policy.id),
    getPolicyAsOf(deps, actor, policy.id, undefined),
    listPendingSignatureRequests(deps, actor, policy.id),
  ]);
  const taken = options.flash ? undefined : portalFlash.take(deps, request, reply);
  const flash = options.flash ?? (taken ? portalFlashMessage(locale, taken, history, pending) : undefined);
  const labels = new Map((product?.version.definition.itemCategories ?? []).map((category) => [category.code, category.label[locale]]));
  const application = policy.application;
  const onSchedule = currentItems(policy.schedule);
  const removed = policy.schedule.filter((item) => item.removedOn);
  const total = Money.sum(
    onSchedule.map((item) => item.coverageAmount),
    policy.premium.currency,
  );
  const yesNo = (value: boolean) => t(value ? 'policy_pages.policy.yes' : 'policy_pages.policy.no');
  const status = t(`policy_pages.policy_status.${policy.status}`);
  const title = t('policy_pages.policy.title', { policyNumber: policy.policyNumber });
  const path = policyPath(policy.id);
  // A recorded instant as the day it was in the insured's time zone.
  const dayOf = (instant: string) => formatDate(locale, localDateOf(Temporal.Instant.from(instant), policy.timeZone).toString());
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, currentPath: path, ...(options.status === undefined ? {} : { status: options.status }), ...(flash ? { flash } : {}) },
    <>
      <PageHeading title={title} caption={t('policy_pages.policy.caption')} />
      <Card id="policy-details" title={t('policy_pages.policy.details')}>
        <SummaryList
          items={[
            { term: t('policy_pages.policies.number'), value: policy.policyNumber },
            { term: t('policy_pages.policies.status'), value: status },
            {
              term: t('policy_pages.policies.period'),
              value: t('policy_pages.policies.period_value', { firstDay: formatDate(locale, policy.firstDay), lastDay: formatDate(locale, policy.lastDay) }),
            },
            { term: t('policy_pages.application.named_insureds'), value: application.namedInsureds.join(', ') },
            { term: t('policy_pages.application.address'), value: addressText(application) },
            { term: t('policy_pages.application.deductible'), value: formatMoney(locale, application.deductible) },
            { term: t('policy_pages.policies.premium'), value: formatMoney(locale, policy.premium) },
          ]}
        />
        <p>{t('policy_pages.policy.cover', { timeZone: policy.timeZone })}</p>
      </Card>

      <Card id="policy-actions" title={t('portal_policy.actions.title')}>
        {policy.status === 'in_force' ? (
          <ul>
            <li>
              <a href={`${path}/change`}>{t('portal_policy.actions.change')}</a>
            </li>
            <li>
              <a href={`${path}/new-purchase`}>{t('portal_policy.actions.new_purchase')}</a>
            </li>
            <li>
              <a href={`${path}/cancel`}>{t('portal_policy.actions.cancel')}</a>
            </li>
            <li>
              <AssignmentLink locale={locale} policyId={policy.id} />
            </li>
          </ul>
        ) : (
          <p>{t('portal_policy.actions.not_in_force', { status })}</p>
        )}
        {/* Issue #4: a loss is reported on the policy it happened under, also after that policy ended. */}
        <p>
          <a href={`${path}/claims/new`}>{t('claims_fnol.policy_link')}</a>
        </p>
      </Card>

      <PendingRequests locale={locale} csrfToken={request.csrfToken} policy={policy} pending={pending} />

      {/* A heading, not a card: the table's own region carries the same name (axe landmark-unique). */}
      <h2>{t('policy_pages.policy.schedule')}</h2>
      <Table
        caption={t('policy_pages.policy.schedule')}
        captionHidden
        columns={[
          { header: t('policy_pages.policy.item_no'), cell: (item) => String(item.itemNo), rowHeader: true },
          { header: t('policy_pages.application.description'), cell: (item) => item.description },
          { header: t('policy_pages.application.category'), cell: (item) => labels.get(item.category) ?? item.category },
          { header: t('policy_pages.policy.set'), cell: (item) => item.setId ?? '' },
          { header: t('policy_pages.policy.possessor'), cell: (item) => item.possessor ?? '' },
          { header: t('policy_pages.policy.in_safe'), cell: (item) => yesNo(item.keptInSafe) },
          { header: t('policy_pages.application.coverage'), cell: (item) => formatMoney(locale, item.coverageAmount), numeric: true },
        ]}
        rows={onSchedule}
        rowKey={(item) => String(item.itemNo)}
        empty={t('portal_policy.schedule.empty')}
      />
      <p>
        {t('policy_pages.policy.total')}: {formatMoney(locale, total)}
      </p>
      {removed.length > 0 ? (
        <>
          <h3>{t('portal_policy.removed.title')}</h3>
          <Table
            caption={t('portal_policy.removed.title')}
            captionHidden
            columns={[
              { header: t('policy_pages.policy.item_no'), cell: (item) => String(item.itemNo), rowHeader: true },
              { header: t('policy_pages.application.description'), cell: (item) => item.description },
              { header: t('portal_policy.removed.on'), cell: (item) => formatDate(locale, item.removedOn ?? policy.lastDay) },
            ]}
            rows={removed}
            rowKey={(item) => String(item.itemNo)}
            empty=""
          />
        </>
      ) : null}

      <h2>{t('portal_policy.documents.title')}</h2>
      <Table
        caption={t('portal_policy.documents.title')}
        captionHidden
        columns={[
          {
            header: t('portal_policy.documents.document'),
            cell: (document) => (
              <a href={`/api/v1/documents/${document.id}/content`}>
                {t('portal_policy.documents.link', {
                  document: t(`portal_policy.documents.kind.${document.kind}`),
                  date: dayOf(document.createdAt),
                })}
              </a>
            ),
            rowHeader: true,
          },
          { header: t('portal_policy.documents.language'), cell: (document) => t(`portal_policy.documents.locale.${document.locale}`) },
        ]}
        rows={documents}
        rowKey={(document) => document.id}
        empty={t('portal_policy.documents.empty')}
      />

      <h2>{t('portal_policy.history.title')}</h2>
      <Table
        caption={t('portal_policy.history.title')}
        captionHidden
        columns={[
          { header: t('portal_policy.history.effective'), cell: (transaction) => formatDate(locale, transaction.effectiveDate.toString()), rowHeader: true },
          {
            header: t('portal_policy.history.kind'),
            cell: (transaction) => {
              const kind = t(`portal_policy.history.kind.${transaction.kind}`);
              return transaction.reversed ? t('portal_policy.history.reversed', { kind }) : kind;
            },
          },
          { header: t('portal_policy.history.recorded'), cell: (transaction) => dayOf(transaction.recordedAt) },
          { header: t('portal_policy.history.premium_change'), cell: (transaction) => signedAmount(locale, transaction.premiumChange), numeric: true },
        ]}
        rows={history.transactions}
        rowKey={(transaction) => transaction.id}
        empty=""
      />

      <h2>{t('policy_pages.policy.invoices')}</h2>
      <Table
        caption={t('policy_pages.policy.invoices')}
        captionHidden
        columns={[
          { header: t('policy_pages.policy.reference'), cell: (invoice) => printReference(invoice.structuredReference), rowHeader: true },
          { header: t('policy_pages.policy.issued_on'), cell: (invoice) => formatDate(locale, invoice.issuedOn) },
          { header: t('policy_pages.policy.due_on'), cell: (invoice) => formatDate(locale, invoice.dueOn) },
          { header: t('policy_pages.policies.status'), cell: (invoice) => t(`policy_pages.invoice_status.${invoice.status}`) },
          { header: t('policy_pages.policy.amount'), cell: (invoice) => formatMoney(locale, invoice), numeric: true },
        ]}
        rows={invoices}
        rowKey={(invoice) => invoice.id}
        empty={t('policy_pages.policy.no_invoices')}
      />

      {refunds.length > 0 ? (
        <>
          <h2>{t('portal_policy.refunds.title')}</h2>
          <Table
            caption={t('portal_policy.refunds.title')}
            captionHidden
            columns={[
              { header: t('portal_policy.refunds.created'), cell: (refund) => dayOf(refund.createdAt), rowHeader: true },
              { header: t('policy_pages.policies.status'), cell: (refund) => t(`portal_policy.refunds.status.${refund.status}`) },
              { header: t('policy_pages.policy.amount'), cell: (refund) => formatMoney(locale, refund), numeric: true },
            ]}
            rows={refunds}
            rowKey={(refund) => refund.id}
            empty=""
          />
        </>
      ) : null}
    </>,
  );
}

export function registerPolicyPages(app: TypedApp, deps: Deps): void {
  app.get('/portal/policies', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const policies = await listMyPolicies(deps, actor);
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('policy_pages.policies.title') },
      <>
        <PageHeading title={t('policy_pages.policies.title')} />
        <Table
          caption={t('policy_pages.policies.caption')}
          captionHidden
          columns={[
            {
              header: t('policy_pages.policies.number'),
              cell: (policy) => <a href={policyPath(policy.id)}>{policy.policyNumber}</a>,
              rowHeader: true,
            },
            {
              header: t('policy_pages.policies.period'),
              cell: (policy) =>
                t('policy_pages.policies.period_value', { firstDay: formatDate(locale, policy.firstDay), lastDay: formatDate(locale, policy.lastDay) }),
            },
            { header: t('policy_pages.policies.status'), cell: (policy) => t(`policy_pages.policy_status.${policy.status}`) },
            { header: t('policy_pages.policies.premium'), cell: (policy) => formatMoney(locale, policy.premium), numeric: true },
          ]}
          rows={policies}
          rowKey={(policy) => policy.id}
          empty={t('policy_pages.policies.empty')}
        />
        <p>
          <ButtonLink href="/portal/quote">{t('policy_pages.nav.quote')}</ButtonLink>
        </p>
      </>,
    );
  });

  app.get<{ Params: { id: string } }>('/portal/policies/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    return sendPolicyDetail(deps, request, reply, actor, pathId(request.params.id));
  });
}

/** A warning panel, for pages that explain why an action is not possible. */
export function NotPossible({ children }: { children: string }) {
  return (
    <Panel kind="warning">
      <p>{children}</p>
    </Panel>
  );
}
