import { type Currency, Money } from '../../../platform/money.ts';
import { normalizeAmount, type ProductDefinition } from './product-definition.ts';
import { type ItemRating, type PolicyFactor, type RatingItem, rateItem } from './rate-item.ts';
import { DEFAULT_TERRITORY_KEY, type LoadedRateTable, MINIMUM_PREMIUM_KEY, RATE_TABLE_NAMES, type RateTableName, SAFE_KEY } from './rate-tables.ts';
import type { ItemWorksheet, RatingProblem, RatingResult, TableSource } from './rating-worksheet.ts';

/**
 * Rates a whole request (issue #3, demo jewelry rating): each item as in rate-item.ts, the item
 * premiums (each already rounded half-up to cents) added up, and the total raised to the policy
 * minimum premium when it is below it. Every expected failure (unknown category, deductible not
 * offered, absurd amount, a table missing on the rating date) is a returned problem, all of them
 * at once, never an exception (DESIGN §6).
 */
export type RatingRequest = {
  /** 'YYYY-MM-DD': the tables passed in are the ones in force on this day. */
  ratingDate: string;
  state: string;
  deductible: Money;
  items: readonly RatingItem[];
};

export type RatingProduct = { code: string; version: number; currency: Currency; definition: ProductDefinition };

export function ratePolicy(request: RatingRequest, product: RatingProduct, tables: readonly LoadedRateTable[]): RatingResult {
  const { definition, currency } = product;
  const problems: RatingProblem[] = [];
  if (request.items.length === 0) problems.push({ code: 'no_items', field: 'items' });
  const byName = new Map(tables.map((table) => [table.name, table]));
  const missing = RATE_TABLE_NAMES.filter((name) => !byName.has(name));
  for (const name of missing) problems.push({ code: 'table_missing', field: null, value: name });
  if (!definition.jurisdictions.includes(request.state)) problems.push({ code: 'state_not_offered', field: 'state', value: request.state });
  const deductibleKey = normalizeAmount(request.deductible.amount.toFixed());
  const offered = definition.deductibleOptions.map((option) => normalizeAmount(option));
  if (deductibleKey === null || !offered.includes(deductibleKey))
    problems.push({ code: 'deductible_not_offered', field: 'deductible', value: request.deductible.amount.toFixed() });
  if (problems.length > 0 || missing.length > 0 || deductibleKey === null) return { ok: false, problems };

  const table = (name: RateTableName) => byName.get(name) as LoadedRateTable;
  const territory = pick(table('territory_factor'), 'territory_factor', request.state, DEFAULT_TERRITORY_KEY);
  const deductible = pick(table('deductible_factor'), 'deductible_factor', deductibleKey);
  const safe = pick(table('safe_factor'), 'safe_factor', SAFE_KEY);
  const minimumTable = table('minimum_premium');
  const minimumValue = minimumTable.rows.get(MINIMUM_PREMIUM_KEY);
  for (const [factor, field] of [
    [territory, 'state'],
    [deductible, 'deductible'],
    [safe, null],
  ] as const)
    if ('missing' in factor) problems.push({ code: 'rate_missing', field, value: factor.missing });
  if (minimumValue === undefined) problems.push({ code: 'rate_missing', field: null, value: `minimum_premium:${MINIMUM_PREMIUM_KEY}` });

  const context =
    'missing' in territory || 'missing' in deductible || 'missing' in safe
      ? null
      : {
          categoryRates: table('category_rate'),
          categories: new Set(definition.itemCategories.map((category) => category.code)),
          territory,
          deductible,
          safe,
          maxItemCoverage: Money.of(definition.maxItemCoverage, currency),
        };
  const items: ItemWorksheet[] = [];
  for (const [index, input] of request.items.entries()) {
    if (!context) break;
    const rated: ItemRating = rateItem(input, index + 1, context);
    if (rated.ok) items.push(rated.item);
    else problems.push(...rated.problems);
  }
  if (problems.length > 0 || minimumValue === undefined) return { ok: false, problems };

  const itemsTotal = Money.sum(
    items.map((item) => item.premium),
    currency,
  );
  const minimum = Money.of(minimumValue, currency);
  const sources: TableSource[] = RATE_TABLE_NAMES.map((name) => source(table(name)));
  return {
    ok: true,
    worksheet: {
      product: { code: product.code, version: product.version },
      ratingDate: request.ratingDate,
      currency,
      state: request.state,
      deductible: request.deductible,
      tables: sources,
      items,
      itemsTotal,
      minimumPremium: { ...source(minimumTable), amount: minimum },
      // Issue #3: "policy minimum $25" — the total is raised to it, item premiums stay as rated.
      minimumApplied: itemsTotal.compare(minimum) < 0,
      total: itemsTotal.max(minimum),
    },
  };
}

function source(table: LoadedRateTable): TableSource {
  return { table: table.name, version: table.version, effectiveFrom: table.effectiveFrom };
}

/** The row for `key`, else the fallback row (the territory table's default), else what is missing. */
function pick(table: LoadedRateTable, factor: PolicyFactor['factor'], key: string, fallback?: string): PolicyFactor | { missing: string } {
  const usedKey = table.rows.has(key) ? key : fallback !== undefined && table.rows.has(fallback) ? fallback : null;
  if (usedKey === null) return { missing: `${table.name}:${key}` };
  return { factor, ...source(table), key: usedKey, value: table.rows.get(usedKey) as string };
}
