import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { DEMO_DEFINITION, DEMO_RATE_TABLE_CSV, RATE_TABLE_NAMES, ratePolicy } from '../../products/index.ts';
import { anniversaryOf, policyPeriod } from './policy-period.ts';
import { type RenewableItem, renewalDueOn, renewalRatingRequest, renewalTerm, renewedItemChanges, settlementOf } from './renewal.ts';
import { date, period } from './test-arbitraries.ts';

const d = (text: string) => Temporal.PlainDate.from(text);

/** The demo tables (or a replacement), as rating reads them: `key,value` rows after the header and comments. */
function demoTables(overrides: Partial<Record<(typeof RATE_TABLE_NAMES)[number], string>> = {}, effectiveFrom = '2026-01-01') {
  const rows = (csv: string) =>
    csv
      .split('\n')
      .filter((line) => line.includes(',') && !line.startsWith('#') && line !== 'key,value')
      .map((line) => line.split(',') as [string, string]);
  return RATE_TABLE_NAMES.map((name) => ({
    name,
    version: overrides[name] ? 2 : 1,
    effectiveFrom,
    // Deductible keys are stored as normalised amounts ("250" → "250.00"), as the CSV parser stores them.
    rows: new Map(
      rows(overrides[name] ?? DEMO_RATE_TABLE_CSV[name]).map(([key, value]) => [name === 'deductible_factor' && !key.includes('.') ? `${key}.00` : key, value]),
    ),
  }));
}

const ring: RenewableItem = {
  itemNo: 1,
  description: 'Diamond ring',
  category: 'ring',
  coverageAmount: Money.of('5000.00', 'USD'),
  setId: null,
  possessor: null,
  appraisalDate: null,
  keptInSafe: false,
  purchaseDate: null,
  appraisedBy: null,
};
const watch: RenewableItem = {
  ...ring,
  itemNo: 3,
  description: 'Steel watch',
  category: 'watch',
  coverageAmount: Money.of('2000.00', 'USD'),
  keptInSafe: true,
};

describe('JPF-COND-7: renewal rules', () => {
  test('JPF-COND-7: known answer — renewal re-rated on the anniversary with a new ring rate', () => {
    const current = policyPeriod(d('2026-12-01'));
    const request = renewalRatingRequest({ period: current, state: 'NY', deductible: Money.of('250', 'USD'), items: [ring, watch] });
    assert.equal(request.ratingDate, '2027-12-01', 'rated on the anniversary');
    const product = { code: 'jewelry', version: 1, currency: 'USD' as const, definition: DEMO_DEFINITION };
    const tables = demoTables({
      category_rate: 'key,value\nring,1.20\nearrings,1.00\nnecklace,0.95\nbracelet,1.00\nwatch,0.90\nloose_stone,1.20\nother,1.00\n',
    });
    const rated = ratePolicy(request, product, tables);
    assert.ok(rated.ok, JSON.stringify(rated));
    // ring:  5000 / 100 = 50 × 1.20 (ring, new table) × 1.05 (NY) × 0.92 ($250) = 57.96
    // watch: 2000 / 100 = 20 × 0.90 × 1.05 × 0.92 × 0.95 (safe) = 16.5186 → 16.52 (half-up)
    // total 57.96 + 16.52 = 74.48 (above the $25 minimum)
    assert.equal(rated.worksheet.total.toFixed(), '74.48');
    const changes = renewedItemChanges([ring, watch], rated.worksheet);
    assert.deepEqual(
      changes.map((change) => (change.op === 'add' ? [change.itemNo, change.item.annualPremium.toFixed()] : null)),
      [
        [1, '57.96'],
        [3, '16.52'],
      ],
      'item numbers kept, each with its re-rated premium',
    );
  });

  test('JPF-COND-7: the renewal term runs 12 months from the anniversary; 29 February renews on 28 February', () => {
    assert.deepEqual(
      [renewalTerm(policyPeriod(d('2026-12-01'))).firstDay.toString(), renewalTerm(policyPeriod(d('2026-12-01'))).lastDay.toString()],
      ['2027-12-01', '2028-11-30'],
    );
    const leap = renewalTerm(policyPeriod(d('2024-02-29')));
    assert.deepEqual([leap.firstDay.toString(), leap.lastDay.toString(), leap.days], ['2025-02-28', '2026-02-27', 365]);
  });

  test('JPF-COND-7: due at the anniversary; a late offer is due the day it is made', () => {
    assert.equal(renewalDueOn(d('2027-12-01'), d('2027-10-20')).toString(), '2027-12-01');
    assert.equal(renewalDueOn(d('2027-12-01'), d('2027-12-03')).toString(), '2027-12-03');
  });

  test('JPF-COND-7: settlement — paid renews, unpaid after the due date lapses, due today waits, not in force is withdrawn', () => {
    const due = d('2027-12-01');
    assert.equal(settlementOf({ policyStatus: 'in_force', invoiceStatus: 'paid', dueOn: due, today: d('2027-12-01') }), 'renew');
    assert.equal(settlementOf({ policyStatus: 'in_force', invoiceStatus: 'open', dueOn: due, today: d('2027-12-01') }), 'wait');
    assert.equal(settlementOf({ policyStatus: 'in_force', invoiceStatus: 'open', dueOn: due, today: d('2027-12-02') }), 'lapse');
    assert.equal(settlementOf({ policyStatus: 'cancelled', invoiceStatus: 'paid', dueOn: due, today: d('2027-12-02') }), 'withdraw');
    assert.equal(settlementOf({ policyStatus: 'void', invoiceStatus: 'open', dueOn: due, today: d('2027-12-02') }), 'withdraw');
  });

  test('JPF-COND-7 property: terms tile — the renewal term starts on the anniversary, the day after the last covered day', () => {
    fc.assert(
      fc.property(period(fc.constant(12)), (current) => {
        const next = renewalTerm(current);
        assert.equal(Temporal.PlainDate.compare(next.firstDay, anniversaryOf(current)), 0);
        assert.ok(next.days >= 365 && next.days <= 366);
      }),
    );
  });

  test('JPF-COND-7 property: a paid renewal never lapses and an unpaid one never renews', () => {
    fc.assert(
      fc.property(
        date('2020-01-01', '2040-12-31'),
        fc.integer({ min: -10, max: 10 }),
        fc.constantFrom('open', 'paid', 'cancelled'),
        (dueOn, offset, invoice) => {
          const outcome = settlementOf({ policyStatus: 'in_force', invoiceStatus: invoice, dueOn, today: dueOn.add({ days: offset }) });
          if (invoice === 'paid') assert.equal(outcome, 'renew');
          else assert.equal(outcome, offset > 0 ? 'lapse' : 'wait');
        },
      ),
    );
  });
});
