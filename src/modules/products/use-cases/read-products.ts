import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { productErrors } from '../errors.ts';
import { findProductByCode, findVersionInForce, listProducts as listProductRows, type Product, type ProductVersion } from '../products-repository.ts';
import { requireSignedIn, todayFor } from './common.ts';

export type ProductSummary = Omit<Product, 'id'> & { currentVersion: { version: number; effectiveFrom: string } | null };
export type ProductDetail = Omit<Product, 'id'> & { asOf: string; version: Omit<ProductVersion, 'id'> };

/** The products on sale, each with the version in force today. Open to anyone logged in. */
export async function listProducts(deps: Deps, actor: Actor): Promise<ProductSummary[]> {
  requireSignedIn(actor);
  const today = todayFor(deps);
  const products = await listProductRows(deps.db);
  return Promise.all(
    products.map(async ({ id, ...product }) => {
      const version = await findVersionInForce(deps.db, id, today);
      return { ...product, currentVersion: version ? { version: version.version, effectiveFrom: version.effectiveFrom } : null };
    }),
  );
}

/** One product with the version in force on `asOf` (default today): categories, deductibles, rules. */
export async function getProduct(deps: Deps, actor: Actor, code: string, asOf?: string): Promise<ProductDetail> {
  requireSignedIn(actor);
  const date = asOf ?? todayFor(deps);
  const product = await findProductByCode(deps.db, code);
  if (!product) throw problems.notFound();
  const version = await findVersionInForce(deps.db, product.id, date);
  if (!version) throw productErrors.noVersionInForce(date);
  const { id: _productId, ...rest } = product;
  const { id: _versionId, ...versionData } = version;
  return { ...rest, asOf: date, version: versionData };
}
