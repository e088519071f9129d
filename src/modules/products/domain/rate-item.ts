import type { Money } from '../../../platform/money.ts';
import type { LoadedRateTable } from './rate-tables.ts';
import type { FactorStep, ItemWorksheet, RatingProblem } from './rating-worksheet.ts';

/**
 * The premium of one scheduled item (issue #3, demo jewelry rating):
 *   coverage amount / 100 × category rate × territory factor × deductible factor
 *   × safe factor (only when the item is kept in a safe when not worn),
 * exact throughout, then rounded half-up to cents once, for the item. The numbers come from the
 * rate tables; this is only the order in which they are applied.
 */
export type RatingItem = { category: string; coverageAmount: Money; keptInSafe: boolean };

/** A factor chosen once for the whole policy (territory, deductible, safe), applied to each item. */
export type PolicyFactor = Omit<FactorStep, 'amountAfter'>;

export type ItemRatingContext = {
  categoryRates: LoadedRateTable;
  categories: ReadonlySet<string>;
  territory: PolicyFactor;
  deductible: PolicyFactor;
  safe: PolicyFactor;
  maxItemCoverage: Money;
};

export type ItemRating = { ok: true; item: ItemWorksheet } | { ok: false; problems: RatingProblem[] };

export function rateItem(input: RatingItem, line: number, context: ItemRatingContext): ItemRating {
  const problems = checkItem(input, line, context);
  const rate = context.categoryRates.rows.get(input.category);
  if (problems.length === 0 && rate === undefined)
    // The product offers the category but the table in force has no row for it: a configuration gap.
    problems.push({ code: 'rate_missing', field: 'category', item: line, value: `${context.categoryRates.name}:${input.category}` });
  if (problems.length > 0 || rate === undefined) return { ok: false, problems };

  const base = input.coverageAmount.dividedBy(100);
  const category: PolicyFactor = {
    factor: 'category_rate',
    table: context.categoryRates.name,
    version: context.categoryRates.version,
    effectiveFrom: context.categoryRates.effectiveFrom,
    key: input.category,
    value: rate,
  };
  const factors = [category, context.territory, context.deductible, ...(input.keptInSafe ? [context.safe] : [])];
  const steps: FactorStep[] = [];
  let amount = base;
  for (const factor of factors) {
    amount = amount.times(factor.value);
    steps.push({ ...factor, amountAfter: amount });
  }
  return {
    ok: true,
    item: {
      line,
      category: input.category,
      coverageAmount: input.coverageAmount,
      keptInSafe: input.keptInSafe,
      base,
      steps,
      exactPremium: amount,
      premium: amount.roundToCents(),
    },
  };
}

function checkItem(input: RatingItem, line: number, context: ItemRatingContext): RatingProblem[] {
  const problems: RatingProblem[] = [];
  if (!context.categories.has(input.category)) problems.push({ code: 'unknown_category', field: 'category', item: line, value: input.category });
  const coverage = input.coverageAmount;
  if (coverage.isNegative() || coverage.isZero())
    problems.push({ code: 'coverage_not_positive', field: 'coverageAmount', item: line, value: coverage.amount.toFixed() });
  else if (coverage.compare(context.maxItemCoverage) > 0)
    problems.push({
      code: 'coverage_too_large',
      field: 'coverageAmount',
      item: line,
      value: coverage.amount.toFixed(),
      limit: context.maxItemCoverage.toFixed(),
    });
  else if (!coverage.roundToCents().equals(coverage))
    problems.push({ code: 'coverage_not_whole_cents', field: 'coverageAmount', item: line, value: coverage.amount.toFixed() });
  return problems;
}
