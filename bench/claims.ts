/**
 * Claims (issue #4 "Proof": "`npm run bench`: first notice of loss and settlement over HTTP on PostgreSQL with
 * p50/p99 beside the raw SQL; target ≥ 300 claims reported per second and an adjuster's queue of 100,000 open
 * claims answering in under 50 ms p99").
 *
 * One throw-away PostgreSQL database, migrated by Bezel (production settings, `serve` below), seeded set-based in
 * SQL (generate_series): BENCH_CLAIMS_POLICIES (default 30,000) in-force policies of a ring, each held by one of
 * 1,000 customers with an API token (scope claims:report), 20 adjusters with API tokens (the first one has a payment
 * authority), and BENCH_CLAIMS_OPEN (default 100,000) open claims with their item, first-notice facts and two diary
 * deadlines each (JPF-DUTY-4 proof of loss, JPF-SUIT-1), 80% assigned to an adjuster, ~18% with an overdue
 * deadline; the first BENCH_CLAIMS_SETTLE (default 30,000) of them covered, with the coverage proposal and the
 * adjuster's decision and a reserve of 5,000.00. Then, in this order:
 *
 *  (c) the adjuster's queue at 100,000 open claims: GET /api/v1/claims/queue with typical filters (all open, mine,
 *      overdue, overdue + mine + one loss kind, a page half-way down by cursor), BENCH_CLAIMS_QUEUE_CONCURRENCY
 *      (default 4) adjusters at a time — beside the same statements (token lookup + the queue's SELECT, recorded from
 *      the server) on pg.Pool, prepared, at the same concurrency;
 *  (a) first notice of loss: POST /api/v1/claims by API-token customers, each on its own policy (no duplicate
 *      refusals), BENCH_QUOTE_CONCURRENCY-style 16 workers — beside the write statements Bezel sent for one report
 *      (claim, item, first notice, diary, audit event, outbox mail job), replayed on pg.Pool, prepared, in ONE
 *      transaction with fresh ids and claim numbers;
 *  (b) settlement of a covered claim: POST …/worksheet (repair at 1,200.00 − 250.00 deductible = 950.00) then
 *      POST …/payments (the line, to the insured, within the adjuster's authority: the claim is settled), 16 at a
 *      time, each on its own claim — beside the writes of both requests replayed in one transaction, each replay
 *      on another seeded covered claim.
 *
 * Used by bench/run.ts (part "claims"); this file is also the server (`serve`) and the baseline (`bare`), each
 * its own process on the server core, like bench/quote-to-issue.ts whose loop and replay helpers it shares.
 * Alone: `node --import tsx bench/claims.ts` (BENCH_WARMUP, BENCH_DURATION, BENCH_PROFILE=1 as in run.ts;
 * BENCH_CLAIMS_QUEUE_DURATION seconds per queue row, default 4; BENCH_CLAIMS_KEEP=1 keeps the recorded statements).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startCpuWindow, waitForQuiet } from './cpu.ts';
import type { Pinning } from './processes.ts';
import { type FlowMeasurement, freshValues, isWrite, loop, replaceAllIn, type Settings, startChild, stopChild } from './quote-to-issue.ts';
import { type Recorded, say, startRecordingBezel } from './recording-server.ts';
import { formatTargets, type Target } from './report.ts';

export type ClaimsFlow = {
  label: string;
  /** Statements Bezel sent to PostgreSQL for one flow (all requests of it), and how many of them wrote. */
  statementsPerFlow: number | null;
  writesPerFlow: number | null;
  /** The tables those writes insert into or update, in order. */
  writtenTables: string[];
  bezel: FlowMeasurement | null;
  bare: FlowMeasurement | null;
  error?: string;
};

export type QueueRow = {
  label: string;
  request: string;
  /** Claims on the page Bezel answered (the probe). */
  rows: number;
  statementsPerRequest: number | null;
  bezel: FlowMeasurement | null;
  bare: FlowMeasurement | null;
  error?: string;
};

export type ClaimsBench = {
  postgres: string;
  concurrency: number;
  queueConcurrency: number;
  seeded: { policies: number; openClaims: number; settleClaims: number; seedMs: number };
  /** Open claims when the queue was measured (reported, needs information, covered). */
  openClaimsAtQueue: number | null;
  queue: QueueRow[];
  fnol: ClaimsFlow | null;
  settlement: ClaimsFlow | null;
  skipped?: string;
  error?: string;
};

type Seed = { run: string; customers: number; adjusters: number; policies: number; openClaims: number; settleClaims: number };

const mode = process.argv[2];
const isMain = process.argv[1]?.endsWith('bench/claims.ts') ?? false;
const SCRIPT = 'bench/claims.ts';

// ---------------------------------------------------------------- ids and tokens of the seeded data

/** Deterministic ids: `prefix-0000-4000-8000-<n, 12 digits>`, the same in SQL (uuidSql) and here. */
const PREFIX = { customer: 'c1000000', adjuster: 'c1a00000', application: 'c2000000', policy: 'c3000000', claim: 'c5000000' } as const;
const uuidOf = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tokenOf = (run: string, kind: 'customer' | 'adjuster', n: number) => `bzl_${run}_${kind[0]}${n}`;
/** The customer holding policy g (the seed's rule). */
const holderOf = (seed: Pick<Seed, 'customers'>, g: number) => 1 + (g % seed.customers);

// ---------------------------------------------------------------- HTTP (load generator side)

