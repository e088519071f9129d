import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { problems } from './problem.ts';

/**
 * Fixed-window counters in the database, so every instance counts the same attempts
 * (DESIGN §8: nothing another instance needs is kept in process memory). Used for login,
 * password reset and verification links (issue #2, point 3). Runs outside the use case's
 * transaction on purpose: a failed attempt must count even though its use case rolls back.
 */
export type RateLimitRule = { limit: number; windowSeconds: number };

export async function hitRateLimit(db: Db, clock: Clock, bucket: string, rule: RateLimitRule): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const nowSeconds = Math.floor(clock.now().epochMilliseconds / 1000);
  const windowStartSeconds = nowSeconds - (nowSeconds % rule.windowSeconds);
  const windowStart = new Date(windowStartSeconds * 1000).toISOString();
  const row = await db
    .insertInto('rate_limit_counter')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_counter.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = windowStartSeconds + rule.windowSeconds - nowSeconds;
  return { allowed: row.hits <= rule.limit, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
}

/** Throws a 429 problem when any of the buckets is over its limit. Every bucket is counted. */
export async function enforceRateLimits(db: Db, clock: Clock, checks: { bucket: string; rule: RateLimitRule }[]): Promise<void> {
  let worst = 0;
  for (const check of checks) {
    const result = await hitRateLimit(db, clock, check.bucket, check.rule);
    if (!result.allowed) worst = Math.max(worst, result.retryAfterSeconds);
  }
  if (worst > 0) throw problems.rateLimited(worst);
}

/** Old windows are useless; the cleanup job calls this. */
export async function deleteExpiredRateLimitCounters(db: Db, clock: Clock, olderThanSeconds = 86_400): Promise<number> {
  const cutoff = clock.now().subtract({ seconds: olderThanSeconds }).toString();
  const result = await db.deleteFrom('rate_limit_counter').where('window_start', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
