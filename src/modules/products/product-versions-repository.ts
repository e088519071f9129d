import type { Db } from '../../platform/db/database.ts';
import type { ProductVersionStatus } from '../../platform/db/schema.ts';
import { type ProductDefinition, parseProductDefinition } from './domain/product-definition.ts';

/**
 * SQL of product versions as records with their ids (publishing, the API's list, and which version
 * governs a policy, JPF-COND-3). Dates are 'YYYY-MM-DD' strings.
 */
export type ProductVersionRecord = {
  id: string;
  productId: string;
  version: number;
  effectiveFrom: string;
  status: ProductVersionStatus;
  broadening: boolean;
  adoptedOn: string | null;
  createdAt: string;
};

const COLUMNS = ['id', 'product_id', 'version', 'effective_from', 'status', 'broadening', 'adopted_on', 'created_at'] as const;

type Row = {
  id: string;
  product_id: string;
  version: number;
  effective_from: string;
  status: ProductVersionStatus;
  broadening: boolean;
  adopted_on: string | null;
  created_at: string;
};

function toRecord(row: Row): ProductVersionRecord {
  return {
    id: row.id,
    productId: row.product_id,
    version: row.version,
    effectiveFrom: row.effective_from,
    status: row.status,
    broadening: row.broadening,
    adoptedOn: row.adopted_on,
    createdAt: row.created_at,
  };
}

/** Every version of a product, newest first. */
export async function listVersionRecords(db: Db, productId: string): Promise<ProductVersionRecord[]> {
  const rows = await db.selectFrom('product_version').select(COLUMNS).where('product_id', '=', productId).orderBy('version', 'desc').execute();
  return rows.map(toRecord);
}

export async function findVersionRecord(db: Db, id: string): Promise<ProductVersionRecord | null> {
  const row = await db.selectFrom('product_version').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The version's definition, checked as every read of a definition is. */
export async function findVersionDefinition(db: Db, id: string): Promise<ProductDefinition | null> {
  const row = await db.selectFrom('product_version').select('definition').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const parsed = parseProductDefinition(row.definition);
  // Definitions are written by Bezel after the same check; one that fails was edited by hand.
  if (!parsed.ok) throw new Error(`product_version ${id} has an invalid definition: ${parsed.problems.join('; ')}`);
  return parsed.definition;
}
