/**
 * Privacy bench (issue #5 "Proof"): the access package and the erasure of one person with 5 policies, 20 claims and
 * 500 audit events, in a database of 1,000,000 people, beside the same person in a database of 10,000 people
 * measured in the same run — the cost must follow the person's data, not the size of the database.
 *
 * Each size gets a throw-away database on the local PostgreSQL, migrated and seeded set-based in SQL
 * (generate_series): N people; every fourth and every tenth person with an application, a policy, a scheduled item,
 * a billing account and an invoice; every tenth person with a claim on it (its item, first-notice facts and two
 * diary deadlines); one audit event per person; then the measured person: 5 policies (2 items and an issue
 * transaction each), a billing account with 5 invoices, 20 claims (4 per policy, 12 open and 8 settled, each with
 * its item, first-notice facts and 2 diary deadlines; the settled ones with a settlement worksheet), and 500 audit
 * events about them and their policies.
 *
 * Access: collectAccessPackage (the whole package's JSON, as the access and portability requests build it).
 * Erasure: erasePersonData in a transaction that is rolled back afterwards, so every repetition erases the
 * same data. Each is run BENCH_PRIVACY_REPEAT times (default 5) after one warm-up; the median is reported.
 *
 *   node --import tsx bench/privacy.ts [people]    (default 1000000; the baseline is always 10,000)
 *   BENCH_ONLY=privacy npm run bench               (from bench/run.ts, with BENCH_PRIVACY_PEOPLE)
 */
// Loaded first on purpose, as in bench/renewal.ts (products ↔ policies module initialisation order).
import '../src/modules/products/index.ts';
import { type RawBuilder, sql } from 'kysely';
import { collectAccessPackage, erasePersonData } from '../src/modules/privacy/index.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import type { Db } from '../src/platform/db/database.ts';
import { inTransaction } from '../src/platform/db/transaction.ts';
import { withThrowawayBezel } from './throwaway-bezel.ts';

export type PrivacySize = {
  people: number;
  seedMs: number;
  accessMs: number;
  erasureMs: number;
  /** Rows in the person's package (all tables), and rows the erasure changed or deleted. */
  packageRows: number;
  /** The package's rows of the claims module's tables (the person's claims, items, diary, worksheets…). */
  claimRows: number;
  erasedRows: number;
  keptRows: number;
};

export type PrivacyBench = { baseline: PrivacySize; large: PrivacySize; postgres: string };

const PERSON = 'ffffffff-0000-4000-8000-000000000001';
const BASELINE_PEOPLE = 10_000;

class RollBack extends Error {}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measureSize(people: number, adminUrl: string, repeat: number, log: (message: string) => void): Promise<PrivacySize & { postgres: string }> {
  return withThrowawayBezel(adminUrl, 'privacy', async (bezel, postgres) => {
    const { db } = bezel.deps;
    log(`privacy: seeding ${people.toLocaleString('en-US')} people in SQL`);
    const started = performance.now();
    await seedPeople(bezel.deps.db, people);
    await seedPerson(bezel.deps.db);
    await sql`ANALYZE`.execute(db);
    const seedMs = Math.round(performance.now() - started);
    log(`privacy: seeded in ${(seedMs / 1000).toFixed(1)} s; measuring access and erasure (${repeat}× each)`);

    const access: number[] = [];
    let packageRows = 0;
    let claimRows = 0;
    for (let run = 0; run <= repeat; run++) {
      const begun = performance.now();
      const pack = await collectAccessPackage(bezel.deps, db, PERSON);
      if (run > 0) access.push(performance.now() - begun);
      packageRows = countRows(pack);
      claimRows = pack.tables.filter((table) => table.module === 'claims').reduce((sum, table) => sum + table.rows.length, 0);
    }
    const erasure: number[] = [];
    let erasedRows = 0;
    let keptRows = 0;
    const actor = systemActor('bench');
    for (let run = 0; run <= repeat; run++) {
      const begun = performance.now();
      await inTransaction(db, async (trx) => {
        const report = await erasePersonData({ ...bezel.deps, db: trx }, trx, actor, PERSON);
        erasedRows = report.erased.reduce((sum, entry) => sum + entry.deleted + entry.anonymised, 0);
        keptRows = report.kept.reduce((sum, entry) => sum + entry.rows, 0);
        throw new RollBack();
      }).catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
      if (run > 0) erasure.push(performance.now() - begun);
    }
    return {
      people,
      seedMs,
      accessMs: Math.round(median(access) * 10) / 10,
      erasureMs: Math.round(median(erasure) * 10) / 10,
      packageRows,
      claimRows,
      erasedRows,
      keptRows,
      postgres,
    };
  });
}

