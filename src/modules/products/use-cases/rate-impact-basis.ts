import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RatingProduct } from '../domain/rate-policy.ts';
import type { LoadedRateTable } from '../domain/rate-tables.ts';
import { productErrors } from '../errors.ts';
import {
  findProductByCode,
  findRateTable,
  findRateTableRows,
  findTablesInForce,
  findVersionInForce,
  listProductVersionIds,
  type RateTableSummary,
} from '../products-repository.ts';
import { todayFor } from './common.ts';

/**
 * What the impact test of a draft rate table (issue #3) rates with: the product version and the
 * tables in force today ("old"), and the same tables with the draft in place of its namesake
 * ("new"). Rating on one day with one product version keeps the comparison to the one thing that
 * changes, the table. The draft has no effective date yet; it is labelled with the rating date.
 * The policies module samples the policies (it owns them) and re-rates them with ratePolicy.
 */
export type RateImpactBasis = {
  table: RateTableSummary;
  /** 'YYYY-MM-DD', today in the insurer's time zone. */
  ratingDate: string;
  product: RatingProduct;
  /** Every version of the product: a policy is of the product when it was sold under one of them. */
  productVersionIds: string[];
  current: LoadedRateTable[];
  candidate: LoadedRateTable[];
  /** The version of the same table in force today, which the draft would replace. */
  replaces: { version: number; effectiveFrom: string } | null;
};

export async function rateImpactBasis(deps: Deps, actor: Actor, productCode: string, rateTableId: string): Promise<RateImpactBasis> {
  requirePermission(actor, 'products:read');
  const product = await findProductByCode(deps.db, productCode);
  if (!product) throw problems.notFound();
  const table = await findRateTable(deps.db, rateTableId);
  // A table of another product is not a table of this one: not found, as under its address.
  if (!table || table.productId !== product.id) throw problems.notFound();
  if (table.status !== 'draft') throw productErrors.rateTableNotDraft();
  const ratingDate = todayFor(deps);
  const [version, current, rows, productVersionIds] = await Promise.all([
    findVersionInForce(deps.db, product.id, ratingDate),
    findTablesInForce(deps.db, product.id, ratingDate),
    findRateTableRows(deps.db, table.id),
    listProductVersionIds(deps.db, product.id),
  ]);
  if (!version) throw productErrors.noVersionInForce(ratingDate);
  const replaced = current.find((inForce) => inForce.name === table.name);
  const draft: LoadedRateTable = {
    name: table.name,
    version: table.version,
    effectiveFrom: ratingDate,
    rows: new Map(rows.map((row) => [row.key, row.value])),
  };
  return {
    table,
    ratingDate,
    product: { code: product.code, version: version.version, currency: product.currency, definition: version.definition },
    productVersionIds,
    current,
    candidate: [...current.filter((inForce) => inForce.name !== table.name), draft],
    replaces: replaced ? { version: replaced.version, effectiveFrom: replaced.effectiveFrom } : null,
  };
}
