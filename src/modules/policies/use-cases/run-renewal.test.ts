import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { listInvoices, recordPayment } from '../../billing/index.ts';
import { activateRateTable, uploadRateTable } from '../../products/index.ts';
import { usePolicyApiTest } from '../http/policy-api-test-support.ts';
import { cancelByInsurer } from './cancel-by-insurer.ts';
import { runRenewal } from './run-renewal.ts';
import { startRenewalRun } from './start-renewal-run.ts';

/**
 * JPF-COND-7 end to end through the use cases: offers ahead of the anniversary, re-rated with the rate table
 * in force AT the anniversary, resumable after a crash, idempotent, then renewal of a paid offer and lapse of
 * an unpaid one. The tests run in order on one database; the clock moves forward between them.
 * Policies (all: ring $5,000, NY, $250 deductible, bound from 2026-12-01: last day 2027-11-30, anniversary
 * 2027-12-01, offer date 2027-12-01 − 45 days = 2027-10-17):
 *   paid — its renewal invoice is paid; unpaid — never paid; cancelled — cancelled by the insurer before; p4, p5.
 */
const api = usePolicyApiTest();
const system = systemActor('test');
const policies: Record<'paid' | 'unpaid' | 'cancelled' | 'p4' | 'p5', { id: string; policyNumber: string }> = {} as never;

async function offerOf(policyId: string) {
  const { rows } = await sql<{
    id: string;
    status: string;
    premium: string;
    anniversary: string;
    renewal_first_day: string;
    renewal_last_day: string;
    invoice_id: string | null;
    renewed_policy_id: string | null;
    worksheet: { ratingDate: string; total: { amount: string }; items: { steps: { factor: string; version: number; value: string }[] }[] };
  }>`SELECT id, status, premium::text AS premium, anniversary::text AS anniversary, renewal_first_day::text AS renewal_first_day,
            renewal_last_day::text AS renewal_last_day, invoice_id, renewed_policy_id, worksheet
     FROM renewal_offer WHERE policy_id = ${policyId}`.execute(api.bezel.deps.db);
  return rows;
}

async function renewalInvoices(policyId: string) {
  return (await listInvoices(api.bezel.deps, system, { policyId })).filter((invoice) => invoice.kind === 'renewal');
}

async function startAndRun(options: Parameters<typeof runRenewal>[3] = {}) {
  const { run } = await startRenewalRun(api.bezel.deps, system, { trigger: 'manual', enqueue: false }, SYSTEM_ORIGIN);
  return runRenewal(api.bezel.deps, system, run.id, options);
}

