import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { parseRateTableCsv } from '../domain/rate-table-csv.ts';
import { canonicalNewKeys, type RateTableName, rateTableSpec } from '../domain/rate-tables.ts';
import { productErrors } from '../errors.ts';
import {
  findProductByCode,
  findRateTable,
  findVersionInForce,
  insertRateTable,
  lockProduct,
  nextRateTableVersion,
  type RateTableSummary,
} from '../products-repository.ts';
import { actorLabel, END_OF_TIME } from './common.ts';

/**
 * Loads an uploaded CSV as a new draft version of a rate table (issue #3: "validated (clear
 * line-by-line errors, nothing half-loaded) before activation"). The whole file is checked first;
 * with any error, every error is returned and nothing is written. Keys are checked against the
 * product's latest active version, so a table can be prepared for a version that starts later.
 */
export async function uploadRateTable(
  deps: Deps,
  actor: Actor,
  // newKeys: categories or deductibles a coming product version adds, declared on purpose (rateTableSpec).
  input: { productCode: string; name: RateTableName; csv: string; newKeys?: readonly string[] | undefined },
  origin: RequestOrigin,
): Promise<RateTableSummary> {
  requirePermission(actor, 'products:manage');
  return inTransaction(deps.db, async (trx) => {
    const product = await findProductByCode(trx, input.productCode);
    if (!product) throw problems.notFound();
    // Version numbers of this product's tables are handed out one upload at a time.
    await lockProduct(trx, product.id);
    const latest = await findVersionInForce(trx, product.id, END_OF_TIME);
    if (!latest) throw productErrors.noVersionInForce(END_OF_TIME);
    const declared = canonicalNewKeys(input.name, latest.definition, input.newKeys ?? []);
    if (!declared.ok) throw productErrors.newKeysInvalid(declared.invalid);
    const parsed = parseRateTableCsv(input.csv, rateTableSpec(input.name, latest.definition, declared.keys));
    if (!parsed.ok) throw productErrors.rateTableInvalid(parsed.errors);
    const id = newId();
    const version = await nextRateTableVersion(trx, product.id, input.name);
    const sourceSha256 = sha256Hex(input.csv);
    const now = nowText(deps.clock);
    await insertRateTable(
      trx,
      { id, productId: product.id, name: input.name, version, sourceSha256, uploadedBy: actorLabel(actor), activation: null },
      parsed.rows,
      now,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'rate_table.uploaded',
        subject: { type: 'rate_table', id },
        details: { product: product.code, name: input.name, version, rows: parsed.rows.length, sourceSha256, newKeys: declared.keys },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const created = await findRateTable(trx, id);
    if (!created) throw new Error(`rate table ${id} vanished inside its own transaction`);
    return created;
  });
}
