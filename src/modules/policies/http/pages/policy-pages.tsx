import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { Money } from '../../../../platform/money.ts';
import { ButtonLink, Card, PageHeading, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { listInvoices, printReference } from '../../../billing/index.ts';
import { getProduct } from '../../../products/index.ts';
import { getPolicy, listMyPolicies } from '../../use-cases/read-policies.ts';
import { formatDate, formatMoney, pathId, sendLayoutPage } from './page-support.tsx';
import { addressText } from './views.tsx';

/** The portal's "my policies" and the policy detail with its schedule and invoices (issue #3). */
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
              cell: (policy) => <a href={`/portal/policies/${policy.id}`}>{policy.policyNumber}</a>,
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
    const locale = request.locale;
    const t = translator(locale);
    // Another customer's policy is not found (404), as in the API.
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const [invoices, product] = await Promise.all([listInvoices(deps, actor, { policyId: policy.id }), getProduct(deps, actor, 'jewelry').catch(() => null)]);
    const labels = new Map((product?.version.definition.itemCategories ?? []).map((category) => [category.code, category.label[locale]]));
    const application = policy.application;
    const total = Money.sum(
      policy.schedule.map((item) => item.coverageAmount),
      policy.premium.currency,
    );
    const yesNo = (value: boolean) => t(value ? 'policy_pages.policy.yes' : 'policy_pages.policy.no');
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('policy_pages.policy.title', { policyNumber: policy.policyNumber }) },
      <>
        <PageHeading title={t('policy_pages.policy.title', { policyNumber: policy.policyNumber })} caption={t('policy_pages.policy.caption')} />
        <Card id="policy-details" title={t('policy_pages.policy.details')}>
          <SummaryList
            items={[
              { term: t('policy_pages.policies.number'), value: policy.policyNumber },
              { term: t('policy_pages.policies.status'), value: t(`policy_pages.policy_status.${policy.status}`) },
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
          rows={policy.schedule}
          rowKey={(item) => String(item.itemNo)}
          empty=""
        />
        <p>
          {t('policy_pages.policy.total')}: {formatMoney(locale, total)}
        </p>

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
      </>,
    );
  });
}
