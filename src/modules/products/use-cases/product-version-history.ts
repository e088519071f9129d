import type { Deps } from '../../../platform/deps.ts';
import type { ProductDefinition } from '../domain/product-definition.ts';
import { findVersionDefinition, findVersionRecord, listVersionRecords, type ProductVersionRecord } from '../product-versions-repository.ts';

export type ProductVersionHistory = {
  /** The version a policy was sold under. */
  sold: ProductVersionRecord;
  /** Every version of the same product that is not a draft, newest first (the sold one included). */
  versions: ProductVersionRecord[];
};

/**
 * For the policies module, which decides which version governs a policy (JPF-COND-3): the version a
 * policy was sold under and every published version of its product. The caller has already checked
 * that the reader may see the policy; product versions themselves are not personal or secret.
 */
export async function productVersionHistory(deps: Pick<Deps, 'db'>, productVersionId: string): Promise<ProductVersionHistory> {
  const sold = await findVersionRecord(deps.db, productVersionId);
  if (!sold) throw new Error(`product_version ${productVersionId} does not exist`);
  const versions = await listVersionRecords(deps.db, sold.productId);
  return { sold, versions: versions.filter((version) => version.status !== 'draft') };
}

/** One version's definition (coverages, categories, rules), e.g. of the version that governs a policy. */
export async function productVersionDefinition(deps: Pick<Deps, 'db'>, productVersionId: string): Promise<ProductDefinition> {
  const definition = await findVersionDefinition(deps.db, productVersionId);
  if (!definition) throw new Error(`product_version ${productVersionId} does not exist`);
  return definition;
}
