import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import { ratePolicy } from '../domain/rate-policy.ts';
import type { RatingWorksheet } from '../domain/rating-worksheet.ts';
import { productErrors } from '../errors.ts';
import { ratingBasisFor } from '../product-cache.ts';
import { requireSignedIn, todayFor } from './common.ts';

export type RateQuoteInput = {
  productCode: string;
  /** 'YYYY-MM-DD'; today in the insurer's time zone when not given. */
  ratingDate?: string | undefined;
  state: string;
  /** Decimal strings in the product's currency. */
  deductible: string;
  items: { category: string; coverageAmount: string; keptInSafe: boolean }[];
};

/**
 * Rates items for a product as of a date (issue #3): the product version and every rate table in
 * force on that date, the rating rules of domain/rate-policy.ts, the worksheet back. A pure read:
 * nothing is stored (a quote that stores its worksheet belongs to the policies module) and nothing
 * is audited. It runs without a transaction: an active table version is never changed and its rows
 * are read by the table's id, so the reads cannot mix two versions of one table. The product,
 * version and tables come from the product cache (product-cache.ts, decision 0010): at most a few
 * seconds old, and never older than an activation or publication made by this process.
 */
export async function rateQuote(deps: Deps, actor: Actor, input: RateQuoteInput): Promise<RatingWorksheet> {
  requireSignedIn(actor);
  const ratingDate = input.ratingDate ?? todayFor(deps);
  const basis = await ratingBasisFor(deps, input.productCode, ratingDate);
  if (!basis.product) throw problems.notFound();
  if (!basis.found) throw productErrors.noVersionInForce(ratingDate);
  const { product, version, tables } = basis;
  const result = ratePolicy(
    {
      ratingDate,
      state: input.state,
      deductible: Money.of(input.deductible, product.currency),
      items: input.items.map((item) => ({
        category: item.category,
        coverageAmount: Money.of(item.coverageAmount, product.currency),
        keptInSafe: item.keptInSafe,
      })),
    },
    { code: product.code, version: version.version, currency: product.currency, definition: version.definition },
    tables,
  );
  if (!result.ok) throw productErrors.notRatable(result.problems, version.definition.deductibleOptions);
  return result.worksheet;
}
