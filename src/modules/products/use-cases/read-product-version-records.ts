import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { listVersionRecords, type ProductVersionRecord } from '../product-versions-repository.ts';
import { findProductByCode } from '../products-repository.ts';

/**
 * Every version of a product with its id, newest first, drafts and retired ones included, with the
 * liberalization flag and adoption day (JPF-COND-3), for staff and the API.
 */
export async function listProductVersionRecords(deps: Deps, actor: Actor, productCode: string): Promise<ProductVersionRecord[]> {
  requirePermission(actor, 'products:read');
  const product = await findProductByCode(deps.db, productCode);
  if (!product) throw problems.notFound();
  return listVersionRecords(deps.db, product.id);
}