/** Rows in a package: every array of rows it holds, however deep. */
function countRows(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + (typeof entry === 'object' && entry !== null ? 1 + countRows(entry) : 0), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((sum: number, entry) => sum + countRows(entry), 0);
  return 0;
}

const uuid = (prefix: string, n: string) => sql.raw(`('${prefix}-0000-4000-8000-' || lpad((${n})::text, 12, '0'))::uuid`);

/**
 * N people; every fourth and every tenth with an application, a policy, an item, a billing account and an invoice; every
 * tenth with a claim on that policy; one audit event each.
 */
async function seedPeople(db: Db, people: number): Promise<void> {
  await sql`
    INSERT INTO app_user (id, email, display_name, status, created_at, updated_at)
    SELECT ${uuid('00000000', 'g')}, 'person' || g || '@bench.bezel.test', 'Person ' || g, 'active', now(), now()
    FROM generate_series(1, ${people}::int) AS g`.execute(db);
  await sql`
    INSERT INTO application (id, product_version_id, applicant_user_id, status, named_insureds, mailing_address, time_zone, deductible,
                             items, worksheet, premium, currency, submitted_at, created_at)
    SELECT ${uuid('10000000', 'g')}, pv.id, ${uuid('00000000', 'g')}, 'bound', jsonb_build_array('Person ' || g),
           jsonb_build_object('street', g || ' Main Street', 'city', 'Springfield', 'state', 'NY', 'postalCode', '10001', 'country', 'US'),
           'America/New_York', 250, '[]', '{}', 53.13, 'USD', now(), now()
    FROM generate_series(1, ${people}::int) AS g, product_version pv WHERE g % 4 = 0 OR g % 10 = 0`.execute(db);
  await sql`
    INSERT INTO policy (id, policy_number, application_id, holder_user_id, product_version_id, first_day, last_day, time_zone, status, premium, currency, issued_at)
    SELECT ${uuid('20000000', 'g')}, 'JW-BENCH-' || lpad(g::text, 8, '0'), ${uuid('10000000', 'g')}, ${uuid('00000000', 'g')}, pv.id,
           current_date - 30, current_date + 334, 'America/New_York', 'in_force', 53.13, 'USD', now()
    FROM generate_series(1, ${people}::int) AS g, product_version pv WHERE g % 4 = 0 OR g % 10 = 0`.execute(db);
  await sql`
    INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, kept_in_safe, annual_premium)
    SELECT ${uuid('20000000', 'g')}, 1, 'Diamond ring', 'ring', 5000, false, 53.13 FROM generate_series(1, ${people}::int) AS g WHERE g % 4 = 0 OR g % 10 = 0`.execute(
    db,
  );
  await sql`
    INSERT INTO billing_account (id, holder_user_id, currency, created_at)
    SELECT ${uuid('30000000', 'g')}, ${uuid('00000000', 'g')}, 'USD', now() FROM generate_series(1, ${people}::int) AS g WHERE g % 4 = 0 OR g % 10 = 0`.execute(
    db,
  );
  await sql`
    INSERT INTO invoice (id, account_id, policy_id, policy_number, kind, amount, currency, issued_on, due_on, structured_reference, status, created_at)
    SELECT ${uuid('40000000', 'g')}, ${uuid('30000000', 'g')}, ${uuid('20000000', 'g')}, 'JW-BENCH-' || lpad(g::text, 8, '0'), 'premium', 53.13, 'USD',
           current_date - 30, current_date - 30, 'RF00B' || g, 'paid', now()
    FROM generate_series(1, ${people}::int) AS g WHERE g % 4 = 0 OR g % 10 = 0`.execute(db);
  // Every tenth person: a claim on their policy, lost a month ago, with its item, first-notice facts and diary.
  await seedClaims(
    db,
    sql`
    SELECT ${uuid('60000000', 'g')} AS id, 'CL-BENCH-' || lpad(g::text, 8, '0') AS claim_number, ${uuid('20000000', 'g')} AS policy_id,
           ${uuid('00000000', 'g')} AS holder, 'Person ' || g AS holder_name, current_date - 20 AS loss_date,
           CASE WHEN g % 20 = 0 THEN 'settled' ELSE 'reported' END AS status, 1 AS item_no
    FROM generate_series(10, ${people}::int, 10) AS g`,
  );
  await sql`
    INSERT INTO audit_event (occurred_at, actor_type, actor_id, action, subject_type, subject_id, details)
    SELECT now(), 'user', ${uuid('00000000', 'g')}::text, 'account.login', 'user', ${uuid('00000000', 'g')}::text, '{}'
    FROM generate_series(1, ${people}::int) AS g`.execute(db);
}

/**
 * Claims from a query of (id, claim_number, policy_id, holder, holder_name, loss_date, status, item_no): the claim,
 * its item (a copy of the scheduled item), its first-notice facts and its two diary deadlines (JPF-DUTY-4 proof of
 * loss, JPF-SUIT-1), done when the claim is settled.
 */
