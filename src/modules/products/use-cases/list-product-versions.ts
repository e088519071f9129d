import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findProductByCode, listProductVersions as listVersionRows, type ProductVersionSummary } from '../products-repository.ts';

/**
 * Every version of a product, drafts and retired ones included, with its liberalization flag
 * (JPF-COND-3: a broadening revision and the day it was adopted), for staff.
 */
export async function listProductVersions(deps: Deps, actor: Actor, productCode: string): Promise<ProductVersionSummary[]> {
  requirePermission(actor, 'products:read');
  const product = await findProductByCode(deps.db, productCode);
  if (!product) throw problems.notFound();
  return listVersionRows(deps.db, product.id);
}
