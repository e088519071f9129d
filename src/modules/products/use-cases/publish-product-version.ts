import { canonicalJson, recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, type FieldProblem, problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { parseProductDefinition } from '../domain/product-definition.ts';
import { type MissingRate, missingRates } from '../domain/rate-coverage.ts';
import { invalidateProductCache } from '../product-cache.ts';
import { findTablesRatingFrom, findVersionRecord, listVersionRecords, type ProductVersionRecord } from '../product-versions-repository.ts';
import { findProductByCode, insertProductVersion, lockProduct } from '../products-repository.ts';
import { todayFor } from './common.ts';

export type PublishProductVersionInput = {
  productCode: string;
  /** The whole definition of the new version, as data (checked with parseProductDefinition). */
  definition: unknown;
  /** 'YYYY-MM-DD': the first day new quotes and renewals use the version. */
  effectiveFrom: string;
  /** JPF-COND-3: the revision broadens coverage without an additional premium. */
  broadening: boolean;
  /** 'YYYY-MM-DD', in the insurer's calendar: the day the insurer adopted the revision. Required when broadening. */
  adoptedOn?: string | null | undefined;
};

/**
 * Publishes a new version of a product (issue #3: "A product is versioned data … A policy keeps the
 * version it was sold under"). The version gets the next number and is active from its effective
 * date: quotes and renewals rated on or after that day use it; issued policies keep their own.
 *
 * JPF-COND-3 (liberalization): a revision marked as broadening carries the day the insurer adopted
 * it, today or earlier in the insurer's time zone; from that day it governs every policy whose period
 * includes that day or begins within six months after it (policies/domain/governing-version.ts),
 * without extra premium. A revision that does not broaden needs no adoption date.
 *
 * Issue #3: the rate tables that will rate the version (in force on its effective date, and any activated
 * to take effect later) must have every rate its definition needs — each category, each deductible option,
 * the default territory, the safe factor and the minimum; each one missing is listed (rate_missing,
 * rate_table_missing). A new category therefore needs its rates activated before its version is published.
 *
 * Every problem is found before anything is written and answered together, one per field
 * (422 product_version_invalid); nothing is saved then. The effective date is today or later (an
 * earlier one would change quotes already given) and after the latest version's, so versions take
 * effect in the order of their numbers.
 */
export async function publishProductVersion(deps: Deps, actor: Actor, input: PublishProductVersionInput, origin: RequestOrigin): Promise<ProductVersionRecord> {
  requirePermission(actor, 'products:manage');
  const today = todayFor(deps);
  const published = await inTransaction(deps.db, async (trx) => {
    const product = await findProductByCode(trx, input.productCode);
    if (!product) throw problems.notFound();
    // Version numbers are handed out one at a time; the latest effective date is read under the same lock.
    await lockProduct(trx, product.id);
    const versions = await listVersionRecords(trx, product.id);

    const errors: FieldProblem[] = [];
    const definition = parseProductDefinition(input.definition);
    if (!definition.ok) errors.push(...definition.problems.map(definitionProblem));
    // 'YYYY-MM-DD' strings compare in calendar order.
    if (input.effectiveFrom < today) errors.push(problem('effectiveFrom', 'effective_date_in_past', 'product_versions.effective_date_in_past', { today }));
    const latest = versions
      .filter((version) => version.status !== 'draft')
      .reduce<ProductVersionRecord | null>((found, version) => (found === null || version.effectiveFrom > found.effectiveFrom ? version : found), null);
    if (latest && input.effectiveFrom <= latest.effectiveFrom)
      errors.push(
        problem('effectiveFrom', 'effective_date_not_after_latest', 'product_versions.effective_date_not_after_latest', {
          version: latest.version,
          date: latest.effectiveFrom,
        }),
      );
    const adoptedOn = input.adoptedOn ?? null;
    // JPF-COND-3: a broadening revision applies from the day it was adopted, so that day must be known.
    if (input.broadening && adoptedOn === null) errors.push(problem('adoptedOn', 'adopted_on_required', 'product_versions.adopted_on_required'));
    if (adoptedOn !== null && adoptedOn > today) errors.push(problem('adoptedOn', 'adopted_on_in_future', 'product_versions.adopted_on_in_future', { today }));
    // Issue #3: every quote and renewal under the version must be ratable, so the tables that will rate it
    // (in force on its effective date, or activated for later) need every rate its definition asks for.
    if (definition.ok)
      for (const missing of missingRates(definition.definition, await findTablesRatingFrom(trx, product.id, input.effectiveFrom)))
        errors.push(missingRateProblem(missing, input.effectiveFrom));
    if (errors.length > 0 || !definition.ok)
      throw new AppError(422, 'product_version_invalid', 'product_versions.invalid', { count: errors.length }, { errors });

    const id = newId();
    const version = (versions[0]?.version ?? 0) + 1;
    const now = nowText(deps.clock);
    await insertProductVersion(
      trx,
      product.id,
      { id, version, effectiveFrom: input.effectiveFrom, status: 'active', broadening: input.broadening, adoptedOn, definition: definition.definition },
      now,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'product_version.published',
        subject: { type: 'product_version', id },
        details: {
          product: product.code,
          version,
          effectiveFrom: input.effectiveFrom,
          broadening: input.broadening,
          adoptedOn,
          replacesVersion: latest?.version ?? null,
          definitionSha256: sha256Hex(canonicalJson(definition.definition)),
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const created = await findVersionRecord(trx, id);
    if (!created) throw new Error(`product version ${id} vanished inside its own transaction`);
    return created;
  });
  // Quotes in this process use the new version from its effective date on, not a few seconds later (decision 0010).
  invalidateProductCache(deps);
  return published;
}

function problem(field: string, code: string, messageKey: FieldProblem['messageKey'], params: Record<string, string | number> = {}): FieldProblem {
  return { field: `body.${field}`, code, ...(messageKey ? { messageKey } : {}), params };
}

/** "itemCategories.0.code: Invalid string" → the field body.definition.itemCategories.0.code, with the detail. */
function definitionProblem(text: string): FieldProblem {
  const split = text.indexOf(': ');
  const path = split < 0 ? '(root)' : text.slice(0, split);
  const detail = split < 0 ? text : text.slice(split + 2);
  return {
    field: path === '(root)' ? 'body.definition' : `body.definition.${path}`,
    code: 'invalid_definition',
    messageKey: 'product_versions.definition_field',
    params: { path: path === '(root)' ? 'definition' : path, detail },
  };
}

/** A rate the tables lack: on the definition (what asks for it), naming the table, its version and the key. */
function missingRateProblem(missing: MissingRate, effectiveFrom: string): FieldProblem {
  return missing.key === null || missing.tableVersion === null || missing.effectiveFrom === null
    ? problem('definition', 'rate_table_missing', 'product_versions.rate_table_missing', { table: missing.table, date: effectiveFrom })
    : problem('definition', 'rate_missing', 'product_versions.rate_missing', {
        table: missing.table,
        key: missing.key,
        tableVersion: missing.tableVersion,
        date: missing.effectiveFrom,
      });
}