async function seedClaims(db: Db, claims: RawBuilder<unknown>): Promise<void> {
  await sql`
    INSERT INTO claim (id, claim_number, policy_id, holder_user_id, reported_by_user_id, channel, reporter_name, reporter_relation, insured_name,
                       loss_kind, loss_date, loss_place, loss_country, narrative, protection_confirmed, notice_date, status, time_zone, currency,
                       reported_at, updated_at)
    SELECT c.id, c.claim_number, c.policy_id, c.holder, c.holder, 'portal', c.holder_name, 'named_insured', c.holder_name, 'loss', c.loss_date,
           'Main Street, Springfield', 'US', 'Lost the ring on the way home.', true, c.loss_date + 1, c.status, 'America/New_York', 'USD', now(), now()
    FROM (${claims}) AS c`.execute(db);
  await sql`
    INSERT INTO claim_item (claim_id, line_no, item_no, description, category, coverage_amount, newly_purchased, extent)
    SELECT c.id, 1, s.item_no, s.description, s.category, s.coverage_amount, false, 'whole'
    FROM (${claims}) AS c JOIN scheduled_item s ON s.policy_id = c.policy_id AND s.item_no = c.item_no`.execute(db);
  await sql`INSERT INTO claim_first_notice (claim_id, violation_of_law) SELECT c.id, false FROM (${claims}) AS c`.execute(db);
  await sql`
    INSERT INTO claim_diary_entry (id, claim_id, kind, party, due_on, clause, status, created_at, closed_at)
    SELECT gen_random_uuid(), c.id, d.kind, 'insured', d.due_on, d.clause, CASE WHEN c.status = 'settled' THEN 'done' ELSE 'open' END, now(),
           CASE WHEN c.status = 'settled' THEN now() END
    FROM (${claims}) AS c,
         LATERAL (VALUES ('proof_of_loss_due', c.loss_date + 90, 'JPF-DUTY-4'), ('suit_limitation', (c.loss_date + interval '1 year')::date, 'JPF-SUIT-1'))
           AS d(kind, due_on, clause)`.execute(db);
}

