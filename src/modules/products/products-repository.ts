import type { Db } from '../../platform/db/database.ts';
import type { ProductVersionStatus, RateTableStatus } from '../../platform/db/schema.ts';
import type { Currency } from '../../platform/money.ts';
import { type ProductDefinition, parseProductDefinition } from './domain/product-definition.ts';
import { isRateTableName, type LoadedRateTable, type RateRow, type RateTableName } from './domain/rate-tables.ts';

/** SQL only; returns the products module's own types. Dates are 'YYYY-MM-DD' strings. */
export type Product = { id: string; code: string; name: string; currency: Currency; country: string };

export type ProductVersion = {
  id: string;
  version: number;
  effectiveFrom: string;
  status: ProductVersionStatus;
  broadening: boolean;
  adoptedOn: string | null;
  definition: ProductDefinition;
};

export type RateTableSummary = {
  id: string;
  productId: string;
  productCode: string;
  name: RateTableName;
  version: number;
  status: RateTableStatus;
  effectiveFrom: string | null;
  rowCount: number;
  uploadedBy: string;
  createdAt: string;
  activatedAt: string | null;
};

export async function findProductByCode(db: Db, code: string): Promise<Product | null> {
  const row = await db.selectFrom('product').select(['id', 'code', 'name', 'currency', 'country']).where('code', '=', code).executeTakeFirst();
  return row ?? null;
}

export async function listProducts(db: Db): Promise<Product[]> {
  return db.selectFrom('product').select(['id', 'code', 'name', 'currency', 'country']).orderBy('code').execute();
}

/** Takes the product row's lock: version numbers of its tables are handed out one at a time. */
export async function lockProduct(db: Db, productId: string): Promise<void> {
  await db.selectFrom('product').select('id').where('id', '=', productId).forUpdate().execute();
}

/** The active version with the latest effective date on or before `date`. */
export async function findVersionInForce(db: Db, productId: string, date: string): Promise<ProductVersion | null> {
  const row = await db
    .selectFrom('product_version')
    .select(['id', 'version', 'effective_from', 'status', 'broadening', 'adopted_on', 'definition'])
    .where('product_id', '=', productId)
    .where('status', '=', 'active')
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = parseProductDefinition(row.definition);
  // Definitions are written by Bezel after the same check; one that fails was edited by hand.
  if (!parsed.ok) throw new Error(`product_version ${row.id} has an invalid definition: ${parsed.problems.join('; ')}`);
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effective_from,
    status: row.status,
    broadening: row.broadening,
    adoptedOn: row.adopted_on,
    definition: parsed.definition,
  };
}

/** For each table name, the active version in force on `date`: latest effective date, then latest version. */
export async function findTablesInForce(db: Db, productId: string, date: string): Promise<LoadedRateTable[]> {
  const tables = await db
    .selectFrom('rate_table')
    .distinctOn('name')
    .select(['id', 'name', 'version', 'effective_from'])
    .where('product_id', '=', productId)
    .where('status', '=', 'active')
    .where('effective_from', '<=', date)
    .orderBy('name')
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .execute();
  if (tables.length === 0) return [];
  const rows = await db
    .selectFrom('rate_table_row')
    .select(['rate_table_id', 'key', 'value'])
    .where(
      'rate_table_id',
      'in',
      tables.map((table) => table.id),
    )
    .execute();
  return tables.flatMap((table) =>
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
  );
}

