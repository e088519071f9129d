import type { ProductDefinition } from './product-definition.ts';
import { DEFAULT_TERRITORY_KEY, type LoadedRateTable, RATE_TABLE_NAMES, type RateTableName, rateTableSpec } from './rate-tables.ts';

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
 * requires (rateTableSpec: each category's rate, each deductible option's factor, the safe factor and the
 * policy minimum) and a territory factor for every state the version is sold in: its own row or the default row.
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
      for (const key of neededKeys(name, required, definition, table))
        if (!table.rows.has(key)) missing.push({ table: name, key, tableVersion: table.version, effectiveFrom: table.effectiveFrom });
  }
  return missing;
}

/** A state is rated with its own territory row or else the default row: without a default, every state sold in needs its own. */
function neededKeys(name: RateTableName, required: readonly string[], definition: ProductDefinition, table: LoadedRateTable): readonly string[] {
  if (name !== 'territory_factor' || table.rows.has(DEFAULT_TERRITORY_KEY)) return required;
  return definition.jurisdictions;
}
