import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { allocateInProportion } from './cents-allocation.ts';
import { computeWorksheet, type ScheduledSetPiece, type Worksheet, type WorksheetInput, type WorksheetLineInput } from './settlement-worksheet.ts';

const usd = (amount: string) => Money.of(amount, 'USD');

/** Carla's ring: $5,000 on the schedule, repaired unless a case says otherwise. */
function line(overrides: Partial<WorksheetLineInput> = {}): WorksheetLineInput {
  return {
    lineNo: 1,
    itemNo: 1,
    description: 'Diamond ring',
    coverageAmount: usd('5000.00'),
    setId: null,
    extent: 'whole',
    method: 'repair',
    repairOrReplaceCost: usd('1200.00'),
    actualCashValue: null,
    insuredInterest: null,
    partValue: null,
    setShareOverride: null,
    otherInsuranceLimits: [],
    paidByOthers: usd('0'),
    salvage: null,
    ...overrides,
  };
}

function input(lines: WorksheetLineInput[], overrides: Partial<WorksheetInput> = {}): WorksheetInput {
  return {
    currency: 'USD',
    deductible: usd('250.00'),
    setPieces: [],
    totalScheduledLimit: usd('5000.00'),
    newPurchaseAbsoluteCap: usd('10000.00'),
    lines,
    ...overrides,
  };
}

function computed(worksheetInput: WorksheetInput): Worksheet {
  const result = computeWorksheet(worksheetInput);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.worksheet;
}

const payables = (worksheet: Worksheet) => worksheet.lines.map((entry) => entry.payable.toFixed());

/** A set of three on the schedule (necklace $3,000, bracelet $1,000, earrings $2,000: set value $6,000). */
const parure: ScheduledSetPiece[] = [
  { itemNo: 2, setId: 'P', coverageAmount: usd('3000.00') },
  { itemNo: 3, setId: 'P', coverageAmount: usd('1000.00') },
  { itemNo: 4, setId: 'P', coverageAmount: usd('2000.00') },
];
const necklace = (overrides: Partial<WorksheetLineInput> = {}) =>
  line({
    itemNo: 2,
    description: 'Necklace',
    coverageAmount: usd('3000.00'),
    setId: 'P',
    method: 'replace',
    repairOrReplaceCost: usd('3500.00'),
    ...overrides,
  });
const bracelet = (overrides: Partial<WorksheetLineInput> = {}) =>
  line({
    lineNo: 2,
    itemNo: 3,
    description: 'Bracelet',
    coverageAmount: usd('1000.00'),
    setId: 'P',
    method: 'replace',
    repairOrReplaceCost: usd('1100.00'),
    ...overrides,
  });
const newBracelet = (overrides: Partial<WorksheetLineInput> = {}) =>
  line({ itemNo: null, description: 'New bracelet', coverageAmount: null, method: 'replace', repairOrReplaceCost: usd('2000.00'), ...overrides });