function send(
  agent: Agent,
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Days before today (UTC) as 'YYYY-MM-DD'. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * One first notice of loss: the holder of the next unused policy reports a loss of its ring (every fourth a theft,
 * with the police report, JPF-DUTY-3), two days ago (inside the period, in New York as in UTC).
 */
function fnolFlow(port: number, seed: Seed, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const lossDate = daysAgo(2);
  let next = 0;
  return async () => {
    next += 1;
    const g = next;
    if (g > seed.policies) throw new Error('no unused policy left: raise BENCH_CLAIMS_POLICIES');
    const customer = holderOf(seed, g);
    const theft = g % 4 === 0;
    const body = {
      policyId: uuidOf(PREFIX.policy, g),
      items: [{ itemNo: 1 }],
      lossKind: theft ? 'theft' : 'loss',
      lossDate,
      lossTime: '14:30',
      lossPlace: 'Fifth Avenue, New York',
      lossCountry: 'US',
      narrative: theft ? 'The ring was taken from my bag on the subway.' : 'I lost the ring walking home and noticed it at the door.',
      ...(theft && { policeReportReference: `NYPD-${seed.run}-${g}`, policeAuthority: 'NYPD' }),
      protectionConfirmed: true,
      reporterName: `Customer ${customer}`,
      reporterRelation: 'named_insured',
      insuredName: `Customer ${customer}`,
    };
    const reported = await send(agent, port, 'POST', '/api/v1/claims', body, { authorization: `Bearer ${tokenOf(seed.run, 'customer', customer)}` });
    if (reported.status !== 201) throw new Error(`POST /api/v1/claims answered ${reported.status}: ${reported.body.slice(0, 300)}`);
  };
}

/** One settlement: the adjuster makes the worksheet of the next covered claim and pays its line to the insured. */
function settlementFlow(port: number, seed: Seed, concurrency: number, upTo: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const auth = { authorization: `Bearer ${tokenOf(seed.run, 'adjuster', 1)}` };
  let next = 0;
  return async () => {
    next += 1;
    if (next > upTo) throw new Error('no covered claim left: raise BENCH_CLAIMS_SETTLE');
    const claimId = uuidOf(PREFIX.claim, next);
    // JPF-SETTLE-1/2: repair at 1,200.00, the smallest candidate (coverage amount 5,000.00), minus the 250.00 deductible = 950.00.
    const worksheet = await send(
      agent,
      port,
      'POST',
      `/api/v1/claims/${claimId}/worksheet`,
      { lines: [{ lineNo: 1, method: 'repair', repairOrReplaceCost: '1200.00' }] },
      auth,
    );
    if (worksheet.status !== 201) throw new Error(`POST …/worksheet answered ${worksheet.status}: ${worksheet.body.slice(0, 300)}`);
    const paid = await send(agent, port, 'POST', `/api/v1/claims/${claimId}/payments`, { lineNos: [1], payee: 'insured' }, auth);
    if (paid.status !== 201) throw new Error(`POST …/payments answered ${paid.status}: ${paid.body.slice(0, 300)}`);
    const outcome = JSON.parse(paid.body) as { status: string; claimStatus: string };
    if (outcome.status !== 'issued' || outcome.claimStatus !== 'settled') throw new Error(`payment ${outcome.status}, claim ${outcome.claimStatus}`);
  };
}

function queueFlow(port: number, seed: Seed, concurrency: number, path: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const auth = { authorization: `Bearer ${tokenOf(seed.run, 'adjuster', 1)}` };
  return async () => {
    const page = await send(agent, port, 'GET', path, undefined, auth);
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}: ${page.body.slice(0, 300)}`);
  };
}

// ---------------------------------------------------------------- the server under test (`serve`)

/** Bezel on DATABASE_URL with the bench's data seeded; counts (and on request records) every statement. */
async function serve(): Promise<void> {
  const bezel = await startRecordingBezel('claims', {
    'open-claims': (running) => void openClaims(running.deps.db).then((count) => say({ type: 'open-claims', count })),
  });
  const { seedDemoUsers } = await import('../src/modules/accounts/index.ts');
  const { seedDemoProduct } = await import('../src/modules/products/index.ts');
  const { app, deps } = bezel;
  if (!app) throw new Error('Bezel web is off');
  await seedDemoUsers(deps);
  await seedDemoProduct(deps);
  const seed = JSON.parse(process.env.BENCH_CLAIMS_SEED ?? '{}') as Seed;
  const started = performance.now();
  await seedClaimsData(app, deps, seed);
  const seedMs = Math.round(performance.now() - started);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  say({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, seedMs });
}

async function openClaims(db: import('../src/platform/db/database.ts').Db): Promise<number> {
  const { sql } = await import('kysely');
  const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM claim WHERE status IN ('reported', 'needs_information', 'covered')`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The bench's data, set-based. The policies copy one policy bound through Bezel (its application's items and
 * rating worksheet, its schedule and its issue transaction with the item changes the timeline reads), with the
 * period moved to 200 days ago .. 164 days ahead so that losses of the last months fall inside it.
 */
async function seedClaimsData(app: import('fastify').FastifyInstance, deps: import('../src/platform/deps.ts').Deps, seed: Seed): Promise<void> {
  const { sql } = await import('kysely');
  const { createApiToken, DEMO_PASSWORD, demoEmail, logIn } = await import('../src/modules/accounts/index.ts');
  const { decideCoverage } = await import('../src/modules/claims/domain/coverage-decision.ts');
  const db = deps.db;
  const origin = { requestId: null, ip: '127.0.0.1', userAgent: 'bezel-bench' };

  // The template: Carla binds a ring through the API (quote + bind), as a customer would.
  const login = await logIn(deps, { email: demoEmail('customer'), password: DEMO_PASSWORD }, origin);
  const token = await createApiToken(deps, login.actor, { name: 'bench-claims-template', scopes: ['policies:apply'] }, origin);
  const auth = { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
  const quoted = await app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: auth,
    payload: {
      namedInsureds: ['Carla Customer'],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [
        { description: 'Diamond engagement ring, 1 ct, platinum', category: 'ring', coverageAmount: '5000.00', appraisalDate: '2026-01-15', keptInSafe: false },
      ],
    },
  });
  if (quoted.statusCode !== 201) throw new Error(`template application answered ${quoted.statusCode}: ${quoted.body}`);
  const inceptionDate = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  const bound = await app.inject({ method: 'POST', url: `/api/v1/applications/${quoted.json().id}/bind`, headers: auth, payload: { inceptionDate } });
  if (bound.statusCode !== 201) throw new Error(`template bind answered ${bound.statusCode}: ${bound.body}`);
  const template = bound.json() as { id: string };

  const uuid = (prefix: string, n: string) => sql.raw(`('${prefix}-0000-4000-8000-' || lpad((${n})::text, 12, '0'))::uuid`);
  const { run, customers, adjusters, policies, openClaims: claims, settleClaims } = seed;
  const tokenSql = (kind: 'c' | 'a', n: string) => sql.raw(`encode(sha256(convert_to('bzl_${run}_${kind}' || (${n})::text, 'UTF8')), 'hex')`);

  // People: customers (API tokens to report) and adjusters (API tokens to read the queue, decide and pay).
  await sql`
    INSERT INTO app_user (id, email, display_name, status, created_at, updated_at)
    SELECT ${uuid(PREFIX.customer, 'g')}, 'claims-customer' || g || '@bench.bezel.test', 'Customer ' || g, 'active', now(), now()
    FROM generate_series(1, ${customers}::int) AS g`.execute(db);
  await sql`
    INSERT INTO app_user (id, email, display_name, status, created_at, updated_at)
    SELECT ${uuid(PREFIX.adjuster, 'g')}, 'claims-adjuster' || g || '@bench.bezel.test', 'Adjuster ' || g, 'active', now(), now()
    FROM generate_series(1, ${adjusters}::int) AS g`.execute(db);
  await sql`
    INSERT INTO user_role (user_id, role)
    SELECT ${uuid(PREFIX.customer, 'g')}, 'customer' FROM generate_series(1, ${customers}::int) AS g
    UNION ALL SELECT ${uuid(PREFIX.adjuster, 'g')}, 'adjuster' FROM generate_series(1, ${adjusters}::int) AS g`.execute(db);
  await sql`
    INSERT INTO api_token (id, user_id, name, token_hash, token_prefix, scopes, created_at)
    SELECT gen_random_uuid(), ${uuid(PREFIX.customer, 'g')}, 'bench-claims', ${tokenSql('c', 'g')}, left('bzl_${sql.raw(run)}', 10), ARRAY['claims:report'], now()
    FROM generate_series(1, ${customers}::int) AS g
    UNION ALL
    SELECT gen_random_uuid(), ${uuid(PREFIX.adjuster, 'g')}, 'bench-claims', ${tokenSql('a', 'g')}, left('bzl_${sql.raw(run)}', 10),
           ARRAY['claims:report', 'claims:read_all', 'claims:handle', 'claims:pay', 'policies:read_all'], now()
    FROM generate_series(1, ${adjusters}::int) AS g`.execute(db);
  // The first adjuster may pay up to 100,000.00 on a claim without approval.
  await sql`
    INSERT INTO adjuster_payment_authority (user_id, currency, limit_amount, set_by, set_at)
    VALUES (${uuidOf(PREFIX.adjuster, 1)}, 'USD', 100000, ${uuidOf(PREFIX.adjuster, 1)}, now())`.execute(db);

  // Policies: copies of the template, policy g held by customer 1 + g % customers.
  await sql`
    INSERT INTO application (id, product_version_id, applicant_user_id, status, named_insureds, other_insureds, mailing_address, time_zone,
                             deductible, items, worksheet, premium, currency, referral_reasons, submitted_at, created_at, decision)
    SELECT ${uuid(PREFIX.application, 'g')}, t.product_version_id, ${uuid(PREFIX.customer, `1 + g % ${customers}`)}, 'bound',
           jsonb_build_array('Customer ' || (1 + g % ${sql.raw(String(customers))})), '[]', t.mailing_address, t.time_zone,
           t.deductible, t.items, t.worksheet, t.premium, t.currency, '[]', now(), now(), t.decision
    FROM generate_series(1, ${policies}::int) AS g, application t, policy p
    WHERE p.id = ${template.id} AND t.id = p.application_id`.execute(db);
  await sql`
    INSERT INTO policy (id, policy_number, application_id, holder_user_id, product_version_id, first_day, last_day, time_zone, status, premium, currency, issued_at)
    SELECT ${uuid(PREFIX.policy, 'g')}, 'JW-CLB-' || lpad(g::text, 7, '0'), ${uuid(PREFIX.application, 'g')}, ${uuid(PREFIX.customer, `1 + g % ${customers}`)},
           p.product_version_id, current_date - 200, current_date + 164, p.time_zone, 'in_force', p.premium, p.currency, now()
    FROM generate_series(1, ${policies}::int) AS g, policy p WHERE p.id = ${template.id}`.execute(db);
  await sql`
    INSERT INTO scheduled_item (policy_id, item_no, description, category, coverage_amount, set_id, possessor, appraisal_date, kept_in_safe, annual_premium)
    SELECT ${uuid(PREFIX.policy, 'g')}, s.item_no, s.description, s.category, s.coverage_amount, s.set_id, s.possessor, s.appraisal_date, s.kept_in_safe, s.annual_premium
    FROM generate_series(1, ${policies}::int) AS g, scheduled_item s WHERE s.policy_id = ${template.id}`.execute(db);
  await sql`
    INSERT INTO policy_transaction (id, policy_id, kind, effective_date, recorded_at, premium_change, currency, details, item_changes, sequence_no)
    SELECT gen_random_uuid(), ${uuid(PREFIX.policy, 'g')}, 'issue', current_date - 200, now(), t.premium_change, t.currency, t.details, t.item_changes, 1
    FROM generate_series(1, ${policies}::int) AS g, policy_transaction t WHERE t.policy_id = ${template.id} AND t.kind = 'issue'`.execute(db);

  // Claims: claim k on policy 1 + k % policies, lost 3..112 days ago (proof of loss overdue after 90 days: ~18%),
  // reported the day after; 4 of 5 assigned to adjuster 1 + k % 25 (adjuster 1: 4%); every loss kind.
  await sql`
    INSERT INTO claim (id, claim_number, policy_id, holder_user_id, adjuster_user_id, reported_by_user_id, channel, reporter_name,
                       reporter_relation, insured_name, loss_kind, loss_date, loss_time, loss_place, loss_country, narrative,
                       police_report_reference, police_authority, protection_confirmed, notice_date, status, time_zone, currency, reported_at, updated_at)
    SELECT ${uuid(PREFIX.claim, 'k')}, 'CL-BENCH-' || lpad(k::text, 7, '0'), ${uuid(PREFIX.policy, 'c.p')}, ${uuid(PREFIX.customer, 'c.holder')},
           CASE WHEN k % 25 < ${adjusters}::int THEN ${uuid(PREFIX.adjuster, '1 + k % 25')} END, ${uuid(PREFIX.customer, 'c.holder')}, 'portal',
           'Customer ' || c.holder, 'named_insured', 'Customer ' || c.holder, c.kind, current_date - c.age, '14:30', 'Fifth Avenue, New York', 'US',
           'Lost the ring walking home.', CASE WHEN c.kind = 'theft' THEN 'NYPD-' || k END, CASE WHEN c.kind = 'theft' THEN 'NYPD' END, true,
           current_date - c.age + 1,
           CASE WHEN k <= ${settleClaims}::int THEN 'covered' WHEN (k * 13) % 20 < 12 THEN 'reported' WHEN (k * 13) % 20 < 17 THEN 'needs_information' ELSE 'covered' END,
           'America/New_York', 'USD', (current_date - c.age + 1) + make_interval(mins => k % 1440), (current_date - c.age + 1) + make_interval(mins => k % 1440)
    FROM generate_series(1, ${claims}::int) AS k,
         LATERAL (SELECT 1 + k % ${policies}::int AS p, 1 + (1 + k % ${policies}::int) % ${customers}::int AS holder, 3 + (k * 7) % 110 AS age,
                         (ARRAY['damage', 'loss', 'theft', 'disappearance'])[1 + (k / 25) % 4] AS kind) AS c`.execute(db);
  await sql`
    INSERT INTO claim_item (claim_id, line_no, item_no, description, category, coverage_amount, set_id, newly_purchased, extent)
    SELECT ${uuid(PREFIX.claim, 'k')}, 1, 1, s.description, s.category, s.coverage_amount, s.set_id, false, 'whole'
    FROM generate_series(1, ${claims}::int) AS k, scheduled_item s WHERE s.policy_id = ${template.id} AND s.item_no = 1`.execute(db);
  await sql`
    INSERT INTO claim_first_notice (claim_id, violation_of_law)
    SELECT id, loss_kind = 'theft' FROM claim WHERE claim_number LIKE 'CL-BENCH-%'`.execute(db);
  await sql`
    INSERT INTO claim_diary_entry (id, claim_id, kind, party, due_on, clause, status, created_at)
    SELECT gen_random_uuid(), id, 'proof_of_loss_due', 'insured', loss_date + 90, 'JPF-DUTY-4', 'open', reported_at FROM claim WHERE claim_number LIKE 'CL-BENCH-%'
    UNION ALL
    SELECT gen_random_uuid(), id, 'suit_limitation', 'insured', (loss_date + interval '1 year')::date, 'JPF-SUIT-1', 'open', reported_at
    FROM claim WHERE claim_number LIKE 'CL-BENCH-%'`.execute(db);

  // The covered claims to settle: the system's proposal and adjuster 1's decision (JPF-COVER-1), a reserve of 5,000.00.
  const { exclusions: _exclusions, ...decision } = decideCoverage({
    causes: [{ peril: 'accidental_loss', role: 'proximate' }],
    custodian: null,
    facts: { lossKind: 'loss', policeReportReference: null },
  });
  if (decision.outcome !== 'covered') throw new Error(`the bench's cause of loss is ${decision.outcome}, not covered`);
  const json = (value: unknown) => JSON.stringify(value);
  await sql`
    INSERT INTO claim_coverage_decision (id, claim_id, seq, kind, outcome, automatic, causes, custodian, clauses, missing, notes, proposal_id,
                                         overridden, reconsideration, reason, decided_by, recorded_by, created_at)
    SELECT ('c5d00000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, ${uuid(PREFIX.claim, 'k')}, 1, 'proposal', 'covered', true,
           ${json([{ peril: 'accidental_loss', role: 'proximate' }])}::jsonb, NULL::jsonb, ${json(decision.clauses)}::jsonb, ${json(decision.missing)}::jsonb,
           ${json(decision.notes)}::jsonb, NULL::uuid, false, false, NULL::text, NULL::uuid, ${uuidOf(PREFIX.adjuster, 1)}::uuid, now()
    FROM generate_series(1, ${settleClaims}::int) AS k
    UNION ALL
    SELECT gen_random_uuid(), ${uuid(PREFIX.claim, 'k')}, 2, 'decision', 'covered', false,
           ${json([{ peril: 'accidental_loss', role: 'proximate' }])}::jsonb, NULL::jsonb, ${json(decision.clauses)}::jsonb, ${json(decision.missing)}::jsonb,
           ${json(decision.notes)}::jsonb, ('c5d00000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, false, false, NULL,
           ${uuidOf(PREFIX.adjuster, 1)}::uuid, ${uuidOf(PREFIX.adjuster, 1)}::uuid, now()
    FROM generate_series(1, ${settleClaims}::int) AS k`.execute(db);
  await sql`
    INSERT INTO claim_reserve_entry (id, claim_id, entry_no, kind, amount_change, balance, currency, recorded_by, recorded_at)
    SELECT gen_random_uuid(), ${uuid(PREFIX.claim, 'k')}, 1, 'set', 5000, 5000, 'USD', ${uuidOf(PREFIX.adjuster, 1)}::uuid, now()
    FROM generate_series(1, ${settleClaims}::int) AS k`.execute(db);
  await sql`ANALYZE`.execute(db);
}

