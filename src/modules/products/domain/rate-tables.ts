import { normalizeAmount, type ProductDefinition } from './product-definition.ts';

/**
 * The rate tables the jewelry rating reads (issue #3: category rate, territory factor by state,
 * deductible factor, safe factor, policy minimum). Each is uploaded as `key,value` rows; what a
 * valid key and value is depends on the table and on the product's definition.
 */
export const RATE_TABLE_NAMES = ['category_rate', 'territory_factor', 'deductible_factor', 'safe_factor', 'minimum_premium'] as const;
export type RateTableName = (typeof RATE_TABLE_NAMES)[number];

export function isRateTableName(value: string): value is RateTableName {
  return (RATE_TABLE_NAMES as readonly string[]).includes(value);
}

/** Factors multiply a premium; amounts are money in the product's currency. */
export type RateValueKind = 'factor' | 'amount';

/** The row of the territory table used for a state that has no row of its own. */
export const DEFAULT_TERRITORY_KEY = 'default';
export const SAFE_KEY = 'kept_in_safe';
export const MINIMUM_PREMIUM_KEY = 'policy';

export type RateTableSpec = {
  name: RateTableName;
  valueKind: RateValueKind;
  /** The canonical key for what a person typed, or null when it cannot be a key of this table. */
  normalizeKey(raw: string): string | null;
  known: ReadonlySet<string>;
  /** Keys the table must have, so that every offered choice can be rated. */
  required: readonly string[];
};

/** One row as stored: the canonical key and the value as the decimal text that was uploaded. */
export type RateRow = { key: string; value: string };

/** A table version as rating reads it, with where it came from, for the worksheet. */
export type LoadedRateTable = {
  name: RateTableName;
  version: number;
  /** 'YYYY-MM-DD' */
  effectiveFrom: string;
  rows: ReadonlyMap<string, string>;
};

export const VALUE_LIMITS: Record<RateValueKind, { max: string; decimals: number; zeroAllowed: boolean }> = {
  // A factor of 0 would rate a risk for free and one above 100 is a slipped decimal point.
  factor: { max: '100', decimals: 6, zeroAllowed: false },
  amount: { max: '1000000', decimals: 2, zeroAllowed: true },
};

/** The tables whose keys a coming product version can add to: item categories and deductible options. */
export const TABLES_WITH_NEW_KEYS: readonly RateTableName[] = ['category_rate', 'deductible_factor'];

/**
 * What a table must and may hold for a product definition. `newKeys` are keys the uploader declares on
 * purpose for a version not published yet (a new item category or deductible): publishing that version
 * needs its rates in force first (rate coverage), so its table must be loadable before it. Declared,
 * they are accepted; anything else unknown stays an error, so a typing slip is still caught.
 */
export function rateTableSpec(name: RateTableName, definition: ProductDefinition, newKeys: readonly string[] = []): RateTableSpec {
  const spec = currentSpec(name, definition);
  if (newKeys.length === 0) return spec;
  return { ...spec, known: new Set([...spec.known, ...newKeys]) };
}

/**
 * The declared new keys in their canonical form, or the ones that cannot be new keys of this table
 * (not a key of it, already known, or a table that takes no new keys).
 */
export function canonicalNewKeys(
  name: RateTableName,
  definition: ProductDefinition,
  raw: readonly string[],
): { ok: true; keys: string[] } | { ok: false; invalid: string[] } {
  const spec = currentSpec(name, definition);
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const text of raw) {
    const key = TABLES_WITH_NEW_KEYS.includes(name) ? spec.normalizeKey(text) : null;
    const valid = key !== null && !spec.known.has(key) && (name !== 'category_rate' || /^[a-z][a-z0-9_]{0,39}$/.test(key));
    if (valid) keys.push(key);
    else invalid.push(text);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, keys: [...new Set(keys)] };
}

function currentSpec(name: RateTableName, definition: ProductDefinition): RateTableSpec {
  switch (name) {
    case 'category_rate': {
      const categories = definition.itemCategories.map((category) => category.code);
      return { name, valueKind: 'factor', normalizeKey: (raw) => raw.trim().toLowerCase() || null, known: new Set(categories), required: categories };
    }
    case 'territory_factor':
      return {
        name,
        valueKind: 'factor',
        normalizeKey: (raw) => {
          const key = raw.trim();
          return key.toLowerCase() === DEFAULT_TERRITORY_KEY ? DEFAULT_TERRITORY_KEY : key.toUpperCase() || null;
        },
        known: new Set([DEFAULT_TERRITORY_KEY, ...definition.jurisdictions]),
        // Every state the product is sold in gets a factor: its own row or the default row.
        required: [DEFAULT_TERRITORY_KEY],
      };
    case 'deductible_factor': {
      const options = definition.deductibleOptions.map((option) => normalizeAmount(option) ?? option);
      return { name, valueKind: 'factor', normalizeKey: normalizeAmount, known: new Set(options), required: options };
    }
    case 'safe_factor':
      return { name, valueKind: 'factor', normalizeKey: (raw) => raw.trim().toLowerCase() || null, known: new Set([SAFE_KEY]), required: [SAFE_KEY] };
    case 'minimum_premium':
      return {
        name,
        valueKind: 'amount',
        normalizeKey: (raw) => raw.trim().toLowerCase() || null,
        known: new Set([MINIMUM_PREMIUM_KEY]),
        required: [MINIMUM_PREMIUM_KEY],
      };
  }
}
