import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { attempt, type FormError, type FormValues, formValues, parseForm, says } from '../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import type { RateTableImpact } from '../../policies/index.ts';
import { IMPACT_SAMPLE, type PolicyImpact, percentText } from '../domain/rate-impact.ts';
import { activateRateTable } from '../use-cases/activate-rate-table.ts';
import { getRateTable } from '../use-cases/read-rate-tables.ts';
import { ImpactBucketTable, ImpactChart } from './pages-chart.tsx';
import { formatCount, formatMoney, formatPercent, pathCode, pathId, sendLayoutPage, setFlash } from './pages-support.tsx';

/**
 * Activating a draft rate table, guarded by a confirmation that shows the impact test first (issue
 * #3: "before activating a new rate table, re-rate a sample of in-force policies under old and new
 * tables and show the distribution of premium change (a chart) and the total effect"). The table
 * is activated only when the person ticks that they reviewed the impact and gives the date.
 */

/** Policies listed by name on the page: the largest changes either way; the API lists them all. */
const POLICIES_SHOWN = 20;

const sampleQuery = z.object({ sample: z.coerce.number().int().min(1).max(IMPACT_SAMPLE.max).optional() });

const activationSchema = z.object({
  effectiveFrom: z.iso.date(says('product_pages.problem.date')),
  confirm: z.literal('reviewed', says('product_pages.problem.confirm')),
});

type ActivationForm = { values: FormValues; errors: readonly FormError[]; status: number };

export function registerActivationPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { code: string; id: string }; Querystring: Record<string, unknown> }>(
    '/backoffice/products/:code/rate-tables/:id/activate',
    { schema: { hide: true } },
    async (request, reply) => {
      const actor = requirePageUser(request, reply, 'products:manage');
      if (!actor) return reply;
      const sample = sampleQuery.safeParse(request.query);
      if (!sample.success)
        throw problems.validation([
          { field: 'querystring.sample', code: 'out_of_range', messageKey: 'rate_impact.sample_out_of_range', params: { max: IMPACT_SAMPLE.max } },
        ]);
      return sendActivationPage(deps, request, reply, pathCode(request.params.code), pathId(request.params.id), sample.data.sample);
    },
  );

  app.post<{ Params: { code: string; id: string } }>(
    '/backoffice/products/:code/rate-tables/:id/activate',
    { schema: { hide: true } },
    async (request, reply) => {
      const code = pathCode(request.params.code);
      const id = pathId(request.params.id);
      const actor = requirePageUser(request, reply, 'products:manage', `/backoffice/products/${code}/rate-tables/${id}/activate`);
      if (!actor) return reply;
      // Only a table of this product is activated from this product's page.
      const table = await getRateTable(deps, actor, id);
      if (table.productCode !== code) throw problems.notFound();
      const values = formValues(request.body, ['effectiveFrom', 'confirm']);
      const parsed = parseForm(request.locale, activationSchema, request.body);
      if (!parsed.ok) return sendActivationPage(deps, request, reply, code, id, undefined, { values, errors: parsed.errors, status: 400 });
      const result = await attempt(request.locale, reply, 'effectiveFrom', () =>
        activateRateTable(deps, actor, id, { effectiveFrom: parsed.data.effectiveFrom }, originOf(request)),
      );
      if (!result.ok) {
        // Already active (activated meanwhile): the impact test no longer applies; back to the list.
        if (result.failure.code === 'rate_table_not_draft') return reply.redirect(`/backoffice/products/${code}/rate-tables`, 303);
        return sendActivationPage(deps, request, reply, code, id, undefined, { values, errors: result.failure.errors, status: result.failure.status });
      }
      setFlash(reply, deps, 'activated', id);
      return reply.redirect(`/backoffice/products/${code}/rate-tables`, 303);
    },
  );
}

