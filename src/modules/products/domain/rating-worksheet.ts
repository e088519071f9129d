import type { Currency, Money } from '../../../platform/money.ts';
import type { RateTableName } from './rate-tables.ts';

/**
 * The rating worksheet (issue #3: "each factor, the table and version it came from, each
 * intermediate amount"; DESIGN §4 "quote … with a rating worksheet"). Amounts inside a step are
 * kept exact; only the item premium is rounded (half-up to cents), then items are summed and the
 * policy minimum applied.
 */
export type TableSource = { table: RateTableName; version: number; effectiveFrom: string };

/** One factor as used: which row of which table version, and the amount after multiplying by it. */
export type FactorStep = TableSource & {
  factor: 'category_rate' | 'territory_factor' | 'deductible_factor' | 'safe_factor';
  /** The row used; for a state without its own row, the territory table's `default` row. */
  key: string;
  /** The value as the table holds it, e.g. "1.10". */
  value: string;
  /** Exact, not rounded. */
  amountAfter: Money;
};

export type ItemWorksheet = {
  /** 1-based position in the request. */
  line: number;
  category: string;
  coverageAmount: Money;
  keptInSafe: boolean;
  /** coverage amount / 100: the premium is a rate per 100 of coverage. */
  base: Money;
  steps: FactorStep[];
  /** The exact product of base and factors. */
  exactPremium: Money;
  /** Half-up to cents. */
  premium: Money;
};

export type RatingWorksheet = {
  product: { code: string; version: number };
  /** 'YYYY-MM-DD': the day whose tables were used. */
  ratingDate: string;
  currency: Currency;
  state: string;
  deductible: Money;
  /** Every table version read, including the minimum premium table. */
  tables: TableSource[];
  items: ItemWorksheet[];
  itemsTotal: Money;
  minimumPremium: TableSource & { amount: Money };
  minimumApplied: boolean;
  total: Money;
};

export type RatingProblemCode =
  | 'no_items'
  | 'state_not_offered'
  | 'deductible_not_offered'
  | 'unknown_category'
  | 'coverage_not_positive'
  | 'coverage_not_whole_cents'
  | 'coverage_too_large'
  | 'table_missing'
  | 'rate_missing';

/** Why a request cannot be rated; `item` is the 1-based line, `field` the input it is about. */
export type RatingProblem = {
  code: RatingProblemCode;
  field: 'items' | 'state' | 'deductible' | 'category' | 'coverageAmount' | null;
  item?: number;
  /** What was asked for (a category, a state, a table name), or the limit that was passed. */
  value?: string;
  limit?: string;
};

export type RatingResult = { ok: true; worksheet: RatingWorksheet } | { ok: false; problems: RatingProblem[] };

type MoneyJson = { amount: string; currency: Currency };
const exact = (money: Money): MoneyJson => ({ amount: money.amount.toFixed(), currency: money.currency });

/**
 * The worksheet as JSON, for the API and for storing with a quote: money as decimal strings with
 * the currency (DESIGN §6). Exact intermediate amounts keep all their digits ("50.4735"); rounded
 * amounts have cents ("50.47").
 */
export function worksheetToJson(worksheet: RatingWorksheet) {
  const source = ({ table, version, effectiveFrom }: TableSource) => ({ table, version, effectiveFrom });
  return {
    product: worksheet.product,
    ratingDate: worksheet.ratingDate,
    currency: worksheet.currency,
    state: worksheet.state,
    deductible: worksheet.deductible.toJSON(),
    tables: worksheet.tables.map(source),
    items: worksheet.items.map((item) => ({
      line: item.line,
      category: item.category,
      coverageAmount: item.coverageAmount.toJSON(),
      keptInSafe: item.keptInSafe,
      base: exact(item.base),
      steps: item.steps.map((step) => ({ factor: step.factor, ...source(step), key: step.key, value: step.value, amountAfter: exact(step.amountAfter) })),
      exactPremium: exact(item.exactPremium),
      premium: item.premium.toJSON(),
    })),
    itemsTotal: worksheet.itemsTotal.toJSON(),
    minimumPremium: { ...source(worksheet.minimumPremium), amount: worksheet.minimumPremium.amount.toJSON() },
    minimumApplied: worksheet.minimumApplied,
    total: worksheet.total.toJSON(),
  };
}

export type RatingWorksheetJson = ReturnType<typeof worksheetToJson>;
