import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { CURRENCIES, type Money } from '../../../platform/money.ts';
import { IMPACT_SAMPLE, percentText } from '../../products/index.ts';
import { type RateTableImpact, rateTableImpact } from '../use-cases/rate-table-impact.ts';

/** The impact test of a draft rate table (issue #3), registered from api-routes.ts. */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const percent = z.string().describe('Percent, half-up to 2 decimals, e.g. "9.99"');

const impactParams = z.object({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/), id: z.uuid() }).strict();

export const impactQuery = z
  .object({
    sample: z.coerce
      .number()
      .int()
      .min(1)
      .max(IMPACT_SAMPLE.max)
      .optional()
      .describe(`How many in-force policies to re-rate (default ${IMPACT_SAMPLE.default}); all of them when there are fewer`),
  })
  .strict();

const impactSchema = z.object({
  table: z.object({ id: z.uuid(), product: z.string(), name: z.string(), version: z.number().int(), status: z.enum(['draft', 'active']) }),
  ratingDate: isoDate.describe('Both ratings use the product version and the tables in force on this day'),
  replaces: z.object({ version: z.number().int(), effectiveFrom: isoDate }).nullable().describe('The version of the same table in force on the rating date'),
  population: z.number().int().describe('In-force policies of the product'),
  sampleSize: z.number().int().describe('As asked; the sample is the whole population when that is smaller'),
  count: z.number().int().describe('Policies re-rated under both tables'),
  totals: z.object({ old: money, new: money, change: money, percentChange: percent.nullable() }),
  change: z.object({ min: money.nullable(), median: money.nullable().describe('The lower middle change'), max: money.nullable() }),
  buckets: z
    .array(
      z.object({
        id: z.string(),
        from: z.string().nullable().describe('Percent change, lower bound; null is unbounded'),
        to: z.string().nullable().describe('Percent change, upper bound (included); null is unbounded'),
        count: z.number().int(),
      }),
    )
    .describe('Distribution of the percent change over fixed buckets; the counts add up to `count`'),
  policies: z.array(
    z.object({ policyId: z.uuid(), policyNumber: z.string(), oldPremium: money, newPremium: money, change: money, percentChange: percent.nullable() }),
  ),
  notRated: z.array(z.object({ policyId: z.uuid(), policyNumber: z.string(), problems: z.array(z.string()) })),
});

const json = (value: Money | null) => (value === null ? null : value.toJSON());

export function impactToJson(impact: RateTableImpact): z.infer<typeof impactSchema> {
  const { summary, table } = impact;
  return {
    table: { id: table.id, product: table.productCode, name: table.name, version: table.version, status: table.status },
    ratingDate: impact.ratingDate,
    replaces: impact.replaces,
    population: impact.population,
    sampleSize: impact.sampleSize,
    count: summary.count,
    totals: {
      old: summary.totalOld.toJSON(),
      new: summary.totalNew.toJSON(),
      change: summary.totalChange.toJSON(),
      percentChange: percentText(summary.totalPercentChange),
    },
    change: { min: json(summary.minChange), median: json(summary.medianChange), max: json(summary.maxChange) },
    buckets: summary.buckets,
    policies: summary.policies.map((policy) => ({
      policyId: policy.policyId,
      policyNumber: policy.policyNumber,
      oldPremium: policy.oldPremium.toJSON(),
      newPremium: policy.newPremium.toJSON(),
      change: policy.change.toJSON(),
      percentChange: percentText(policy.percentChange),
    })),
    notRated: impact.notRated,
  };
}

export function registerRateImpactRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }): void {
  app.get(
    '/api/v1/products/:code/rate-tables/:id/impact',
    {
      schema: {
        ...tags,
        summary: 'Impact test of a draft rate table: a sample of in-force policies re-rated under the tables in force and with the draft (staff)',
        description:
          'Deterministic sample (the same policies give the same sample). Only a draft of this product can be tested: another product’s table is 404, an active one 409 `rate_table_not_draft`.',
        params: impactParams,
        querystring: impactQuery,
        response: { 200: impactSchema, ...problemResponses },
      },
    },
    async (request) =>
      impactToJson(
        await rateTableImpact(
          deps,
          request.actor,
          { productCode: request.params.code, rateTableId: request.params.id, sample: request.query.sample },
          originOf(request),
        ),
      ),
  );
}
