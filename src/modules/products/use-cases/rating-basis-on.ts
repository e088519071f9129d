import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { RatingProduct } from '../domain/rate-policy.ts';
import type { LoadedRateTable } from '../domain/rate-tables.ts';
import { findProductByCode, findTablesInForce, findVersionInForce } from '../products-repository.ts';
import { requireSignedIn } from './common.ts';

/**
 * What rating on a date reads, loaded once so that many policies can be rated in memory with ratePolicy
 * (JPF-COND-7: a renewal is rated "with the rates and forms in effect at each anniversary date"; the renewal
 * job rates a batch of policies with one load per product and anniversary instead of one per policy, as
 * rateQuote does). The product version in force on the date, its id (the renewal term is sold under it) and
 * every rate table in force on the date. Null when the product or a version in force on the date is missing:
 * the caller reports that policy as not renewable rather than failing the batch.
 */
export type RatingBasis = {
  productVersionId: string;
  ratingDate: string;
  product: RatingProduct;
  tables: LoadedRateTable[];
};

export async function ratingBasisOn(deps: Deps, actor: Actor, productCode: string, ratingDate: string): Promise<RatingBasis | null> {
  requireSignedIn(actor);
  const product = await findProductByCode(deps.db, productCode);
  if (!product) return null;
  const [version, tables] = await Promise.all([findVersionInForce(deps.db, product.id, ratingDate), findTablesInForce(deps.db, product.id, ratingDate)]);
  if (!version) return null;
  return {
    productVersionId: version.id,
    ratingDate,
    product: { code: product.code, version: version.version, currency: product.currency, definition: version.definition },
    tables,
  };
}