/** The measured person: 5 policies with 2 items and an issue transaction each, 5 invoices, 20 claims, 500 audit events. */
async function seedPerson(db: Db): Promise<void> {
  await sql`INSERT INTO app_user (id, email, display_name, status, created_at, updated_at)
    VALUES (${PERSON}, 'measured.person@bench.bezel.test', 'Measured Person', 'active', now(), now())`.execute(db);
  await sql`
    INSERT INTO application (id, product_version_id, applicant_user_id, status, named_insureds, mailing_address, time_zone, deductible,
                             items, worksheet, premium, currency, submitted_ip, submitted_at, created_at)
    SELECT ${uuid('1fffffff', 'g')}, pv.id, ${PERSON}, 'bound', jsonb_build_array('Measured Person'),
           jsonb_build_object('street', '1 Bench Street', 'city', 'Springfield', 'state', 'NY', 'postalCode', '10001', 'country', 'US'),
           'America/New_York', 250, '[]', '{}', 106.26, 'USD', '203.0.113.7', now(), now()
    FROM generate_series(1, 5) AS g, product_version pv`.execute(db);
  await sql`
    INSERT INTO policy (id, policy_number, application_id, holder_user_id, product_version_id, first_day, last_day, time_zone, status, premium, currency, issued_at)
    SELECT ${uuid('2fffffff', 'g')}, 'JW-PERSON-' || g, ${uuid('1fffffff', 'g')}, ${PERSON}, pv.id,
           current_date - 30, current_date + 334, 'America/New_York', 'in_force', 106.26, 'USD', now()
    FROM generate_series(1, 5) AS g, product_version pv`.execute(db);
  await sql`
    INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, kept_in_safe, annual_premium)
    SELECT ${uuid('2fffffff', 'g')}, n, 'Item ' || n || ' of policy ' || g, 'ring', 5000, false, 53.13
    FROM generate_series(1, 5) AS g, generate_series(1, 2) AS n`.execute(db);
  await sql`
    INSERT INTO policy_transaction (id, policy_id, kind, effective_date, recorded_at, premium_change, currency, details, item_changes, sequence_no)
    SELECT ${uuid('5fffffff', 'g')}, ${uuid('2fffffff', 'g')}, 'issue', current_date - 30, now(), 106.26, 'USD', '{}', '[]', 1
    FROM generate_series(1, 5) AS g`.execute(db);
  await sql`INSERT INTO billing_account (id, holder_user_id, currency, created_at) VALUES ('3fffffff-0000-4000-8000-000000000001', ${PERSON}, 'USD', now())`.execute(
    db,
  );
  await sql`
    INSERT INTO invoice (id, account_id, policy_id, policy_number, kind, amount, currency, issued_on, due_on, structured_reference, status, created_at)
    SELECT ${uuid('4fffffff', 'g')}, '3fffffff-0000-4000-8000-000000000001', ${uuid('2fffffff', 'g')}, 'JW-PERSON-' || g, 'premium', 106.26, 'USD',
           current_date - 30, current_date - 30, 'RF00P' || g, 'open', now()
    FROM generate_series(1, 5) AS g`.execute(db);
  // 20 claims, 4 on each policy (item 1 or 2, lost on the 20 days before today): 12 open, 8 settled with a settlement worksheet.
  await seedClaims(
    db,
    sql`
    SELECT ${uuid('6fffffff', 'n')} AS id, 'CL-PERSON-' || lpad(n::text, 2, '0') AS claim_number, ${uuid('2fffffff', '1 + (n - 1) % 5')} AS policy_id,
           ${PERSON}::uuid AS holder, 'Measured Person' AS holder_name, current_date - n AS loss_date,
           CASE WHEN n <= 8 THEN 'settled' ELSE 'reported' END AS status, 1 + (n - 1) % 2 AS item_no
    FROM generate_series(1, 20) AS n`,
  );
  // JPF-SETTLE-1..8: repair at 1,200.00 − 250.00 deductible = 950.00, agreed by the insured.
  await sql`
    INSERT INTO settlement_worksheet (id, claim_id, version, lines, total_payable, currency, reason, created_by, created_at, agreed_at, agreed_by_name)
    SELECT gen_random_uuid(), ${uuid('6fffffff', 'n')}, 1,
           jsonb_build_array(jsonb_build_object('lineNo', 1, 'itemNo', 1 + (n - 1) % 2, 'description', 'Item ' || (1 + (n - 1) % 2), 'method', 'repair',
                                                'payable', '950.00', 'totalLoss', false, 'detail', '{}'::jsonb)),
           950, 'USD', NULL, ${PERSON}, now(), now(), 'Measured Person'
    FROM generate_series(1, 8) AS n`.execute(db);
  // 500 events: 300 about the person (logins, profile), 200 about their policies.
  await sql`
    INSERT INTO audit_event (occurred_at, actor_type, actor_id, action, subject_type, subject_id, details, personal_details)
    SELECT now(), 'user', ${PERSON}, 'account.login', 'user', ${PERSON}, '{}', jsonb_build_object('ip', '203.0.113.7')
    FROM generate_series(1, 300)`.execute(db);
  await sql`
    INSERT INTO audit_event (occurred_at, actor_type, actor_id, action, subject_type, subject_id, details)
    SELECT now(), 'user', ${PERSON}, 'policy.viewed', 'policy', ${uuid('2fffffff', '1 + g % 5')}::text, '{}'
    FROM generate_series(1, 200) AS g`.execute(db);
}

export async function measurePrivacy(people: number, adminUrl: string, log: (message: string) => void = () => {}): Promise<PrivacyBench> {
  const repeat = Number(process.env.BENCH_PRIVACY_REPEAT ?? 5);
  const { postgres, ...baseline } = await measureSize(BASELINE_PEOPLE, adminUrl, repeat, log);
  const { postgres: _same, ...large } = await measureSize(people, adminUrl, repeat, log);
  return { baseline, large, postgres };
}

export function formatPrivacy(result: PrivacyBench): string {
  const row = (size: PrivacySize) =>
    `  ${size.people.toLocaleString('en-US').padStart(11)} people   access ${size.accessMs.toFixed(1).padStart(8)} ms   erasure ${size.erasureMs.toFixed(1).padStart(8)} ms` +
    `   (package ${size.packageRows} rows, ${size.claimRows} of claims; erasure changed ${size.erasedRows}, kept ${size.keptRows}; seeded in ${(size.seedMs / 1000).toFixed(1)} s)`;
  return [
    `Privacy (issue #5): one person with 5 policies, 20 claims and 500 audit events, median of repeated runs, on ${result.postgres}`,
    row(result.baseline),
    row(result.large),
    `  large ÷ baseline: access ${(result.large.accessMs / result.baseline.accessMs).toFixed(2)}×, erasure ${(result.large.erasureMs / result.baseline.erasureMs).toFixed(2)}×`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const people = Number(process.argv[2] ?? process.env.BENCH_PRIVACY_PEOPLE ?? 1_000_000);
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const result = await measurePrivacy(people, adminUrl, (message) => process.stderr.write(`[privacy bench] ${message}\n`));
  process.stdout.write(`${formatPrivacy(result)}\n${JSON.stringify(result)}\n`);
  process.exit(0);
}
