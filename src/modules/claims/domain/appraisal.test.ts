import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import {
  appraiserNamingDue,
  awardSignatureProblem,
  dateProblem,
  isLate,
  nextStep,
  splitAppraisalCosts,
  statusAfterNaming,
  umpireProblem,
  umpireSelectionDue,
} from './appraisal.ts';

const usd = (amount: string) => Money.of(amount, 'USD');

describe('appraisal disputes (JPF-APPR-1)', () => {
  test('JPF-APPR-1: each side names its appraiser within 20 days after the demand is received (2027-02-01 + 20 = 2027-02-21)', () => {
    assert.equal(appraiserNamingDue('2027-02-01'), '2027-02-21');
    // Across a month end: 2027-02-15 + 20 days = 2027-03-07 (February 2027 has 28 days).
    assert.equal(appraiserNamingDue('2027-02-15'), '2027-03-07');
  });

  test('JPF-APPR-1: the umpire within 15 days after both appraisers are named (later naming 2027-02-18 + 15 = 2027-03-05)', () => {
    assert.equal(umpireSelectionDue('2027-02-10', '2027-02-18'), '2027-03-05');
    assert.equal(umpireSelectionDue('2027-02-18', '2027-02-10'), '2027-03-05');
  });

  test('JPF-APPR-1: naming on the 20th day is in time, on the 21st it is late (recorded, not refused)', () => {
    assert.equal(isLate('2027-02-21', '2027-02-21'), false);
    assert.equal(isLate('2027-02-22', '2027-02-21'), true);
  });

  test('JPF-APPR-1: a judge selects the umpire only after the appraisers failed to agree within the 15 days', () => {
    const due = '2027-03-05';
    assert.equal(umpireProblem('judge', '2027-03-05', due, '2027-02-18'), 'judge_before_deadline');
    assert.equal(umpireProblem('judge', '2027-03-06', due, '2027-02-18'), null);
    assert.equal(umpireProblem('appraisers', '2027-03-01', due, '2027-02-18'), null);
    // The appraisers may still agree late (nobody asked a judge): allowed, shown as late.
    assert.equal(umpireProblem('appraisers', '2027-03-10', due, '2027-02-18'), null);
    assert.equal(isLate('2027-03-10', due), true);
    assert.equal(umpireProblem('appraisers', '2027-02-17', due, '2027-02-18'), 'before_appraisers_named');
  });

  test('JPF-APPR-1: an award signed by any two of the three binds; one signature does not', () => {
    assert.equal(awardSignatureProblem(['insured_appraiser', 'insurer_appraiser'], false), null);
    assert.equal(awardSignatureProblem(['insured_appraiser', 'umpire'], true), null);
    assert.equal(awardSignatureProblem(['insurer_appraiser', 'umpire'], true), null);
    assert.equal(awardSignatureProblem(['insured_appraiser', 'insurer_appraiser', 'umpire'], true), null);
    assert.equal(awardSignatureProblem(['umpire'], true), 'needs_two_signatures');
    assert.equal(awardSignatureProblem(['insured_appraiser', 'insured_appraiser'], true), 'needs_two_signatures');
    assert.equal(awardSignatureProblem([], true), 'needs_two_signatures');
    assert.equal(awardSignatureProblem(['insured_appraiser', 'umpire'], false), 'umpire_not_selected');
  });

  const splits: [string, [string, string, string, string], string, string][] = [
    // insured: 800 + (900 + 100) / 2 = 800 + 500 = 1,300; insurer: 650 + 500 = 1,150
    ['JPF-APPR-1: appraisers 800 / 650, umpire 900, other 100 → insured 1,300.00, insurer 1,150.00', ['800', '650', '900', '100'], '1300.00', '1150.00'],
    // shared 0: each pays only its own appraiser
    ['JPF-APPR-1: no umpire and no expenses → each pays its own appraiser (500 / 700)', ['500', '700', '0', '0'], '500.00', '700.00'],
    // shared 900.01: insured 450.00 (rounded down), insurer 450.01 — the odd cent to the insurer
    ['JPF-APPR-1: an odd cent of the shared costs falls to the insurer (umpire 900.01 → 450.00 / 450.01)', ['0', '0', '900.01', '0'], '450.00', '450.01'],
    // 1,000 + (1,250.50 + 349.50) / 2 = 1,000 + 800 = 1,800; 1,200 + 800 = 2,000
    ['JPF-APPR-1: appraisers 1,000 / 1,200, umpire 1,250.50, other 349.50 → 1,800.00 / 2,000.00', ['1000', '1200', '1250.50', '349.50'], '1800.00', '2000.00'],
  ];
  for (const [name, [insuredFee, insurerFee, umpireFee, other], insured, insurer] of splits) {
    test(name, () => {
      const split = splitAppraisalCosts({
        insuredAppraiserFee: usd(insuredFee),
        insurerAppraiserFee: usd(insurerFee),
        umpireFee: usd(umpireFee),
        otherExpenses: usd(other),
      });
      assert.equal(split.insured.total.toFixed(), insured);
      assert.equal(split.insurer.total.toFixed(), insurer);
    });
  }

  test('JPF-APPR-1 property: the shares add up to every cost, and the shared half differs by at most a cent', () => {
    const cents = fc.integer({ min: 0, max: 5_000_000 });
    fc.assert(
      fc.property(cents, cents, cents, cents, (a, b, c, d) => {
        const m = (value: number) => Money.fromDecimal(value, 'USD').dividedBy(100);
        const split = splitAppraisalCosts({ insuredAppraiserFee: m(a), insurerAppraiserFee: m(b), umpireFee: m(c), otherExpenses: m(d) });
        assert.ok(split.insured.total.plus(split.insurer.total).equals(m(a + b + c + d)));
        const gap = split.insurer.halfOfShared.minus(split.insured.halfOfShared);
        assert.ok(!gap.isNegative() && gap.compare(usd('0.01')) <= 0);
        assert.ok(split.insured.ownAppraiser.equals(m(a)) && split.insurer.ownAppraiser.equals(m(b)), 'each pays its own appraiser in full');
      }),
    );
  });

  test('JPF-APPR-1: the next step and its deadline, overdue after the last day', () => {
    const base = {
      appraiserNamingDue: '2027-02-21',
      insuredAppraiserNamedOn: null,
      insurerAppraiserNamedOn: '2027-02-05',
      umpireSelectionDue: null,
      umpireSelectedOn: null,
    };
    assert.deepEqual(nextStep({ ...base, status: 'awaiting_appraisers' }, '2027-02-21'), {
      kind: 'name_appraiser',
      parties: ['insured'],
      dueOn: '2027-02-21',
      overdue: false,
    });
    assert.equal((nextStep({ ...base, status: 'awaiting_appraisers' }, '2027-02-22') as { overdue: boolean }).overdue, true);
    assert.deepEqual(nextStep({ ...base, status: 'awaiting_umpire', umpireSelectionDue: '2027-03-05' }, '2027-03-01'), {
      kind: 'select_umpire',
      dueOn: '2027-03-05',
      overdue: false,
    });
    assert.deepEqual(nextStep({ ...base, status: 'awarded' }, '2027-03-01'), { kind: 'awarded' });
    assert.equal(statusAfterNaming(true, false), 'awaiting_appraisers');
    assert.equal(statusAfterNaming(true, true), 'awaiting_umpire');
  });

  test('dates given by the parties: not in the future, not before what they follow', () => {
    assert.equal(dateProblem('2027-02-10', '2027-02-01', '2027-02-10'), null);
    assert.equal(dateProblem('2027-02-11', '2027-02-01', '2027-02-10'), 'date_in_future');
    assert.equal(dateProblem('2027-01-31', '2027-02-01', '2027-02-10'), 'too_early');
  });
});
