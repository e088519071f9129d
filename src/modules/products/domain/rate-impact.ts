import { Decimal } from 'decimal.js';
import { type Currency, Money } from '../../../platform/money.ts';

/**
 * The rate-table impact test (issue #3: "before activating a new rate table, re-rate a sample of
 * in-force policies under old and new tables and show the distribution of premium change (a chart)
 * and the total effect"). Pure aggregation: the caller re-rates each sampled policy twice, with the
 * tables in force and with the candidate table in place of its namesake, and passes the two premiums.
 *
 * How the numbers are made (written down so the chart and the totals can be checked by hand):
 *  - a policy's change is new − old, exact (both premiums are already whole cents);
 *  - the total change is Σ changes, which equals total new − total old exactly (no rounding anywhere);
 *  - its percent change is change / old × 100, exact; shown rounded half-up to 2 decimals;
 *  - buckets go by that exact percent: "unchanged" (exactly 0), then by size on each side with the
 *    fixed edges 5, 10 and 20: a change of exactly +5 % is in "up to +5 %", +5.01 % in "+5 % to +10 %";
 *    a premium that was 0 and is no longer has no percent and counts as "+20 % or more" (or "−20 %
 *    or more" would need an old premium below 0, which rating never gives);
 *  - the median is the middle change in order; with an even count the lower of the two middle ones,
 *    so it is always one sampled policy's actual change, in whole cents.
 */
/** How many policies an impact test re-rates: 500 unless asked, at most 10,000 (one request's work). */
export const IMPACT_SAMPLE = { default: 500, max: 10_000 } as const;

export type Rerated = { policyId: string; policyNumber: string; oldPremium: Money; newPremium: Money };

export type BucketId = 'down_20_plus' | 'down_10_20' | 'down_5_10' | 'down_0_5' | 'unchanged' | 'up_0_5' | 'up_5_10' | 'up_10_20' | 'up_20_plus';

/** Lower and upper bound of the percent change, as text; null is unbounded. `unchanged` is exactly 0. */
export type Bucket = { id: BucketId; from: string | null; to: string | null; count: number };

/** The fixed edges, in percent, on each side of zero. */
export const BUCKET_EDGES = ['5', '10', '20'] as const;

export const BUCKET_IDS: readonly BucketId[] = [
  'down_20_plus',
  'down_10_20',
  'down_5_10',
  'down_0_5',
  'unchanged',
  'up_0_5',
  'up_5_10',
  'up_10_20',
  'up_20_plus',
];

const BOUNDS: Record<BucketId, { from: string | null; to: string | null }> = {
  down_20_plus: { from: null, to: '-20' },
  down_10_20: { from: '-20', to: '-10' },
  down_5_10: { from: '-10', to: '-5' },
  down_0_5: { from: '-5', to: '0' },
  unchanged: { from: '0', to: '0' },
  up_0_5: { from: '0', to: '5' },
  up_5_10: { from: '5', to: '10' },
  up_10_20: { from: '10', to: '20' },
  up_20_plus: { from: '20', to: null },
};

export type PolicyImpact = Rerated & {
  change: Money;
  /** change / old × 100, exact; null when the old premium was 0. */
  percentChange: Decimal | null;
  bucket: BucketId;
};

export type ImpactSummary = {
  currency: Currency;
  count: number;
  policies: PolicyImpact[];
  buckets: Bucket[];
  totalOld: Money;
  totalNew: Money;
  totalChange: Money;
  /** totalChange / totalOld × 100, exact; null when totalOld is 0. */
  totalPercentChange: Decimal | null;
  /** Null when the sample is empty. */
  minChange: Money | null;
  maxChange: Money | null;
  medianChange: Money | null;
};

export function percentChange(oldPremium: Money, change: Money): Decimal | null {
  if (oldPremium.isZero()) return null;
  return change.amount.dividedBy(oldPremium.amount).times(100);
}

export function bucketOf(change: Money, percent: Decimal | null): BucketId {
  if (change.isZero()) return 'unchanged';
  const up = change.isPositive();
  // From nothing to something (no percent): more than any edge.
  const size = percent?.abs() ?? null;
  const [five, ten, twenty] = BUCKET_EDGES;
  if (size === null || size.greaterThan(twenty)) return up ? 'up_20_plus' : 'down_20_plus';
  if (size.greaterThan(ten)) return up ? 'up_10_20' : 'down_10_20';
  if (size.greaterThan(five)) return up ? 'up_5_10' : 'down_5_10';
  return up ? 'up_0_5' : 'down_0_5';
}

export function summarizeImpact(rerated: readonly Rerated[], currency: Currency): ImpactSummary {
  const policies: PolicyImpact[] = rerated.map((policy) => {
    const change = policy.newPremium.minus(policy.oldPremium);
    const percent = percentChange(policy.oldPremium, change);
    return { ...policy, change, percentChange: percent, bucket: bucketOf(change, percent) };
  });
  const counts = new Map<BucketId, number>(BUCKET_IDS.map((id) => [id, 0]));
  for (const policy of policies) counts.set(policy.bucket, (counts.get(policy.bucket) ?? 0) + 1);
  const totalOld = Money.sum(
    policies.map((policy) => policy.oldPremium),
    currency,
  );
  const totalNew = Money.sum(
    policies.map((policy) => policy.newPremium),
    currency,
  );
  const totalChange = Money.sum(
    policies.map((policy) => policy.change),
    currency,
  );
  const sorted = policies.map((policy) => policy.change).sort((a, b) => a.compare(b));
  return {
    currency,
    count: policies.length,
    policies,
    buckets: BUCKET_IDS.map((id) => ({ id, ...BOUNDS[id], count: counts.get(id) ?? 0 })),
    totalOld,
    totalNew,
    totalChange,
    totalPercentChange: percentChange(totalOld, totalChange),
    minChange: sorted[0] ?? null,
    maxChange: sorted.at(-1) ?? null,
    // Lower middle: index (n − 1) / 2 rounded down.
    medianChange: sorted[Math.floor((sorted.length - 1) / 2)] ?? null,
  };
}

/** A percent for display and the API: half-up to 2 decimals, "9.99". */
export function percentText(percent: Decimal | null): string | null {
  return percent === null ? null : percent.toFixed(2, Decimal.ROUND_HALF_UP);
}