// ---------------------------------------------------------------- the baseline (`bare`)

type BareSettings = Settings & {
  /** Run the statements in one transaction (writes) or one by one (reads). */
  transaction: boolean;
  /** Each run replaces this value (a claim id) by the next of `prefix` numbered from..to. */
  rotate?: { value: string; prefix: string; from: number; to: number };
};

/** Columns whose values a replay makes new: primary keys and unique business keys. */
const FRESH_COLUMNS = new Set(['id', 'claim_number', 'idempotency_key']);

async function bare(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_CLAIMS_BARE ?? '{}') as BareSettings;
  const statements = JSON.parse(readFileSync(process.env.BENCH_CLAIMS_STATEMENTS as string, 'utf8')) as Recorded[];
  const fresh = settings.transaction ? [...freshValues(statements, FRESH_COLUMNS)] : [];
  const keepText = (text: string) => text;
  // Same pool size and session settings as Bezel's pg pool (src/platform/db/database.ts).
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC -c DateStyle=ISO',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 1184 || oid === 1114 ? keepText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const run = randomBytes(3).toString('hex');
  let n = 0;
  const flow = async () => {
    n += 1;
    const swaps: [string, string][] = fresh.map(([old, column]) => [old, column === 'claim_number' ? `CL-bare-${run}-${n}` : randomUUID()]);
    if (settings.rotate) {
      const k = settings.rotate.from + n - 1;
      if (k > settings.rotate.to) throw new Error('no seeded claim left for the baseline: raise BENCH_CLAIMS_SETTLE');
      swaps.push([settings.rotate.value, uuidOf(settings.rotate.prefix, k)]);
    }
    const client = await pool.connect();
    try {
      if (settings.transaction) await client.query('BEGIN');
      for (const [index, statement] of statements.entries()) {
        const values = swaps.length === 0 ? statement.values : statement.values.map((value) => replaceAllIn(value, swaps));
        await client.query({ name: `claims_bench_${index}`, text: statement.text, values });
      }
      if (settings.transaction) await client.query('COMMIT');
    } catch (error) {
      if (settings.transaction) await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  // CPU: 'server' is this process (driver + pg), 'postgres' the database's processes.
  const measurement = await loop(flow, settings, () => startCpuWindow(process.pid));
  await pool.end();
  say({ type: 'measured', measurement });
}

// ---------------------------------------------------------------- orchestration (bench/run.ts side)

type Options = {
  adminUrl: string;
  pinning: Pinning;
  warmupSeconds: number;
  durationSeconds: number;
  log: (message: string) => void;
  nodeFlags?: string[];
};

type Server = ReturnType<typeof startChild>;

/** Records every statement of one `flow` on the server: [all statements, count]. */
async function recordOne(server: Server, flow: () => Promise<void>): Promise<{ recorded: Recorded[]; file: string; count: number }> {
  const before = Number((await server.ask('queries', 'queries')).count);
  server.send('record');
  await flow();
  const file = String((await server.ask('recorded', 'recorded')).file);
  const after = Number((await server.ask('queries', 'queries')).count);
  return { recorded: JSON.parse(readFileSync(file, 'utf8')) as Recorded[], file, count: after - before };
}

async function runBare(env: Record<string, string>, options: Options, statements: Recorded[], settings: BareSettings): Promise<FlowMeasurement> {
  const file = join(tmpdir(), `bezel-claims-bare-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(statements));
  const baseline = startChild(['bare'], { ...env, BENCH_CLAIMS_STATEMENTS: file, BENCH_CLAIMS_BARE: JSON.stringify(settings) }, options.pinning, [], SCRIPT);
  try {
    return (await baseline.next('measured')).measurement as FlowMeasurement;
  } finally {
    await stopChild(baseline);
    if (process.env.BENCH_CLAIMS_KEEP !== '1') rmSync(file, { force: true });
  }
}

export async function measureClaims(options: Options): Promise<ClaimsBench> {
  const concurrency = Number(process.env.BENCH_CLAIMS_CONCURRENCY ?? 16);
  const queueConcurrency = Number(process.env.BENCH_CLAIMS_QUEUE_CONCURRENCY ?? 4);
  const queueSeconds = Number(process.env.BENCH_CLAIMS_QUEUE_DURATION ?? 4);
  const seed: Seed = {
    run: randomBytes(8).toString('hex'),
    customers: 1000,
    adjusters: 20,
    policies: Number(process.env.BENCH_CLAIMS_POLICIES ?? 30_000),
    openClaims: Number(process.env.BENCH_CLAIMS_OPEN ?? 100_000),
    settleClaims: Number(process.env.BENCH_CLAIMS_SETTLE ?? 30_000),
  };
  const flowSettings: Settings = { warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds, concurrency };
  const queueSettings: Settings = { warmupSeconds: Math.min(options.warmupSeconds, 1), durationSeconds: queueSeconds, concurrency: queueConcurrency };
  const result: ClaimsBench = {
    postgres: '?',
    concurrency,
    queueConcurrency,
    seeded: { policies: seed.policies, openClaims: seed.openClaims, settleClaims: seed.settleClaims, seedMs: 0 },
    openClaimsAtQueue: null,
    queue: [],
    fnol: null,
    settlement: null,
  };
  const admin = new pg.Client({ connectionString: options.adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { ...result, skipped: `PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)})` };
  }
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  const database = `bezel_bench_claims_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${database}`;
  result.postgres = `PostgreSQL ${version} (${url.host})`;
  const env: Record<string, string> = {
    DATABASE_URL: url.toString(),
    ...(process.env.DATABASE_POOL_SIZE && { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE }),
  };
  const quiet = () => waitForQuiet(15_000);
  try {
    options.log(
      `claims: starting Bezel on ${database}, seeding ${seed.policies.toLocaleString('en-US')} policies and ${seed.openClaims.toLocaleString('en-US')} open claims`,
    );
    const server = startChild(['serve'], { ...env, BENCH_CLAIMS_SEED: JSON.stringify(seed) }, options.pinning, options.nodeFlags, SCRIPT);
    server.child.setMaxListeners(200);
    const ready = await server.next('ready', 300_000);
    const port = Number(ready.port);
    result.seeded.seedMs = Number(ready.seedMs);
    options.log(`claims: seeded in ${(result.seeded.seedMs / 1000).toFixed(1)} s`);
    const serverCpu = () => startCpuWindow(server.child.pid ?? -1);
    const recordedFiles: string[] = [];
    const queueBare: { row: QueueRow; statements: Recorded[] }[] = [];
    const fnolStatements: { writes: Recorded[] } = { writes: [] };
    const settleStatements: { writes: Recorded[]; claimId: string } = { writes: [], claimId: '' };
    try {
      // (c) The queue first, while exactly the seeded claims are open.
      result.openClaimsAtQueue = Number((await server.ask('open-claims', 'open-claims')).count);
      const cursor = await deepCursor(url.toString(), Math.floor(result.openClaimsAtQueue / 2));
      const variants: { label: string; path: string }[] = [
        { label: 'open claims, first page (50, oldest first)', path: '/api/v1/claims/queue' },
        { label: 'mine (adjuster=me)', path: '/api/v1/claims/queue?adjuster=me' },
        { label: 'overdue', path: '/api/v1/claims/queue?overdue=true' },
        { label: 'overdue + mine + theft', path: '/api/v1/claims/queue?overdue=true&adjuster=me&lossKind=theft' },
        { label: 'open claims, a page half-way down (cursor)', path: `/api/v1/claims/queue?cursor=${cursor}` },
      ];
      for (const variant of variants) {
        const flow = queueFlow(port, seed, queueConcurrency, variant.path);
        const probe = await send(new Agent(), port, 'GET', variant.path, undefined, { authorization: `Bearer ${tokenOf(seed.run, 'adjuster', 1)}` });
        const row: QueueRow = {
          label: variant.label,
          request: `GET ${variant.path.replace(/cursor=[^&]+/, 'cursor=…')}`,
          rows: probe.status === 200 ? (JSON.parse(probe.body) as { items: unknown[] }).items.length : 0,
          statementsPerRequest: null,
          bezel: null,
          bare: null,
        };
        result.queue.push(row);
        if (probe.status !== 200) {
          row.error = `probe answered ${probe.status}: ${probe.body.slice(0, 200)}`;
          continue;
        }
        const one = await recordOne(server, flow);
        recordedFiles.push(one.file);
        row.statementsPerRequest = one.count;
        queueBare.push({ row, statements: one.recorded.filter((statement) => !/^\s*(begin|commit|rollback)\b/i.test(statement.text)) });
        await quiet();
        options.log(`claims: queue ${variant.label}: ${queueSettings.warmupSeconds} s warm-up + ${queueSettings.durationSeconds} s, Bezel`);
        row.bezel = await loop(flow, queueSettings, serverCpu);
      }

      // (a) First notice of loss.
      const fnol: ClaimsFlow = {
        label: `First notice of loss over HTTP (POST /api/v1/claims, API token), ${concurrency} concurrent`,
        statementsPerFlow: null,
        writesPerFlow: null,
        writtenTables: [],
        bezel: null,
        bare: null,
      };
      result.fnol = fnol;
      await measurePart(fnol, async () => {
        const report = fnolFlow(port, seed, concurrency);
        await report(); // the first report warms the route's code paths; the recorded one is a usual one
        const fnolOne = await recordOne(server, report);
        recordedFiles.push(fnolOne.file);
        fnolStatements.writes = fnolOne.recorded.filter((statement) => isWrite(statement.text));
        fnol.statementsPerFlow = fnolOne.count;
        fnol.writesPerFlow = fnolStatements.writes.length;
        fnol.writtenTables = tablesWritten(fnolStatements.writes);
        await quiet();
        options.log(`claims: first notice of loss: ${flowSettings.warmupSeconds} s warm-up + ${flowSettings.durationSeconds} s, Bezel`);
        fnol.bezel = await loop(report, flowSettings, serverCpu);
      });

      // (b) Settlement: worksheet + payment on the first quarter of the covered claims; the baseline replays on the rest.
      const forBezel = settledByBezel(seed);
      const settlement: ClaimsFlow = {
        label: `Settlement over HTTP (POST …/worksheet + POST …/payments, API token), ${concurrency} concurrent`,
        statementsPerFlow: null,
        writesPerFlow: null,
        writtenTables: [],
        bezel: null,
        bare: null,
      };
      result.settlement = settlement;
      await measurePart(settlement, async () => {
        const settle = settlementFlow(port, seed, concurrency, forBezel);
        await settle();
        const settleOne = await recordOne(server, settle);
        recordedFiles.push(settleOne.file);
        settleStatements.writes = settleOne.recorded.filter((statement) => isWrite(statement.text));
        settleStatements.claimId = uuidOf(PREFIX.claim, 2);
        settlement.statementsPerFlow = settleOne.count;
        settlement.writesPerFlow = settleStatements.writes.length;
        settlement.writtenTables = tablesWritten(settleStatements.writes);
        await quiet();
        options.log(`claims: settlement: ${flowSettings.warmupSeconds} s warm-up + ${flowSettings.durationSeconds} s, Bezel`);
        settlement.bezel = await loop(settle, flowSettings, serverCpu);
      });
    } finally {
      await stopChild(server);
      if (process.env.BENCH_CLAIMS_KEEP !== '1') for (const file of recordedFiles) rmSync(file, { force: true });
      else options.log(`claims: recorded statements kept in ${recordedFiles.join(', ')}`);
    }

    // The baselines, with the Bezel server stopped.
    for (const { row, statements } of queueBare) {
      await measurePart(row, async () => {
        await quiet();
        options.log(`claims: queue ${row.label}: the same ${statements.length} statements on pg.Pool`);
        row.bare = await runBare(env, options, statements, { ...queueSettings, transaction: false });
      });
    }
    const { fnol, settlement } = result;
    if (fnol && fnolStatements.writes.length > 0)
      await measurePart(fnol, async () => {
        await quiet();
        options.log(`claims: first notice of loss: the same ${fnolStatements.writes.length} writes on pg.Pool, 1 transaction`);
        fnol.bare = await runBare(env, options, fnolStatements.writes, { ...flowSettings, transaction: true });
      });
    if (settlement && settleStatements.writes.length > 0)
      await measurePart(settlement, async () => {
        await quiet();
        options.log(`claims: settlement: the same ${settleStatements.writes.length} writes on pg.Pool, 1 transaction, each on another covered claim`);
        settlement.bare = await runBare(env, options, settleStatements.writes, {
          ...flowSettings,
          transaction: true,
          rotate: { value: settleStatements.claimId, prefix: PREFIX.claim, from: settledByBezel(seed) + 1, to: seed.settleClaims },
        });
      });
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  return result;
}

/** The covered claims Bezel settles (the first quarter); the baseline, about four times as fast, replays on the rest. */
const settledByBezel = (seed: Seed) => Math.floor(seed.settleClaims / 4);

/** The tables a flow's writes insert into or update (CTEs included), in order. */
function tablesWritten(writes: readonly Recorded[]): string[] {
  return writes.flatMap((write) => [...write.text.matchAll(/\b(?:insert\s+into|update)\s+"?(\w+)"?/gi)].map((match) => match[1] as string));
}

/** Runs one part of the bench; its failure is the part's error, and the other parts go on. */
async function measurePart(part: { error?: string }, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    part.error = error instanceof Error ? error.message : String(error);
  }
}

/** The queue's cursor after the `position`-th open claim in queue order (keyset: reported_at, id). */
async function deepCursor(databaseUrl: string, position: number): Promise<string> {
  const { encodeCursor } = await import('../src/modules/claims/domain/claim-queue.ts');
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    const { rows } = await client.query<{ reported_at: string; id: string }>(
      `SELECT to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS reported_at, id::text AS id FROM claim
       WHERE status IN ('reported', 'needs_information', 'covered') ORDER BY reported_at, id OFFSET $1 LIMIT 1`,
      [position],
    );
    const row = rows[0];
    if (!row) throw new Error('no open claim for the cursor');
    return encodeCursor({ reportedAt: row.reported_at, id: row.id });
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- report

const cell = (m: FlowMeasurement | null) =>
  m
    ? `${m.perSecond.toLocaleString('en-US').padStart(9)} ${m.latencyMs.p50.toFixed(2).padStart(9)} ${m.latencyMs.p99.toFixed(2).padStart(9)}` +
      (m.cpu ? ` ${`${m.cpu.server.toFixed(2)}/${m.cpu.postgres.toFixed(2)}/${m.cpu.other.toFixed(2)}`.padStart(15)}` : '') +
      (m.failures > 0 ? `\n      ! ${m.failures} failed (${m.firstFailure ?? ''}): this row is not valid` : '')
    : 'not measured';

export function formatClaims(result: ClaimsBench): string {
  const title = `Claims (issue #4) on ${result.postgres}`;
  if (result.skipped) return `${title}\n  skipped: ${result.skipped}\n`;
  const lines = [
    title,
    `  seeded in SQL: ${result.seeded.policies.toLocaleString('en-US')} in-force policies, ${result.seeded.openClaims.toLocaleString('en-US')} open claims ` +
      `(${result.seeded.settleClaims.toLocaleString('en-US')} of them covered with a reserve), in ${(result.seeded.seedMs / 1000).toFixed(1)} s`,
    `  ${'Scenario'.padEnd(70)} ${'per s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'CPU srv/pg/oth'.padStart(15)}`,
    `  ${'-'.repeat(116)}`,
    `  Adjuster's queue, ${(result.openClaimsAtQueue ?? 0).toLocaleString('en-US')} open claims, ${result.queueConcurrency} concurrent (API token):`,
  ];
  for (const row of result.queue) {
    lines.push(`  ${`  ${row.label} (${row.rows} rows, ${row.statementsPerRequest ?? '?'} SQL)`.padEnd(70)} ${cell(row.bezel)}`);
    lines.push(`  ${'    same statements on pg.Pool, prepared'.padEnd(70)} ${cell(row.bare)}`);
    if (row.error) lines.push(`      ! ${row.error}`);
  }
  for (const flow of [result.fnol, result.settlement]) {
    if (!flow) continue;
    lines.push(`  ${flow.label}:`);
    lines.push(`  ${`  Bezel over HTTP (${flow.statementsPerFlow ?? '?'} SQL statements)`.padEnd(70)} ${cell(flow.bezel)}`);
    const writes = flow.writesPerFlow === 1 ? '1 write' : `${flow.writesPerFlow ?? '?'} writes`;
    lines.push(`  ${`  Same ${writes} on pg.Pool, prepared, 1 transaction`.padEnd(70)} ${cell(flow.bare)}`);
    if (flow.writtenTables.length > 0) lines.push(`    writes to: ${flow.writtenTables.join(', ')}`);
    if (flow.bezel && flow.bare && flow.bare.perSecond > 0)
      lines.push(`    Bezel does ${Math.round((flow.bezel.perSecond / flow.bare.perSecond) * 100)}% of the bare writes' throughput.`);
    if (flow.error) lines.push(`  ! ${flow.error}`);
  }
  if (result.error) lines.push(`  ! ${result.error}`);
  return `${lines.join('\n')}\n`;
}

