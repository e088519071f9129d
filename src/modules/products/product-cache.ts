import type { Deps } from '../../platform/deps.ts';
import type { LoadedRateTable } from './domain/rate-tables.ts';
import { findProductByCode, findTablesInForce, findVersionInForce, type Product, type ProductVersion } from './products-repository.ts';

/**
 * What rating a product on a date reads — the product, the version in force (its definition parsed
 * and checked) and the active rate tables in force — kept in memory for a few seconds
 * (docs/decisions/0010-product-cache.md). A quote used to read all of it twice and parse the
 * definition with zod each time: the largest share of the reads of a quote-to-issue.
 *
 * Active product versions and active rate tables are never changed (decision 0006), so an entry can
 * only miss something newly activated or published that takes effect on the entry's date: for at
 * most TTL_MS on other instances, not at all in this one (activateRateTable and publishProductVersion
 * call invalidateProductCache after their change). Misses (no such product, no version in force) are
 * never kept, so a product seeded a moment ago is found at once. The entries are shared by every
 * caller: nothing may change the objects read from here.
 *
 * One cache per database (`deps.database`, the same object inside a transaction), so tests with
 * databases of their own never see each other's products.
 */
export const PRODUCT_CACHE_TTL_MS = 5_000;
/** Rating dates are mostly today; renewals rate anniversaries. Past this many entries the expired ones go. */
const MAX_ENTRIES = 1_000;

export type RatingBasis =
  | { found: true; product: Product; version: ProductVersion; tables: LoadedRateTable[] }
  | { found: false; product: Product | null; version: null };

type Entry = { expiresAt: number; basis: Promise<RatingBasis> };
type Cache = { entries: Map<string, Entry>; generation: number };

const caches = new WeakMap<object, Cache>();

function cacheOf(deps: Pick<Deps, 'database'>): Cache {
  let cache = caches.get(deps.database);
  if (!cache) {
    cache = { entries: new Map(), generation: 0 };
    caches.set(deps.database, cache);
  }
  return cache;
}

/** Reads (or finds in memory) the product, its version in force on `date` and its tables in force. */
export function ratingBasisFor(deps: Pick<Deps, 'database' | 'db'>, productCode: string, date: string): Promise<RatingBasis> {
  const cache = cacheOf(deps);
  const key = `${productCode}\u0000${date}`;
  const now = performance.now();
  const hit = cache.entries.get(key);
  if (hit && hit.expiresAt > now) return hit.basis;
  const generation = cache.generation;
  const basis = load(deps, productCode, date);
  if (cache.entries.size >= MAX_ENTRIES) sweep(cache, now);
  const entry: Entry = { expiresAt: now + PRODUCT_CACHE_TTL_MS, basis };
  cache.entries.set(key, entry);
  const forget = () => {
    if (cache.entries.get(key) === entry) cache.entries.delete(key);
  };
  basis.then(
    // A miss is not kept; nor is a read that began before an invalidation (it may predate the change).
    (found) => {
      if (!found.found || cache.generation !== generation) forget();
    },
    forget,
  );
  return basis;
}

async function load(deps: Pick<Deps, 'db'>, productCode: string, date: string): Promise<RatingBasis> {
  const product = await findProductByCode(deps.db, productCode);
  if (!product) return { found: false, product: null, version: null };
  const [version, tables] = await Promise.all([findVersionInForce(deps.db, product.id, date), findTablesInForce(deps.db, product.id, date)]);
  if (!version) return { found: false, product, version: null };
  return { found: true, product, version, tables };
}

function sweep(cache: Cache, now: number): void {
  for (const [key, entry] of cache.entries) if (entry.expiresAt <= now) cache.entries.delete(key);
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
}

/** Forgets every entry of this database: after a rate table is activated or a product version is published. */
export function invalidateProductCache(deps: Pick<Deps, 'database'>): void {
  const cache = caches.get(deps.database);
  if (!cache) return;
  cache.generation += 1;
  cache.entries.clear();
}
