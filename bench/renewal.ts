/**
 * Renewal bench (issue #3 "Proof": renewal of 100,000 policies at ≥ 1,000 policies per second with flat memory;
 * JPF-COND-7). Creates a throw-away database on the local PostgreSQL, migrates it, seeds the demo product and
 * N in-force policies set-based in SQL (generate_series: users, applications, policies, one or two scheduled
 * items each, anniversaries spread over the next 40 days so every policy's offer is due), then times one renewal
 * run (offer phase: select, re-rate at the anniversary, offer with worksheet, renewal invoice, per-batch audit)
 * in this process, sampling the resident set size every 100 ms.
 *
 *   node --import tsx bench/renewal.ts [N]        (default 100000; BENCH_POSTGRES_URL as in bench/run.ts)
 *   BENCH_ONLY=renewal npm run bench              (from bench/run.ts, with BENCH_RENEWAL_POLICIES)
 */
// Loaded first on purpose: products/http imports the policies index at module level (rate impact), and the
// reverse order (bootstrap → policies → products → policies) meets it half-initialised.
import '../src/modules/products/index.ts';
import { sql } from 'kysely';
import { runRenewal, startRenewalRun } from '../src/modules/policies/index.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../src/platform/request-origin.ts';
import { withThrowawayBezel } from './throwaway-bezel.ts';

export type RenewalBench = {
  policies: number;
  seedMs: number;
  runMs: number;
  policiesPerSecond: number;
  offered: number;
  failed: number;
  batches: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  /** Peak RSS in the second half of the run minus the peak in the first half: ~0 when memory is flat. */
  rssGrowthSecondHalfMiB: number;
  postgres: string;
};

const MiB = 2 ** 20;

export async function measureRenewal(policies: number, adminUrl: string, log: (message: string) => void = () => {}): Promise<RenewalBench> {
  return withThrowawayBezel(adminUrl, 'renewal', async (bezel, postgres) => {
    const { db } = bezel.deps;
    log(`renewal: seeding ${policies.toLocaleString('en-US')} in-force policies in SQL`);
    const seedStarted = performance.now();
    const holders = Math.max(1, Math.min(1000, Math.ceil(policies / 100)));
    await sql`
      INSERT INTO app_user (id, email, display_name, status, created_at, updated_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'holder' || g || '@bench.bezel.test', 'Holder ' || g, 'active', now(), now()
      FROM generate_series(1, ${holders}::int) AS g`.execute(db);
    await sql`
      INSERT INTO application (id, product_version_id, applicant_user_id, status, named_insureds, mailing_address, time_zone, deductible,
                               items, worksheet, premium, currency, submitted_at, created_at)
      SELECT ('10000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, pv.id,
             ('00000000-0000-4000-8000-' || lpad((1 + g % ${holders}::int)::text, 12, '0'))::uuid, 'bound',
             jsonb_build_array('Insured ' || g),
             jsonb_build_object('street', g || ' Main Street', 'city', 'Springfield', 'state', (ARRAY['NY','CA','FL','TX','OH'])[1 + g % 5], 'postalCode', '10001', 'country', 'US'),
             (ARRAY['America/New_York','America/Los_Angeles','America/Chicago','America/Denver'])[1 + g % 4], 250, '[]', '{}', 53.13, 'USD', now(), now()
      FROM generate_series(1, ${policies}::int) AS g, product_version pv`.execute(db);
    // Anniversaries from tomorrow to 40 days ahead: inside the 45-day offer lead, so every offer is due today.
    await sql`
      INSERT INTO policy (id, policy_number, application_id, holder_user_id, product_version_id, first_day, last_day, time_zone, status,
                          premium, currency, issued_at)
      SELECT ('20000000-0000-4000-8000-' || lpad(a.g::text, 12, '0'))::uuid, 'JW-BENCH-' || lpad(a.g::text, 7, '0'), a.id, a.applicant_user_id,
             a.product_version_id, (current_date + 1 + (a.g % 40)::int) - interval '1 year', current_date + (a.g % 40)::int, a.time_zone, 'in_force', 53.13, 'USD', now()
      FROM (SELECT id, applicant_user_id, product_version_id, time_zone, row_number() OVER (ORDER BY id) AS g FROM application) a`.execute(db);
    await sql`
      INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, kept_in_safe, annual_premium)
      SELECT p.id, 1, 'Diamond ring', 'ring', 5000, false, 53.13 FROM policy p`.execute(db);
    await sql`
      INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, kept_in_safe, annual_premium)
      SELECT p.id, 2, 'Steel watch', 'watch', 2000, true, 16.00 FROM policy p WHERE right(p.policy_number, 1) IN ('0', '2', '4', '6', '8')`.execute(db);
    await sql`ANALYZE`.execute(db);
    const seedMs = Math.round(performance.now() - seedStarted);
    log(`renewal: seeded in ${(seedMs / 1000).toFixed(1)} s; running the renewal`);

    const actor = systemActor('bench');
    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    const samples: { at: number; rss: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => samples.push({ at: performance.now() - started, rss: process.memoryUsage().rss }), 100);
    let run: Awaited<ReturnType<typeof runRenewal>>;
    try {
      const { run: begun } = await startRenewalRun(bezel.deps, actor, { trigger: 'manual', enqueue: false }, SYSTEM_ORIGIN);
      run = await runRenewal(bezel.deps, actor, begun.id, { batchSize: 1000 });
    } finally {
      clearInterval(sampler);
    }
    const runMs = performance.now() - started;
    samples.push({ at: runMs, rss: process.memoryUsage().rss });
    const half = runMs / 2;
    const peak = (list: { rss: number }[]) => list.reduce((max, sample) => Math.max(max, sample.rss), 0);
    const firstHalf = peak(samples.filter((sample) => sample.at <= half));
    const secondHalf = peak(samples.filter((sample) => sample.at > half));
    return {
      policies,
      seedMs,
      runMs: Math.round(runMs),
      policiesPerSecond: Math.round((run.processed / runMs) * 1000),
      offered: run.offered,
      failed: run.failed,
      batches: run.batches,
      rssStartMiB: Math.round(rssStart / MiB),
      rssPeakMiB: Math.round(peak(samples) / MiB),
      rssGrowthSecondHalfMiB: Math.round((secondHalf - firstHalf) / MiB),
      postgres,
    };
  });
}

export function formatRenewal(result: RenewalBench): string {
  return [
    `Renewal run (JPF-COND-7) on ${result.postgres}: ${result.policies.toLocaleString('en-US')} policies seeded in SQL in ${(result.seedMs / 1000).toFixed(1)} s`,
    `  offered ${result.offered.toLocaleString('en-US')} (failed ${result.failed}) in ${(result.runMs / 1000).toFixed(1)} s = ${result.policiesPerSecond.toLocaleString('en-US')} policies/s, ${result.batches} batches`,
    `  RSS ${result.rssStartMiB} MiB at start, peak ${result.rssPeakMiB} MiB; peak growth second half vs first half ${result.rssGrowthSecondHalfMiB} MiB`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const policies = Number(process.argv[2] ?? process.env.BENCH_RENEWAL_POLICIES ?? 100_000);
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const result = await measureRenewal(policies, adminUrl, (message) => process.stderr.write(`[renewal bench] ${message}\n`));
  process.stdout.write(`${formatRenewal(result)}\n${JSON.stringify(result)}\n`);
  process.exit(0);
}