export async function insertProduct(db: Db, product: Product, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto('product')
    .values({ ...product, created_at: now })
    .onConflict((conflict) => conflict.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertProductVersion(db: Db, productId: string, version: Omit<ProductVersion, 'status'> & { status: ProductVersionStatus }, now: string) {
  await db
    .insertInto('product_version')
    .values({
      id: version.id,
      product_id: productId,
      version: version.version,
      effective_from: version.effectiveFrom,
      status: version.status,
      broadening: version.broadening,
      adopted_on: version.adoptedOn,
      definition: version.definition,
      created_at: now,
    })
    .execute();
}

export async function nextRateTableVersion(db: Db, productId: string, name: RateTableName): Promise<number> {
  const row = await db
    .selectFrom('rate_table')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('product_id', '=', productId)
    .where('name', '=', name)
    .executeTakeFirst();
  return (row?.latest ?? 0) + 1;
}

export type NewRateTable = {
  id: string;
  productId: string;
  name: RateTableName;
  version: number;
  sourceSha256: string;
  uploadedBy: string;
  /** Seeded tables are active from the start; uploads are drafts. */
  activation: { effectiveFrom: string; by: string } | null;
};

export async function insertRateTable(db: Db, table: NewRateTable, rows: readonly RateRow[], now: string): Promise<void> {
  await db
    .insertInto('rate_table')
    .values({
      id: table.id,
      product_id: table.productId,
      name: table.name,
      version: table.version,
      status: table.activation ? 'active' : 'draft',
      effective_from: table.activation?.effectiveFrom ?? null,
      uploaded_by: table.uploadedBy,
      source_sha256: table.sourceSha256,
      created_at: now,
      activated_by: table.activation?.by ?? null,
      activated_at: table.activation ? now : null,
    })
    .execute();
  // One statement for all rows (at most MAX_RATE_ROWS × 3 parameters): all or nothing with the table.
  await db
    .insertInto('rate_table_row')
    .values(rows.map((row) => ({ rate_table_id: table.id, key: row.key, value: row.value })))
    .execute();
}

function selectSummaries(db: Db) {
  return db
    .selectFrom('rate_table as t')
    .innerJoin('product as p', 'p.id', 't.product_id')
    .select(['t.id', 't.product_id', 'p.code', 't.name', 't.version', 't.status', 't.effective_from', 't.uploaded_by', 't.created_at', 't.activated_at'])
    .select((eb) => eb.selectFrom('rate_table_row as r').select(eb.fn.countAll<string>().as('n')).whereRef('r.rate_table_id', '=', 't.id').as('row_count'));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): RateTableSummary {
  if (!isRateTableName(row.name)) throw new Error(`rate_table ${row.id} has an unknown name ${row.name}`);
  return {
    id: row.id,
    productId: row.product_id,
    productCode: row.code,
    name: row.name,
    version: row.version,
    status: row.status,
    effectiveFrom: row.effective_from,
    rowCount: Number(row.row_count ?? 0),
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

export async function findRateTable(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<RateTableSummary | null> {
  if (options.forUpdate) await db.selectFrom('rate_table').select('id').where('id', '=', id).forUpdate().execute();
  const row = await selectSummaries(db).where('t.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

export async function listRateTables(db: Db, productId: string): Promise<RateTableSummary[]> {
  const rows = await selectSummaries(db).where('t.product_id', '=', productId).orderBy('t.name').orderBy('t.version', 'desc').execute();
  return rows.map(toSummary);
}

export async function findRateTableRows(db: Db, id: string): Promise<RateRow[]> {
  return db.selectFrom('rate_table_row').select(['key', 'value']).where('rate_table_id', '=', id).orderBy('key').execute();
}

/** The active version of the same table that already takes effect on that day, if any. */
export async function findActiveTableOn(
  db: Db,
  productId: string,
  name: RateTableName,
  effectiveFrom: string,
): Promise<{ id: string; version: number } | null> {
  const row = await db
    .selectFrom('rate_table')
    .select(['id', 'version'])
    .where('product_id', '=', productId)
    .where('name', '=', name)
    .where('status', '=', 'active')
    .where('effective_from', '=', effectiveFrom)
    .executeTakeFirst();
  return row ?? null;
}

export async function markRateTableActive(db: Db, id: string, effectiveFrom: string, by: string, now: string): Promise<void> {
  await db
    .updateTable('rate_table')
    .set({ status: 'active', effective_from: effectiveFrom, activated_by: by, activated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/** Every version of a product, whatever its status: policies keep the version they were sold under. */
export async function listProductVersionIds(db: Db, productId: string): Promise<string[]> {
  const rows = await db.selectFrom('product_version').select('id').where('product_id', '=', productId).orderBy('version').execute();
  return rows.map((row) => row.id);
}

export type ProductVersionSummary = Omit<ProductVersion, 'id' | 'definition'>;

/** Every version of a product, newest first, without the definitions (the back office's list). */
export async function listProductVersions(db: Db, productId: string): Promise<ProductVersionSummary[]> {
  const rows = await db
    .selectFrom('product_version')
    .select(['version', 'effective_from', 'status', 'broadening', 'adopted_on'])
    .where('product_id', '=', productId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    effectiveFrom: row.effective_from,
    status: row.status,
    broadening: row.broadening,
    adoptedOn: row.adopted_on,
  }));
}