describe('JPF-COND-7: renewal offers', () => {
  before(async () => {
    const deps = api.bezel.deps;
    for (const name of ['paid', 'unpaid', 'cancelled', 'p4', 'p5'] as const) policies[name] = await api.boundPolicy();
    await cancelByInsurer(deps, system, policies.cancelled.id, { effectiveDate: '2027-01-31', reason: 'non-payment of premium' }, SYSTEM_ORIGIN);
    // A new ring rate (1.10 → 1.20) takes effect on the anniversary, i.e. AFTER the offers are made.
    const table = await uploadRateTable(
      deps,
      system,
      {
        productCode: 'jewelry',
        name: 'category_rate',
        csv: 'key,value\nring,1.20\nearrings,1.00\nnecklace,0.95\nbracelet,1.00\nwatch,0.90\nloose_stone,1.20\nother,1.00\n',
      },
      SYSTEM_ORIGIN,
    );
    await activateRateTable(deps, system, table.id, { effectiveFrom: '2027-12-01' }, SYSTEM_ORIGIN);
  });

  test('JPF-COND-7: a run that crashes mid-way is resumed from its cursor and offers every policy once', async () => {
    api.moveClockTo('2027-10-20T12:00:00Z'); // 08:00 in New York: today 2027-10-20, after the offer date 2027-10-17
    const { run } = await startRenewalRun(api.bezel.deps, system, { trigger: 'manual', enqueue: false }, SYSTEM_ORIGIN);
    // Batches of 2 policies; the second batch throws before it commits (a simulated crash).
    await assert.rejects(
      runRenewal(api.bezel.deps, system, run.id, {
        batchSize: 2,
        beforeCommit: (batch) => {
          if (batch === 2) throw new Error('simulated crash');
        },
      }),
      /simulated crash/,
    );
    const { rows: afterCrash } = await sql<{ status: string; offered: number; processed: number; batches: number }>`
      SELECT status, offered, processed, batches FROM renewal_run WHERE id = ${run.id}`.execute(api.bezel.deps.db);
    assert.deepEqual(afterCrash[0], { status: 'running', offered: 2, processed: 2, batches: 1 }, 'the first batch committed, the second rolled back');
    const { rows: offersAfterCrash } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM renewal_offer`.execute(api.bezel.deps.db);
    assert.equal(offersAfterCrash[0]?.n, '2');

    // A new start continues the running run rather than starting a second one.
    const again = await startRenewalRun(api.bezel.deps, system, { trigger: 'manual', enqueue: false }, SYSTEM_ORIGIN);
    assert.equal(again.continued, true);
    assert.equal(again.run.id, run.id);
    const finished = await runRenewal(api.bezel.deps, system, run.id, { batchSize: 2 });
    assert.equal(finished.status, 'completed');
    // 4 in-force policies offered (the cancelled one is never selected), 2 before the crash and 2 after it.
    assert.equal(finished.offered, 4);
    assert.equal(finished.processed, 4);
    assert.equal(finished.failed, 0);
    for (const name of ['paid', 'unpaid', 'p4', 'p5'] as const) {
      assert.equal((await offerOf(policies[name].id)).length, 1, `${name} has one offer`);
      assert.equal((await renewalInvoices(policies[name].id)).length, 1, `${name} has one renewal invoice`);
    }
  });

  test('JPF-COND-7: known answer — the renewal is rated with the rate table in force at the anniversary', async () => {
    const [offer] = await offerOf(policies.paid.id);
    assert.ok(offer);
    // Rated on the anniversary 2027-12-01 with category_rate version 2 (ring 1.20), although the offer was made
    // on 2027-10-20 when version 1 (ring 1.10) was in force:
    //   5000 / 100 = 50 × 1.20 (ring, v2) = 60 × 1.05 (NY) = 63 × 0.92 ($250 deductible) = 57.96  (was 53.13 with 1.10)
    assert.equal(offer.premium, '57.96');
    assert.equal(offer.worksheet.ratingDate, '2027-12-01');
    assert.equal(offer.worksheet.total.amount, '57.96');
    const category = offer.worksheet.items[0]?.steps.find((step) => step.factor === 'category_rate');
    assert.deepEqual({ version: category?.version, value: category?.value }, { version: 2, value: '1.20' });
    assert.deepEqual(
      { anniversary: offer.anniversary, first: offer.renewal_first_day, last: offer.renewal_last_day, status: offer.status },
      { anniversary: '2027-12-01', first: '2027-12-01', last: '2028-11-30', status: 'offered' },
    );
    const [invoice] = await renewalInvoices(policies.paid.id);
    assert.ok(invoice);
    assert.equal(invoice.id, offer.invoice_id);
    // The renewal invoice is due at the anniversary.
    assert.deepEqual(
      { amount: invoice.amount, issuedOn: invoice.issuedOn, dueOn: invoice.dueOn, status: invoice.status },
      { amount: '57.96', issuedOn: '2027-10-20', dueOn: '2027-12-01', status: 'open' },
    );
  });

  test('JPF-COND-7: cancelled policies get no renewal offer', async () => {
    assert.equal((await offerOf(policies.cancelled.id)).length, 0);
    assert.equal((await renewalInvoices(policies.cancelled.id)).length, 0);
  });

  test('JPF-COND-7: idempotent — a second run makes no second offer and no second invoice', async () => {
    const second = await startAndRun();
    assert.equal(second.status, 'completed');
    assert.equal(second.offered, 0);
    const { rows } = await sql<{ offers: string; invoices: string }>`
      SELECT (SELECT count(*) FROM renewal_offer)::text AS offers, (SELECT count(*) FROM invoice WHERE kind = 'renewal')::text AS invoices`.execute(
      api.bezel.deps.db,
    );
    assert.deepEqual(rows[0], { offers: '4', invoices: '4' });
  });
});

describe('JPF-COND-7: at the anniversary', () => {
  test('JPF-COND-7: paid → a new term of the same policy from the anniversary; unpaid but due today → still open', async () => {
    const deps = api.bezel.deps;
    const [invoice] = await renewalInvoices(policies.paid.id);
    assert.ok(invoice);
    await recordPayment(deps, system, { reference: invoice.structuredReference, amount: '57.96', currency: 'USD', receivedOn: '2027-11-25' }, SYSTEM_ORIGIN);
    api.moveClockTo('2027-12-01T12:00:00Z'); // 07:00 in New York on the anniversary
    const run = await startAndRun();
    assert.equal(run.renewed, 1);
    assert.equal(run.lapsed, 0, 'the unpaid renewal is due today: a payment today is still in time');

    const [offer] = await offerOf(policies.paid.id);
    assert.equal(offer?.status, 'accepted');
    const { rows: terms } = await sql<{
      id: string;
      policy_number: string;
      term_no: number;
      renewal_of: string | null;
      status: string;
      first_day: string;
      last_day: string;
      premium: string;
    }>`SELECT id, policy_number, term_no, renewal_of, status, first_day::text AS first_day, last_day::text AS last_day, premium::text AS premium
       FROM policy WHERE policy_number = ${policies.paid.policyNumber} ORDER BY term_no`.execute(deps.db);
    assert.equal(terms.length, 2);
    const [first, second] = terms;
    assert.deepEqual(
      { term: first?.term_no, status: first?.status, last: first?.last_day },
      { term: 1, status: 'expired', last: '2027-11-30' },
      'the renewed term has run its course',
    );
    assert.deepEqual(
      {
        id: second?.id,
        term: second?.term_no,
        of: second?.renewal_of,
        status: second?.status,
        first: second?.first_day,
        last: second?.last_day,
        premium: second?.premium,
      },
      { id: offer?.renewed_policy_id, term: 2, of: policies.paid.id, status: 'in_force', first: '2027-12-01', last: '2028-11-30', premium: '57.96' },
    );
    const { rows: transactions } = await sql<{ kind: string; effective_date: string; premium_change: string; sequence_no: number }>`
      SELECT kind, effective_date::text AS effective_date, premium_change::text AS premium_change, sequence_no
      FROM policy_transaction WHERE policy_id = ${second?.id}`.execute(deps.db);
    assert.deepEqual(transactions, [{ kind: 'renewal', effective_date: '2027-12-01', premium_change: '57.96', sequence_no: 1 }]);
    const { rows: items } = await sql<{ item_no: number; category: string; coverage_amount: string; annual_premium: string; removed_on: string | null }>`
      SELECT item_no, category, coverage_amount::text AS coverage_amount, annual_premium::text AS annual_premium, removed_on
      FROM scheduled_item WHERE policy_id = ${second?.id}`.execute(deps.db);
    assert.deepEqual(items, [{ item_no: 1, category: 'ring', coverage_amount: '5000.00', annual_premium: '57.96', removed_on: null }]);
    // The new term reads like any policy through the policies API.
    const detail = await api.call('customer', 'GET', `/api/v1/policies/${second?.id}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().period.firstDay, '2027-12-01');

    const [unpaid] = await offerOf(policies.unpaid.id);
    assert.equal(unpaid?.status, 'offered');
  });

  test('JPF-COND-7: unpaid after its due date → the offer lapses, the policy expires at the end of its period and the invoice is cancelled', async () => {
    const deps = api.bezel.deps;
    api.moveClockTo('2027-12-02T12:00:00Z');
    const run = await startAndRun();
    assert.equal(run.lapsed, 3, 'unpaid, p4 and p5 were not paid');
    assert.equal(run.renewed, 0);
    const [offer] = await offerOf(policies.unpaid.id);
    assert.equal(offer?.status, 'lapsed');
    const { rows } = await sql<{ status: string; last_day: string; terms: string }>`
      SELECT status, last_day::text AS last_day, (SELECT count(*) FROM policy q WHERE q.policy_number = p.policy_number)::text AS terms
      FROM policy p WHERE id = ${policies.unpaid.id}`.execute(deps.db);
    // Cover ended at 00:01 on the anniversary: the last covered day stays 2027-11-30, and no new term exists.
    assert.deepEqual(rows[0], { status: 'expired', last_day: '2027-11-30', terms: '1' });
    const [invoice] = await renewalInvoices(policies.unpaid.id);
    assert.equal(invoice?.status, 'cancelled');
    // The paid policy is not touched again.
    const { rows: paid } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM policy WHERE policy_number = ${policies.paid.policyNumber}`.execute(
      deps.db,
    );
    assert.equal(paid[0]?.n, '2');
  });

  test('JPF-COND-7: the scheduled job works a run through the worker', async () => {
    const before = await sql<{ n: string }>`SELECT count(*)::text AS n FROM renewal_run`.execute(api.bezel.deps.db);
    await api.bezel.runJobs();
    const after = await sql<{ n: string; running: string }>`
      SELECT count(*)::text AS n, count(*) FILTER (WHERE status = 'running')::text AS running FROM renewal_run`.execute(api.bezel.deps.db);
    assert.ok(Number(after.rows[0]?.n) >= Number(before.rows[0]?.n), 'a scheduled slot may have started a run');
    assert.equal(after.rows[0]?.running, '0', 'every run the worker took is completed');
  });
});
