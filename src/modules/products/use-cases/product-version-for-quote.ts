import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Currency } from '../../../platform/money.ts';
import type { ProductDefinition } from '../domain/product-definition.ts';
import { productErrors } from '../errors.ts';
import { ratingBasisFor } from '../product-cache.ts';
import { requireSignedIn } from './common.ts';

export type ProductVersionForQuote = {
  productVersionId: string;
  code: string;
  version: number;
  currency: Currency;
  definition: ProductDefinition;
};

/**
 * The product version in force on a date, with its id: the policies module stores the id with each
 * application and policy ("a policy keeps the version it was sold under") and reads the version's
 * underwriting rules. A pure read, like rateQuote, served from the product cache for a few seconds
 * (product-cache.ts, docs/decisions/0010-product-cache.md): a quote then rates from the same entry.
 */
export async function productVersionForQuote(deps: Deps, actor: Actor, productCode: string, date: string): Promise<ProductVersionForQuote> {
  requireSignedIn(actor);
  const basis = await ratingBasisFor(deps, productCode, date);
  if (!basis.product) throw problems.notFound();
  if (!basis.found) throw productErrors.noVersionInForce(date);
  const { product, version } = basis;
  return { productVersionId: version.id, code: product.code, version: version.version, currency: product.currency, definition: version.definition };
}