async function sendActivationPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  id: string,
  sample: number | undefined,
  form: ActivationForm = { values: {}, errors: [], status: 200 },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const impact = await runImpactTest(deps, request, { productCode: code, rateTableId: id, sample });
  const { summary, table } = impact;
  const title = t('product_pages.activate.title', { name: table.name, version: table.version });
  const money = (value: { toJSON(): { amount: string; currency: string } } | null) => (value === null ? '—' : formatMoney(locale, value.toJSON()));
  const largest = [...summary.policies].sort((a, b) => b.change.amount.abs().comparedTo(a.change.amount.abs())).slice(0, POLICIES_SHOWN);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: `/backoffice/products/${code}/rate-tables/${id}/activate` },
    <>
      <PageHeading title={title} caption={code} lead={t('product_pages.activate.lead')} />
      <p>
        <a href={`/backoffice/products/${code}/rate-tables`}>{t('product_pages.activate.back')}</a>
      </p>
      <Card id="impact" title={t('product_pages.impact.title')}>
        <p>
          {t('product_pages.impact.basis', {
            date: impact.ratingDate,
            replaces: impact.replaces ? t('product_pages.impact.replaces', { version: impact.replaces.version, date: impact.replaces.effectiveFrom }) : '—',
          })}
        </p>
        <p>
          {t('product_pages.impact.sample', {
            count: formatCount(locale, summary.count),
            population: formatCount(locale, impact.population),
            size: formatCount(locale, impact.sampleSize),
          })}
        </p>
        <SummaryList
          items={[
            { term: t('product_pages.impact.total_old'), value: money(summary.totalOld) },
            { term: t('product_pages.impact.total_new'), value: money(summary.totalNew) },
            {
              term: t('product_pages.impact.total_change'),
              value: `${money(summary.totalChange)} (${formatPercent(locale, percentText(summary.totalPercentChange))})`,
            },
            {
              term: t('product_pages.impact.spread'),
              value: t('product_pages.impact.spread_value', {
                min: money(summary.minChange),
                median: money(summary.medianChange),
                max: money(summary.maxChange),
              }),
            },
          ]}
        />
        {summary.count > 0 ? (
          <figure class="impact-figure">
            <ImpactChart locale={locale} buckets={summary.buckets} count={summary.count} />
            <figcaption>{t('product_pages.chart.caption')}</figcaption>
          </figure>
        ) : null}
        <ImpactBucketTable locale={locale} buckets={summary.buckets} count={summary.count} />
        <PolicyTable locale={locale} policies={largest} total={summary.count} money={money} />
        {impact.notRated.length > 0 ? (
          <Panel kind="warning" title={t('product_pages.impact.not_rated', { count: impact.notRated.length })}>
            <ul>
              {impact.notRated.slice(0, POLICIES_SHOWN).map((policy) => (
                <li key={policy.policyId}>{`${policy.policyNumber}: ${policy.problems.join(', ')}`}</li>
              ))}
            </ul>
          </Panel>
        ) : null}
        <form method="get" action={`/backoffice/products/${code}/rate-tables/${id}/activate`} class="impact-rerun">
          <Field
            locale={locale}
            name="sample"
            type="number"
            width="short"
            label={t('product_pages.impact.sample_size')}
            hint={t('product_pages.impact.sample_hint', { max: IMPACT_SAMPLE.max })}
            value={String(impact.sampleSize)}
            inputMode="numeric"
          />
          <Button variant="secondary">{t('product_pages.impact.rerun')}</Button>
        </form>
      </Card>
      <Card id="activate" title={t('product_pages.activate.confirm_title')}>
        <Form action={`/backoffice/products/${code}/rate-tables/${id}/activate`} csrfToken={request.csrfToken} aria-labelledby="activate-heading">
          <ErrorSummary locale={locale} errors={form.errors} />
          <Field
            locale={locale}
            name="effectiveFrom"
            type="date"
            width="medium"
            label={t('product_pages.activate.effective_from')}
            hint={t('product_pages.activate.effective_hint', { today: impact.ratingDate })}
            value={form.values.effectiveFrom ?? impact.ratingDate}
            error={form.errors.find((error) => error.field === 'effectiveFrom')?.message}
          />
          <CheckboxGroup
            locale={locale}
            name="confirm"
            legend={t('product_pages.activate.confirm_legend')}
            options={[
              {
                value: 'reviewed',
                label: t('product_pages.activate.confirm_label', { change: money(summary.totalChange), count: formatCount(locale, summary.count) }),
              },
            ]}
            selected={form.values.confirm ? [form.values.confirm] : []}
            error={form.errors.find((error) => error.field === 'confirm')?.message}
          />
          <Button variant="danger">{t('product_pages.activate.submit')}</Button>
        </Form>
      </Card>
    </>,
  );
}

/**
 * The impact test is a use case of the policies module (it reads policies), which imports this
 * module's index; a static import back would make the two modules a cycle, in which whichever loads
 * second sees the other half-initialised. Loaded when first needed instead, then cached by Node.
 */
async function runImpactTest(
  deps: Deps,
  request: FastifyRequest,
  input: { productCode: string; rateTableId: string; sample: number | undefined },
): Promise<RateTableImpact> {
  const { rateTableImpact } = await import('../../policies/index.ts');
  return rateTableImpact(deps, request.actor, input, originOf(request));
}

function PolicyTable({
  locale,
  policies,
  total,
  money,
}: {
  locale: 'en' | 'nl';
  policies: readonly PolicyImpact[];
  total: number;
  money: (value: PolicyImpact['change']) => string;
}) {
  const t = translator(locale);
  return (
    <Table
      caption={t('product_pages.impact.policies_caption', { shown: policies.length, total })}
      columns={[
        { header: t('product_pages.impact.policy'), cell: (policy: PolicyImpact) => policy.policyNumber, rowHeader: true },
        { header: t('product_pages.impact.old'), cell: (policy) => money(policy.oldPremium), numeric: true },
        { header: t('product_pages.impact.new'), cell: (policy) => money(policy.newPremium), numeric: true },
        { header: t('product_pages.impact.change'), cell: (policy) => money(policy.change), numeric: true },
        { header: t('product_pages.impact.percent'), cell: (policy) => formatPercent(locale, percentText(policy.percentChange)), numeric: true },
      ]}
      rows={policies}
      rowKey={(policy) => policy.policyId}
      empty={t('product_pages.impact.empty')}
    />
  );
}