export function claimsTargets(result: ClaimsBench | null): Target[] {
  const fnol = result?.fnol?.bezel && result.fnol.bezel.failures === 0 ? result.fnol.bezel : null;
  const why = result?.skipped ?? result?.error ?? 'not measured';
  const targets: Target[] = [
    fnol
      ? {
          name: 'Claims reported (first notice of loss) on PostgreSQL (issue #4)',
          target: '≥ 300/s',
          measured: `${fnol.perSecond.toLocaleString('en-US')}/s (p99 ${fnol.latencyMs.p99} ms)`,
          status: fnol.perSecond >= 300 ? 'PASS' : 'FAIL',
        }
      : { name: 'Claims reported (first notice of loss) on PostgreSQL (issue #4)', target: '≥ 300/s', measured: why, status: 'SKIP' },
  ];
  const rows = result?.queue.filter((row) => row.bezel && row.bezel.failures === 0 && !row.error) ?? [];
  if (rows.length === 0 || !result || rows.length < result.queue.length) {
    targets.push({
      name: "Adjuster's queue p99 at 100,000 open claims (issue #4)",
      target: '< 50 ms',
      measured: rows.length === 0 ? why : 'a row failed',
      status: 'SKIP',
    });
  } else {
    const worst = rows.reduce((a, b) => ((a.bezel?.latencyMs.p99 ?? 0) >= (b.bezel?.latencyMs.p99 ?? 0) ? a : b));
    const p99 = worst.bezel?.latencyMs.p99 ?? Number.NaN;
    targets.push({
      name: `Adjuster's queue p99 at ${(result.openClaimsAtQueue ?? 0).toLocaleString('en-US')} open claims (issue #4)`,
      target: '< 50 ms',
      measured: `worst ${p99} ms (${worst.label})`,
      status: p99 < 50 && (result.openClaimsAtQueue ?? 0) >= 100_000 ? 'PASS' : 'FAIL',
    });
  }
  return targets;
}

// ---------------------------------------------------------------- entry points of the child processes

if (isMain && mode === 'serve') {
  serve().catch((error) => {
    process.stderr.write(`claims bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
} else if (isMain && mode === 'bare') {
  bare().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`claims baseline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else if (isMain && mode === undefined) {
  const { setUpPinning } = await import('./processes.ts');
  const result = await measureClaims({
    adminUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pinning: setUpPinning(),
    warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 8),
    log: (message) => process.stderr.write(`[claims bench ${Math.round(performance.now() / 1000)}s] ${message}\n`),
    nodeFlags: process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'bezel-bench-profiles')}`] : [],
  });
  process.stdout.write(`\n${formatClaims(result)}\n${formatTargets(claimsTargets(result))}\n${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
