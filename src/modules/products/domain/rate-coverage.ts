import type { ProductDefinition } from './product-definition.ts';
import { type LoadedRateTable, RATE_TABLE_NAMES, type RateTableName, rateTableSpec } from './rate-tables.ts';

/**
 * A rate a product version needs and that a rate table which would rate it lacks: the key (a category,
 * a deductible, the default territory, …) or, when no version of the table is in force at all, key null.
 * `tableVersion`/`effectiveFrom` name the table version that lacks it (null when the table is absent).
 */
export type MissingRate = { table: RateTableName; key: string | null; tableVersion: number | null; effectiveFrom: string | null };

/**
 * Issue #3 ("products and rating as data"): a version may only be published when every quote and
 * renewal under it can be rated. `tables` are all table versions that will rate it: those in force on
 * its effective date and any activated to take effect later. Each must have every key the definition
 * requires (rateTableSpec: each category's rate, each deductible option's factor, the default territory
 * row — a state without a row of its own uses it —, the safe factor and the policy minimum).
 */
export function missingRates(definition: ProductDefinition, tables: readonly LoadedRateTable[]): MissingRate[] {
  const missing: MissingRate[] = [];
  for (const name of RATE_TABLE_NAMES) {
    const versions = tables.filter((table) => table.name === name);
    if (versions.length === 0) {
      missing.push({ table: name, key: null, tableVersion: null, effectiveFrom: null });
      continue;
    }
    const { required } = rateTableSpec(name, definition);
    for (const table of versions)
      for (const key of required) if (!table.rows.has(key)) missing.push({ table: name, key, tableVersion: table.version, effectiveFrom: table.effectiveFrom });
  }
  return missing;
}
