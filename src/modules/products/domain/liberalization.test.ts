import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { appliesByLiberalization } from './liberalization.ts';

const day = (text: string) => Temporal.PlainDate.from(text);
// A 12-month term from 2026-03-01 to 2027-02-28; six months before its first day is 2025-09-01.
const period = { firstDay: day('2026-03-01'), lastDay: day('2027-02-28') };
const broadening = (adoptedOn: string) => ({ broadening: true, adoptedOn: day(adoptedOn) });

describe('liberalization (JPF-COND-3)', () => {
  const cases: [label: string, adoptedOn: string, applies: boolean][] = [
    ['JPF-COND-3: adopted during the period applies', '2026-07-15', true],
    ['JPF-COND-3: adopted on the first day applies', '2026-03-01', true],
    ['JPF-COND-3: adopted on the last day applies', '2027-02-28', true],
    ['JPF-COND-3: adopted the day after the last day does not apply', '2027-03-01', false],
    // 2026-03-01 − 6 months = 2025-09-01; one day later is inside the six months
    ['JPF-COND-3: adopted 6 months − 1 day before the period applies', '2025-09-02', true],
    ['JPF-COND-3: adopted exactly 6 months before the period applies (the day is included)', '2025-09-01', true],
    ['JPF-COND-3: adopted 6 months + 1 day before the period does not apply', '2025-08-31', false],
  ];
  for (const [label, adoptedOn, applies] of cases) test(label, () => assert.equal(appliesByLiberalization(broadening(adoptedOn), period), applies));

  test('JPF-COND-3: six months back from a month end is clamped to the shorter month', () => {
    // 2026-08-31 − 6 months = 2026-02-28 (February has no 31st)
    const lateStart = { firstDay: day('2026-08-31'), lastDay: day('2027-08-30') };
    assert.equal(appliesByLiberalization(broadening('2026-02-28'), lateStart), true);
    assert.equal(appliesByLiberalization(broadening('2026-02-27'), lateStart), false);
    // leap year: 2028-08-31 − 6 months = 2028-02-29
    const leap = { firstDay: day('2028-08-31'), lastDay: day('2029-08-30') };
    assert.equal(appliesByLiberalization(broadening('2028-02-29'), leap), true);
    assert.equal(appliesByLiberalization(broadening('2028-02-28'), leap), false);
  });

  test('JPF-COND-3: a revision that does not broaden coverage never applies by liberalization', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (offset) => {
        const adoptedOn = period.firstDay.add({ days: offset });
        assert.equal(appliesByLiberalization({ broadening: false, adoptedOn }, period), false);
      }),
    );
  });
});
