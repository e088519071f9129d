import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { productErrors } from '../errors.ts';
import { invalidateProductCache } from '../product-cache.ts';
import { findActiveTableOn, findRateTable, findTablesInForce, lockProduct, markRateTableActive, type RateTableSummary } from '../products-repository.ts';
import { actorLabel, todayFor } from './common.ts';

/**
 * Activates a draft rate table from an effective date (issue #3: "Rate tables have effective
 * dates"). The version in force before stays active and keeps rating every earlier date, so a
 * renewal rated at an anniversary before the date, or a worksheet re-checked later, reads the same
 * rates as before. An effective date before today is refused: it would change the price of quotes
 * already given. An active table is never changed again; new rates are a new version.
 */
export async function activateRateTable(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { effectiveFrom: string },
  origin: RequestOrigin,
): Promise<RateTableSummary> {
  requirePermission(actor, 'products:manage');
  const today = todayFor(deps);
  // 'YYYY-MM-DD' strings compare in calendar order.
  if (input.effectiveFrom < today) throw productErrors.effectiveDateInPast(today);
  const activated = await inTransaction(deps.db, async (trx) => {
    const found = await findRateTable(trx, id);
    if (!found) throw problems.notFound();
    // One activation per product at a time, so two drafts cannot both take the same day.
    await lockProduct(trx, found.productId);
    const table = await findRateTable(trx, id);
    if (!table) throw problems.notFound();
    if (table.status !== 'draft') throw productErrors.rateTableNotDraft();
    const taken = await findActiveTableOn(trx, table.productId, table.name, input.effectiveFrom);
    if (taken) throw productErrors.effectiveDateTaken(taken.version, input.effectiveFrom);
    const replaced = (await findTablesInForce(trx, table.productId, input.effectiveFrom)).find((inForce) => inForce.name === table.name);
    const now = nowText(deps.clock);
    await markRateTableActive(trx, id, input.effectiveFrom, actorLabel(actor), now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'rate_table.activated',
        subject: { type: 'rate_table', id },
        details: {
          product: table.productCode,
          name: table.name,
          version: table.version,
          effectiveFrom: input.effectiveFrom,
          replacesVersion: replaced?.version ?? null,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...table, status: 'active' as const, effectiveFrom: input.effectiveFrom, activatedAt: now };
  });
  // Quotes in this process rate with the new table from its effective date on, not a few seconds later (decision 0010).
  invalidateProductCache(deps);
  return activated;
}
