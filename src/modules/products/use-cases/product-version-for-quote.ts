import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Currency } from '../../../platform/money.ts';
import type { ProductDefinition } from '../domain/product-definition.ts';
import { productErrors } from '../errors.ts';
import { findProductByCode, findVersionInForce } from '../products-repository.ts';
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
 * underwriting rules. A pure read, like rateQuote.
 */
export async function productVersionForQuote(deps: Deps, actor: Actor, productCode: string, date: string): Promise<ProductVersionForQuote> {
  requireSignedIn(actor);
  const product = await findProductByCode(deps.db, productCode);
  if (!product) throw problems.notFound();
  const version = await findVersionInForce(deps.db, product.id, date);
  if (!version) throw productErrors.noVersionInForce(date);
  return { productVersionId: version.id, code: product.code, version: version.version, currency: product.currency, definition: version.definition };
}
