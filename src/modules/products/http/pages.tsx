import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/access.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { Card, PageHeading, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { insurerCancellationNoticeDays } from '../domain/jurisdiction-rules.ts';
import type { ProductDefinition } from '../domain/product-definition.ts';
import { listProductVersions } from '../use-cases/list-product-versions.ts';
import { getProduct, listProducts, type ProductDetail } from '../use-cases/read-products.ts';
import { registerActivationPages } from './pages-activation.tsx';
import { registerRateTablePages } from './pages-rate-tables.tsx';
import { formatMoney, sendLayoutPage } from './pages-support.tsx';
import { registerVersionPages } from './pages-versions.tsx';

/**
 * Back-office pages of the products module (issue #3, "Back office: … products and rate tables with
 * impact test"): the products with their versions, categories, deductibles, jurisdiction rules and
 * liberalization flags; each product's rate tables with effective dates and status; the CSV upload
 * with line-by-line errors; the activation, shown only after the impact test. They call the same
 * use cases as the JSON API, work without JavaScript, and stay out of the OpenAPI document.
 */
export const productPages: HttpModule = {
  name: 'product-pages',
  register(app: TypedApp, deps: Deps) {
    app.get('/backoffice/products', { schema: { hide: true } }, (request, reply) => sendProductsPage(deps, request, reply));
    registerRateTablePages(app, deps);
    registerActivationPages(app, deps);
    registerVersionPages(app, deps);
  },
};

async function sendProductsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = requirePageUser(request, reply, 'products:read');
  if (!actor) return reply;
  const t = translator(request.locale);
  const summaries = await listProducts(deps, actor);
  const products = await Promise.all(
    summaries.map(async (summary) => ({
      summary,
      detail: summary.currentVersion ? await getProduct(deps, actor, summary.code) : null,
      versions: await listProductVersions(deps, actor, summary.code),
    })),
  );
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('product_pages.products.title') },
    <>
      <PageHeading title={t('product_pages.products.title')} lead={t('product_pages.products.lead')} />
      {products.length === 0 ? <p class="empty">{t('product_pages.products.empty')}</p> : null}
      {products.map(({ summary, detail, versions }) => (
        <Card key={summary.code} id={`product-${summary.code}`} title={t('product_pages.products.heading', { name: summary.name, code: summary.code })}>
          <p>
            <a href={`/backoffice/products/${summary.code}/rate-tables`}>{t('product_pages.products.rate_tables_link', { name: summary.name })}</a>
          </p>
          {can(actor, 'products:manage') ? (
            <p>
              <a href={`/backoffice/products/${summary.code}/versions`}>{t('product_versions.page.link', { name: summary.name })}</a>
            </p>
          ) : null}
          <Table
            caption={t('product_pages.versions.caption', { name: summary.name })}
            columns={[
              { header: t('product_pages.versions.version'), cell: (version) => String(version.version), rowHeader: true },
              { header: t('product_pages.versions.effective_from'), cell: (version) => version.effectiveFrom },
              { header: t('product_pages.versions.status'), cell: (version) => t(`product_pages.status.${version.status}`) },
              // JPF-COND-3: a broadening revision applies to policies in force, from the day it was adopted.
              {
                header: t('product_pages.versions.liberalization'),
                cell: (version) =>
                  version.broadening ? t('product_pages.versions.broadening', { date: version.adoptedOn ?? '—' }) : t('product_pages.versions.not_broadening'),
              },
            ]}
            rows={versions}
            rowKey={(version) => String(version.version)}
            empty={t('product_pages.versions.empty')}
          />
          {detail ? <ProductTerms locale={request.locale} detail={detail} /> : <p>{t('product_pages.products.no_version')}</p>}
        </Card>
      ))}
    </>,
  );
}

function ProductTerms({ locale, detail }: { locale: Locale; detail: ProductDetail }) {
  const t = translator(locale);
  const definition: ProductDefinition = detail.version.definition;
  const money = (amount: string) => formatMoney(locale, { amount, currency: detail.currency });
  const rules = definition.underwritingRules;
  const notice = definition.jurisdictionRules.insurerCancellationNoticeDays;
  const overrides = definition.jurisdictions.filter((state) => insurerCancellationNoticeDays(definition, state).source === 'state_rule');
  return (
    <>
      <h3>{t('product_pages.terms.heading', { version: detail.version.version, date: detail.asOf })}</h3>
      <SummaryList
        items={[
          { term: t('product_pages.terms.currency'), value: `${detail.currency} (${detail.country})` },
          {
            term: t('product_pages.terms.categories'),
            value: definition.itemCategories.map((category) => `${category.label[locale]} (${category.code})`).join(', '),
          },
          {
            term: t('product_pages.terms.coverages'),
            value: definition.coverages.map((coverage) => `${coverage.label[locale]} — ${coverage.clause}`).join('; '),
          },
          { term: t('product_pages.terms.deductibles'), value: definition.deductibleOptions.map(money).join(', ') },
          { term: t('product_pages.terms.default_deductible'), value: money(definition.defaultDeductible) },
          { term: t('product_pages.terms.max_item'), value: money(definition.maxItemCoverage) },
          {
            term: t('product_pages.terms.underwriting'),
            value: t('product_pages.terms.underwriting_rules', {
              item: money(rules.referItemAbove),
              total: money(rules.referTotalAbove),
              years: rules.appraisalMaxAgeYears,
            }),
          },
          { term: t('product_pages.terms.jurisdictions'), value: definition.jurisdictions.join(', ') },
          // JPF-CANCEL-2 / JPF-COND-2: the product's notice days, and the states whose statute asks for more.
          {
            term: t('product_pages.terms.notice_days'),
            value:
              overrides.length === 0
                ? t('product_pages.terms.notice_default', { days: notice.default })
                : t('product_pages.terms.notice_overrides', {
                    days: notice.default,
                    states: overrides.map((state) => `${state} ${insurerCancellationNoticeDays(definition, state).days}`).join(', '),
                  }),
          },
          { term: t('product_pages.terms.forms'), value: definition.forms.map((form) => form.title).join('; ') },
        ]}
      />
    </>
  );
}
