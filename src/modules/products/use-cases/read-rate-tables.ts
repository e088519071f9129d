import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RateRow } from '../domain/rate-tables.ts';
import { findProductByCode, findRateTable, findRateTableRows, listRateTables as listTableRows, type RateTableSummary } from '../products-repository.ts';

/** Every version of a product's rate tables, drafts included, newest first per table (staff). */
export async function listRateTables(deps: Deps, actor: Actor, productCode: string): Promise<RateTableSummary[]> {
  requirePermission(actor, 'products:read');
  const product = await findProductByCode(deps.db, productCode);
  if (!product) throw problems.notFound();
  return listTableRows(deps.db, product.id);
}

/** One table version with its rows, to review a draft before activating it (staff). */
export async function getRateTable(deps: Deps, actor: Actor, id: string): Promise<RateTableSummary & { rows: RateRow[] }> {
  requirePermission(actor, 'products:read');
  const table = await findRateTable(deps.db, id);
  if (!table) throw problems.notFound();
  return { ...table, rows: await findRateTableRows(deps.db, id) };
}