describe('settlement worksheet known answers (decision 0016)', () => {
  const cases: { name: string; input: WorksheetInput; payables: string[]; total: string }[] = [
    // 1200 repair < 5000 coverage → 1200 − 250 deductible = 950
    { name: 'JPF-SETTLE-2: the repair cost is the smallest amount; minus the $250 deductible', input: input([line()]), payables: ['950.00'], total: '950.00' },
    // min(6200 replace, 5000 coverage) = 5000 − 250 = 4750
    {
      name: 'JPF-SETTLE-2: the coverage amount caps a dearer replacement',
      input: input([line({ method: 'replace', repairOrReplaceCost: usd('6200.00') })]),
      payables: ['4750.00'],
      total: '4750.00',
    },
    // min(6000 replace, 3000 interest, 5000 coverage) = 3000 − 250 = 2750
    {
      name: 'JPF-SETTLE-2: the insured’s interest caps the payment (co-owned ring)',
      input: input([line({ method: 'replace', repairOrReplaceCost: usd('6000.00'), insuredInterest: usd('3000.00') })]),
      payables: ['2750.00'],
      total: '2750.00',
    },
    // cash: the ACV 4100 replaces the cost candidate: min(4100, 5000) − 250 = 3850
    {
      name: 'JPF-SETTLE-1: cash settlement is at the actual cash value',
      input: input([line({ method: 'cash', repairOrReplaceCost: usd('6000.00'), actualCashValue: usd('4100.00') })]),
      payables: ['3850.00'],
      total: '3850.00',
    },
    // a stone: min(1800 repair, 5000 coverage, 1500 part value) = 1500 − 250 = 1250
    {
      name: 'JPF-SETTLE-4: a loss to a part pays only that part',
      input: input([line({ extent: 'part', repairOrReplaceCost: usd('1800.00'), partValue: usd('1500.00') })]),
      payables: ['1250.00'],
      total: '1250.00',
    },
    // necklace of a set of three: min(3500, 3000) = 3000; set cap 1/3 × 6000 = 2000 → 2000 − 250 = 1750
    {
      name: 'JPF-SETTLE-3: one piece of a set of three pays a third of the set’s value by default',
      input: input([necklace()], { setPieces: parure }),
      payables: ['1750.00'],
      total: '1750.00',
    },
    // adjuster's share 0.6: cap 0.6 × 6000 = 3600 ≥ 3000 → 3000 − 250 = 2750
    {
      name: 'JPF-SETTLE-3: the adjuster may override the set share with a reason',
      input: input([necklace({ setShareOverride: { share: '0.6', reason: 'The necklace is the centrepiece of the set' } })], { setPieces: parure }),
      payables: ['2750.00'],
      total: '2750.00',
    },
    // necklace + bracelet, share 0.5: minima 3000 + 1000 = 4000 > cap 3000; split 3000 × 3000/4000 = 2250 and
    // 3000 × 1000/4000 = 750; the deductible comes off line 1: 2000 + 750 = 2750
    {
      name: 'JPF-SETTLE-3: a set cap shared by two lost pieces in proportion to their amounts',
      input: input([necklace({ setShareOverride: { share: '0.5', reason: 'Agreed with the insured' } }), bracelet()], { setPieces: parure }),
      payables: ['2000.00', '750.00'],
      total: '2750.00',
    },
    // a pair scheduled as one item ($2,000), one earring lost: min(1300, 2000) = 1300; share 0.5 × 2000 = 1000 → 750
    {
      name: 'JPF-SETTLE-3: half of a pair scheduled as one item',
      input: input([
        line({
          description: 'Pair of earrings',
          coverageAmount: usd('2000.00'),
          method: 'replace',
          repairOrReplaceCost: usd('1300.00'),
          setShareOverride: { share: '0.5', reason: 'One earring of the pair' },
        }),
      ]),
      payables: ['750.00'],
      total: '750.00',
    },
    // other insurance $3,000: 1200 × 5000 / 8000 = 750 − 250 = 500
    {
      name: 'JPF-SETTLE-5: other insurance — our limit’s proportion of the loss',
      input: input([line({ otherInsuranceLimits: [usd('3000.00')] })]),
      payables: ['500.00'],
      total: '500.00',
    },
    // 1000.01 × 5000 / 15000 = 333.3366… → rounded down 333.33 − 250 = 83.33
    {
      name: 'JPF-SETTLE-5: our proportion is rounded down to the cent, never above it',
      input: input([line({ repairOrReplaceCost: usd('1000.01'), otherInsuranceLimits: [usd('4000.00'), usd('6000.00')] })]),
      payables: ['83.33'],
      total: '83.33',
    },
    // 1200 − 300 paid by the hotel = 900 − 250 = 650
    {
      name: 'JPF-SETTLE-6: the part paid by someone else is not paid',
      input: input([line({ paidByOthers: usd('300.00') })]),
      payables: ['650.00'],
      total: '650.00',
    },
    // the order: 1200 × 5000/8000 = 750; − 100 paid by others = 650; − 250 deductible = 400.
    // (Paid-by-others first would give 1100 × 5/8 − 250 = 437.50; the deductible before the share (1200 − 250) × 5/8 − 100 = 493.75.)
    {
      name: 'JPF-SETTLE-5/6 and JPF-SETTLE-2: share, then paid by others, then the deductible',
      input: input([line({ otherInsuranceLimits: [usd('3000.00')], paidByOthers: usd('100.00') })]),
      payables: ['400.00'],
      total: '400.00',
    },
    // ACV 4000 − 600 salvage the insured keeps = 3400 − 250 = 3150
    {
      name: 'JPF-SETTLE-1: salvage the insured keeps at the agreed value reduces the payment',
      input: input([line({ method: 'cash', actualCashValue: usd('4000.00'), salvage: { agreedValue: usd('600.00'), keptBy: 'insured' } })]),
      payables: ['3150.00'],
      total: '3150.00',
    },
    // the insurer takes the salvage: recorded only, 4000 − 250 = 3750
    {
      name: 'JPF-SETTLE-1: salvage the insurer takes is recorded, not deducted',
      input: input([line({ method: 'cash', actualCashValue: usd('4000.00'), salvage: { agreedValue: usd('600.00'), keptBy: 'insurer' } })]),
      payables: ['3750.00'],
      total: '3750.00',
    },
    // one loss, one deductible: (1200 + 800) − 250 = 1750, taken from line 1: 950 and 800
    {
      name: 'JPF-SETTLE-2: the deductible is taken once per claim, from the first line',
      input: input([line(), line({ lineNo: 2, itemNo: 2, description: 'Watch', coverageAmount: usd('2000.00'), repairOrReplaceCost: usd('800.00') })]),
      payables: ['950.00', '800.00'],
      total: '1750.00',
    },
    // line 1 is 100, below the deductible: 100 from line 1, the other 150 from line 2 (800 − 150 = 650)
    {
      name: 'JPF-SETTLE-2: a deductible larger than the first line runs on into the next',
      input: input([
        line({ repairOrReplaceCost: usd('100.00') }),
        line({ lineNo: 2, itemNo: 2, description: 'Watch', coverageAmount: usd('2000.00'), repairOrReplaceCost: usd('800.00') }),
      ]),
      payables: ['0.00', '650.00'],
      total: '650.00',
    },
    // a loss below the deductible pays nothing, never less: 200 − 250 → 0
    {
      name: 'JPF-SETTLE-2: a loss below the deductible pays nothing',
      input: input([line({ repairOrReplaceCost: usd('200.00') })]),
      payables: ['0.00'],
      total: '0.00',
    },
    // total limit 5000: 25% = 1250 < 10000 < 2000 cost → 1250 − 250 = 1000
    {
      name: 'JPF-ADD-2: newly purchased jewelry is capped at 25% of the total scheduled limit',
      input: input([newBracelet()]),
      payables: ['1000.00'],
      total: '1000.00',
    },
    // total limit 60000: 25% = 15000 > 10000; 7000 + 6000 = 13000 > 10000: 10000 × 7/13 = 5384.615… → 5384.61,
    // 10000 × 6/13 = 4615.384… → 4615.38, the cent left goes to the larger remainder (line 1): 5384.62;
    // the deductible from line 1: 5134.62 + 4615.38 = 9750
    {
      name: 'JPF-ADD-2: all newly purchased items together are capped at $10,000',
      input: input([newBracelet({ repairOrReplaceCost: usd('7000.00') }), newBracelet({ lineNo: 2, repairOrReplaceCost: usd('6000.00') })], {
        totalScheduledLimit: usd('60000.00'),
      }),
      payables: ['5134.62', '4615.38'],
      total: '9750.00',
    },
    // total limit 60000: caps 15000 and 10000; the cost 800 is smallest → 800 − 250 = 550
    {
      name: 'JPF-ADD-2: the cost to replace a newly purchased item is the cap when it is smaller',
      input: input([newBracelet({ repairOrReplaceCost: usd('800.00') })], { totalScheduledLimit: usd('60000.00') }),
      payables: ['550.00'],
      total: '550.00',
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const worksheet = computed(c.input);
      assert.deepEqual(payables(worksheet), c.payables);
      assert.equal(worksheet.totalPayable.toFixed(), c.total);
    });

  test('JPF-SETTLE-2: every candidate is shown with the one that is smallest', () => {
    const worksheet = computed(input([line({ method: 'replace', repairOrReplaceCost: usd('6000.00'), insuredInterest: usd('3000.00') })]));
    const [first] = worksheet.lines;
    assert.ok(first);
    assert.deepEqual(
      first.candidates.map((candidate) => [candidate.name, candidate.amount.toFixed()]),
      [
        ['repair_or_replace_cost', '6000.00'],
        ['insured_interest', '3000.00'],
        ['coverage_amount', '5000.00'],
      ],
    );
    assert.equal(first.minimumOf, 'insured_interest');
    assert.equal(first.deductible.toFixed(), '250.00');
  });

  test('JPF-SETTLE-3: the set step shows the pieces, the value, the share and the cap', () => {
    const [first] = computed(input([necklace()], { setPieces: parure })).lines;
    assert.ok(first?.set);
    assert.deepEqual(
      { ...first.set, setValue: first.set.setValue.toFixed(), setCap: first.set.setCap.toFixed(), after: first.set.after.toFixed() },
      {
        setKey: 'set:P',
        setId: 'P',
        pieces: 3,
        lostPieces: 1,
        setValue: '6000.00',
        share: '1/3',
        shareSource: 'count',
        reason: null,
        setCap: '2000.00',
        after: '2000.00',
      },
    );
  });

  test('JPF-SETTLE-7: replacing or paying cash for a whole scheduled item is a total loss; a repair, a part or half a pair is not', () => {
    const flags = (lineInput: WorksheetLineInput, setPieces: ScheduledSetPiece[] = []) => computed(input([lineInput], { setPieces })).lines[0]?.totalLoss;
    assert.equal(flags(line({ method: 'replace' })), true);
    assert.equal(flags(line({ method: 'cash', actualCashValue: usd('4000.00') })), true);
    assert.equal(flags(line({ method: 'repair' })), false);
    assert.equal(flags(line({ method: 'rebuild' })), false);
    assert.equal(flags(line({ method: 'replace', extent: 'part', partValue: usd('900.00') })), false);
    assert.equal(flags(line({ method: 'replace', setShareOverride: { share: '0.5', reason: 'One earring of the pair' } })), false);
    assert.equal(flags(necklace(), parure), true, 'a piece of a schedule set is its own scheduled item');
    assert.equal(flags(newBracelet()), false, 'a newly purchased item is not on the schedule yet');
  });

  test('the worksheet refuses lines that lack what their method or extent needs, and says which', () => {
    const result = computeWorksheet(
      input([
        line({ repairOrReplaceCost: null }),
        line({ lineNo: 2, method: 'cash', actualCashValue: null }),
        line({ lineNo: 3, extent: 'part' }),
        line({ lineNo: 4, partValue: usd('10.00') }),
        line({ lineNo: 5, setShareOverride: { share: '1.5', reason: 'x' } }),
        line({ lineNo: 6, otherInsuranceLimits: [usd('0')] }),
        necklace({ lineNo: 7, setShareOverride: { share: '0.5', reason: 'half' } }),
        bracelet({ lineNo: 8, setShareOverride: { share: '0.4', reason: 'less' } }),
        line({ lineNo: 9, repairOrReplaceCost: Money.of('10.00', 'EUR') }),
      ]),
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.lineNo}:${problem.code}`),
      [
        '1:repair_cost_required',
        '2:actual_cash_value_required',
        '3:part_value_required',
        '4:part_value_not_allowed',
        '5:set_share_invalid',
        '5:set_share_reason_required',
        '6:other_insurance_limit_invalid',
        '9:currency_mismatch',
        '8:set_share_conflict',
      ],
    );
  });
});

// ---- properties ----

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => Money.of(`${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`, 'USD'));

const lineArbitrary = (lineNo: number) =>
  fc
    .record({
      scheduled: fc.boolean(),
      coverage: cents(100, 2_000_000),
      setId: fc.constantFrom(null, null, 'A', 'B'),
      extent: fc.constantFrom('whole' as const, 'part' as const),
      method: fc.constantFrom('repair' as const, 'replace' as const, 'rebuild' as const, 'cash' as const),
      cost: cents(0, 3_000_000),
      interest: fc.option(cents(0, 3_000_000), { nil: null }),
      partValue: cents(0, 1_000_000),
      share: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
      others: fc.array(cents(1, 2_000_000), { maxLength: 2 }),
      paidByOthers: fc.oneof(fc.constant(Money.zero('USD')), cents(0, 500_000)),
      salvage: fc.option(fc.record({ agreedValue: cents(0, 300_000), keptBy: fc.constantFrom('insured' as const, 'insurer' as const) }), { nil: null }),
    })
    .map(
      (g): WorksheetLineInput => ({
        lineNo,
        itemNo: g.scheduled ? lineNo : null,
        description: `Item ${lineNo}`,
        coverageAmount: g.scheduled ? g.coverage : null,
        setId: g.scheduled ? g.setId : null,
        extent: g.extent,
        method: g.method,
        repairOrReplaceCost: g.cost,
        actualCashValue: g.cost,
        insuredInterest: g.interest,
        partValue: g.extent === 'part' ? g.partValue : null,
        // One share per set, whichever line gives it (conflicts are refused, tested above).
        setShareOverride:
          g.share === null ? null : { share: g.setId && g.scheduled ? '0.5' : new Decimal(g.share).dividedBy(100).toString(), reason: 'adjuster' },
        otherInsuranceLimits: g.others,
        paidByOthers: g.paidByOthers,
        salvage: g.salvage,
      }),
    );

const worksheetArbitrary = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => lineArbitrary(index + 1)))),
    cents(0, 100_000),
    cents(0, 10_000_000),
    fc.array(cents(100, 1_000_000), { maxLength: 3 }),
  )
  .map(([lines, deductible, extraLimit, unclaimedSetPieces]): WorksheetInput => {
    const setPieces: ScheduledSetPiece[] = lines.flatMap((entry) =>
      entry.setId && entry.itemNo !== null && entry.coverageAmount ? [{ itemNo: entry.itemNo, setId: entry.setId, coverageAmount: entry.coverageAmount }] : [],
    );
    // Pieces of the sets that were not lost, so the count share is below 1 now and then.
    unclaimedSetPieces.forEach((amount, index) => {
      setPieces.push({ itemNo: 100 + index, setId: index % 2 === 0 ? 'A' : 'B', coverageAmount: amount });
    });
    const scheduledTotal = Money.sum([...lines.flatMap((entry) => (entry.coverageAmount ? [entry.coverageAmount] : [])), extraLimit], 'USD');
    return input(lines, { deductible, setPieces, totalScheduledLimit: scheduledTotal });
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe('settlement worksheet properties', () => {
  test('JPF-SETTLE-2: the payment is never negative, never above a line’s coverage amount, and the total is the sum of the lines', () => {
    fc.assert(
      fc.property(worksheetArbitrary, (worksheetInput) => {
        const worksheet = computed(worksheetInput);
        for (const entry of worksheet.lines) {
          assert.ok(!entry.payable.isNegative());
          const coverage = worksheetInput.lines.find((candidate) => candidate.lineNo === entry.lineNo)?.coverageAmount;
          if (coverage) assert.ok(entry.payable.compare(coverage) <= 0);
        }
        assert.ok(
          Money.sum(
            worksheet.lines.map((entry) => entry.payable),
            'USD',
          ).equals(worksheet.totalPayable),
        );
      }),
      { numRuns: 400 },
    );
  });

  test('JPF-SETTLE-2, JPF-ADD-2: when the loss exceeds the deductible, the total never exceeds the coverage amounts (and the new-purchase cap) minus the deductible', () => {
    fc.assert(
      fc.property(worksheetArbitrary, (worksheetInput) => {
        const worksheet = computed(worksheetInput);
        const scheduled = worksheetInput.lines.flatMap((entry) => (entry.coverageAmount ? [entry.coverageAmount] : []));
        const limits = Money.sum([...scheduled, ...(worksheet.newPurchaseCap ? [worksheet.newPurchaseCap.cap] : [])], 'USD');
        if (worksheet.totalBeforeDeductible.compare(worksheetInput.deductible) >= 0)
          assert.ok(worksheet.totalPayable.compare(limits.minus(worksheetInput.deductible)) <= 0);
        else assert.ok(worksheet.totalPayable.isZero());
        if (worksheet.newPurchaseCap) {
          const newLines = worksheet.lines.filter((entry) => entry.newlyPurchased);
          const paidForNew = Money.sum(
            newLines.map((entry) => entry.beforeDeductible),
            'USD',
          );
          assert.ok(paidForNew.compare(worksheet.newPurchaseCap.cap) <= 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('JPF-SETTLE-5: our other-insurance share is never above our limit’s proportion', () => {
    fc.assert(
      fc.property(worksheetArbitrary, (worksheetInput) => {
        for (const entry of computed(worksheetInput).lines) {
          if (!entry.otherInsurance) continue;
          const before = entry.set ? entry.set.after : entry.minimum;
          const proportion = before.amount.times(entry.otherInsurance.ourLimit.amount).dividedBy(entry.otherInsurance.totalLimits.amount);
          assert.ok(entry.otherInsurance.after.amount.lessThanOrEqualTo(proportion));
          assert.ok(proportion.minus(entry.otherInsurance.after.amount).lessThan('0.01'));
        }
      }),
      { numRuns: 400 },
    );
  });

  test('the worksheet does not depend on the order of the claim’s items', () => {
    fc.assert(
      fc.property(worksheetArbitrary, fc.integer({ min: 1, max: 1_000_000 }), (worksheetInput, seed) => {
        const byLine = (worksheet: Worksheet) => new Map(worksheet.lines.map((entry) => [entry.lineNo, entry.payable.toFixed()]));
        const original = computed(worksheetInput);
        const reordered = computed({ ...worksheetInput, lines: shuffled(worksheetInput.lines, seed), setPieces: shuffled(worksheetInput.setPieces, seed + 1) });
        assert.deepEqual(byLine(reordered), byLine(original));
        assert.ok(reordered.totalPayable.equals(original.totalPayable));
      }),
      { numRuns: 300 },
    );
  });

  test('a proportional split adds up to the total and gives no part more than its amount', () => {
    fc.assert(
      fc.property(fc.array(cents(0, 1_000_000), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 100 }), (amounts, percent) => {
        const parts = amounts.map((amount, index) => ({ key: index + 1, amount }));
        const weight = Money.sum(amounts, 'USD');
        const total = Money.fromDecimal(weight.amount.times(percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN), 'USD');
        const split = allocateInProportion(total, parts);
        assert.ok(Money.sum([...split.values()], 'USD').equals(total));
        for (const part of parts) assert.ok((split.get(part.key) as Money).compare(part.amount) <= 0);
      }),
    );
  });
});
