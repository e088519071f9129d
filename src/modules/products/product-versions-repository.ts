import type { Db } from '../../platform/db/database.ts';
import type { ProductVersionStatus } from '../../platform/db/schema.ts';
import { type ProductDefinition, parseProductDefinition } from './domain/product-definition.ts';
import { isRateTableName, type LoadedRateTable } from './domain/rate-tables.ts';
import { findTablesInForce } from './products-repository.ts';

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

/**
 * The rate table versions that will rate a version effective from `date` (issue #3): for each table the
 * one in force on that day, and every one activated to take effect after it.
 */
export async function findTablesRatingFrom(db: Db, productId: string, date: string): Promise<LoadedRateTable[]> {
  const [inForce, later] = await Promise.all([
    findTablesInForce(db, productId, date),
    db
      .selectFrom('rate_table')
      .select(['id', 'name', 'version', 'effective_from'])
      .where('product_id', '=', productId)
      .where('status', '=', 'active')
      .where('effective_from', '>', date)
      .execute(),
  ]);
  if (later.length === 0) return inForce;
  const rows = await db
    .selectFrom('rate_table_row')
    .select(['rate_table_id', 'key', 'value'])
    .where(
      'rate_table_id',
      'in',
      later.map((table) => table.id),
    )
    .execute();
  return [
    ...inForce,
    ...later.flatMap((table) =>
      isRateTableName(table.name) && table.effective_from !== null
        ? [
            {
              name: table.name,
              version: table.version,
              effectiveFrom: table.effective_from,
              rows: new Map(rows.filter((row) => row.rate_table_id === table.id).map((row) => [row.key, row.value])),
            },
          ]
        : [],
    ),
  ];
}
