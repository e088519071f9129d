import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import {
  IMPACT_SAMPLE,
  type ImpactSummary,
  type RateImpactBasis,
  type RateTableSummary,
  type RatingResult,
  type Rerated,
  rateImpactBasis,
  ratePolicy,
  summarizeImpact,
} from '../../products/index.ts';
import { type CurrentItem, findCurrentItems, type SampledPolicy, sampleInForcePolicies } from '../rate-impact-repository.ts';

/**
 * The impact test of a draft rate table (issue #3: "before activating a new rate table, re-rate a
 * sample of in-force policies under old and new tables and show the distribution of premium change
 * and the total effect"). Each sampled policy's current schedule (items not removed) is rated twice
 * with the products module's own rating (ratePolicy), once with the tables in force today and once
 * with the draft in place of its namesake, on the same day and product version, so the difference
 * is the table's alone. A policy that cannot be rated under either (a category the draft has no
 * rate for, a schedule with every item removed) is listed apart with the reason, not counted.
 * A pure read of premiums, in one transaction for one consistent snapshot; the look is audited, as
 * every staff read across policies is (PRV-DISC-2).
 */
export type NotRated = { policyId: string; policyNumber: string; problems: string[] };

export type RateTableImpact = {
  table: RateTableSummary;
  ratingDate: string;
  replaces: RateImpactBasis['replaces'];
  /** In-force policies of the product; the sample is all of them when there are fewer than asked. */
  population: number;
  sampleSize: number;
  summary: ImpactSummary;
  notRated: NotRated[];
};

export async function rateTableImpact(
  deps: Deps,
  actor: Actor,
  input: { productCode: string; rateTableId: string; sample?: number | undefined },
  origin: RequestOrigin,
): Promise<RateTableImpact> {
  requirePermission(actor, 'policies:read_all');
  const sampleSize = input.sample ?? IMPACT_SAMPLE.default;
  if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > IMPACT_SAMPLE.max)
    throw problems.validation([
      { field: 'querystring.sample', code: 'out_of_range', messageKey: 'rate_impact.sample_out_of_range', params: { max: IMPACT_SAMPLE.max } },
    ]);
  return inTransaction(deps.db, async (trx) => {
    const basis = await rateImpactBasis({ ...deps, db: trx }, actor, input.productCode, input.rateTableId);
    const { population, policies } = await sampleInForcePolicies(trx, basis.productVersionIds, sampleSize);
    const items = await findCurrentItems(
      trx,
      policies.map((policy) => policy.id),
    );
    const itemsByPolicy = new Map<string, CurrentItem[]>();
    for (const item of items) {
      const list = itemsByPolicy.get(item.policyId);
      if (list) list.push(item);
      else itemsByPolicy.set(item.policyId, [item]);
    }
    const rerated: Rerated[] = [];
    const notRated: NotRated[] = [];
    for (const policy of policies) {
      const outcome = reratePolicy(basis, policy, itemsByPolicy.get(policy.id) ?? []);
      if ('problems' in outcome) notRated.push(outcome);
      else rerated.push(outcome);
    }
    const summary = summarizeImpact(rerated, basis.product.currency);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'rate_table.impact_tested',
        subject: { type: 'rate_table', id: basis.table.id },
        details: {
          product: basis.table.productCode,
          name: basis.table.name,
          version: basis.table.version,
          ratingDate: basis.ratingDate,
          sampleSize,
          rated: summary.count,
          notRated: notRated.length,
          totalChange: summary.totalChange.toFixed(),
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { table: basis.table, ratingDate: basis.ratingDate, replaces: basis.replaces, population, sampleSize, summary, notRated };
  });
}

function reratePolicy(basis: RateImpactBasis, policy: SampledPolicy, items: readonly CurrentItem[]): Rerated | NotRated {
  const currency = basis.product.currency;
  const request = {
    ratingDate: basis.ratingDate,
    state: policy.state,
    deductible: Money.of(policy.deductible, currency),
    items: items.map((item) => ({ category: item.category, coverageAmount: Money.of(item.coverageAmount, currency), keptInSafe: item.keptInSafe })),
  };
  const before = ratePolicy(request, basis.product, basis.current);
  const after = ratePolicy(request, basis.product, basis.candidate);
  if (!before.ok || !after.ok) return { policyId: policy.id, policyNumber: policy.policyNumber, problems: problemCodes(before, after) };
  return { policyId: policy.id, policyNumber: policy.policyNumber, oldPremium: before.worksheet.total, newPremium: after.worksheet.total };
}

/** Each distinct problem once, e.g. "rate_missing:category_rate:tiara". */
function problemCodes(...results: RatingResult[]): string[] {
  const codes = results.flatMap((result) => (result.ok ? [] : result.problems.map((problem) => [problem.code, problem.value].filter(Boolean).join(':'))));
  return [...new Set(codes)];
}
