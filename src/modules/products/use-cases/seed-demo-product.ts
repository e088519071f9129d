import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { DEMO_DEFINITION, DEMO_EFFECTIVE_FROM, DEMO_PRODUCT, DEMO_RATE_TABLE_CSV } from '../domain/demo-product.ts';
import { parseProductDefinition } from '../domain/product-definition.ts';
import { parseRateTableCsv } from '../domain/rate-table-csv.ts';
import { RATE_TABLE_NAMES, rateTableSpec } from '../domain/rate-tables.ts';
import { insertProduct, insertProductVersion, insertRateTable } from '../products-repository.ts';
import { actorLabel } from './common.ts';

/**
 * Seeds the demo jewelry product (issue #3; DEMO DATA, see domain/demo-product.ts): version 1
 * active from 2026-01-01 with its five rate tables, loaded through the same CSV parser as an
 * upload. Idempotent: when the product code exists, nothing happens; two instances seeding at once
 * meet on the unique code and the second does nothing.
 */
export async function seedDemoProduct(deps: Deps): Promise<{ seeded: boolean; code: string }> {
  const actor = systemActor('seed-demo');
  const definition = parseProductDefinition(DEMO_DEFINITION);
  if (!definition.ok) throw new Error(`The demo product definition is invalid: ${definition.problems.join('; ')}`);
  const tables = RATE_TABLE_NAMES.map((name) => {
    const parsed = parseRateTableCsv(DEMO_RATE_TABLE_CSV[name], rateTableSpec(name, DEMO_DEFINITION));
    if (!parsed.ok) throw new Error(`The demo rate table ${name} is invalid: ${JSON.stringify(parsed.errors)}`);
    return { name, rows: parsed.rows, sourceSha256: sha256Hex(DEMO_RATE_TABLE_CSV[name]) };
  });
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const productId = newId();
    if (!(await insertProduct(trx, { id: productId, ...DEMO_PRODUCT }, now))) return { seeded: false, code: DEMO_PRODUCT.code };
    await insertProductVersion(
      trx,
      productId,
      { id: newId(), version: 1, effectiveFrom: DEMO_EFFECTIVE_FROM, status: 'active', broadening: false, adoptedOn: null, definition: definition.definition },
      now,
    );
    const by = actorLabel(actor);
    for (const table of tables)
      await insertRateTable(
        trx,
        {
          id: newId(),
          productId,
          name: table.name,
          version: 1,
          sourceSha256: table.sourceSha256,
          uploadedBy: by,
          activation: { effectiveFrom: DEMO_EFFECTIVE_FROM, by },
        },
        table.rows,
        now,
      );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'product.seeded',
        subject: { type: 'product', id: productId },
        details: { code: DEMO_PRODUCT.code, version: 1, effectiveFrom: DEMO_EFFECTIVE_FROM, tables: RATE_TABLE_NAMES.map((name) => `${name} v1`) },
      },
      deps.clock,
    );
    return { seeded: true, code: DEMO_PRODUCT.code };
  });
}
