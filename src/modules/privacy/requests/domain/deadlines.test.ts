import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { deadlineState, decideExtension, extendedDueDate, firstDueDate } from './deadlines.ts';
import { deadlineRuleFor } from './jurisdictions.ts';

const d = (text: string) => Temporal.PlainDate.from(text);

test('PRV-RIGHT-11: a California request is due 45 days after receipt', () => {
  // 2026-11-21 + 45 days: 9 days left in November (→ 30 Nov), 31 in December (→ 31 Dec), 5 more → 2027-01-05.
  assert.equal(firstDueDate(deadlineRuleFor('US-CA'), d('2026-11-21')).toString(), '2027-01-05');
  // Another US state has the same rule: 2026-03-01 + 45 days = 31 (March) + 14 → 2026-04-15.
  assert.equal(firstDueDate(deadlineRuleFor('US-NY'), d('2026-03-01')).toString(), '2026-04-15');
});

test('PRV-RIGHT-11: a US extension adds 45 more days to the first deadline (90 in all)', () => {
  // 2027-01-05 + 45 days: 26 left in January (→ 31 Jan), 19 in February → 2027-02-19; 2026-11-21 + 90 days is the same day.
  assert.equal(extendedDueDate('us_45_days', d('2027-01-05')).toString(), '2027-02-19');
  assert.equal(d('2026-11-21').add({ days: 90 }).toString(), '2027-02-19');
});

test('PRV-RIGHT-11: a Dutch request is due 4 weeks (28 days) after receipt', () => {
  // 2026-11-21 + 28 days: 9 left in November → 30 Nov, 19 more → 2026-12-19.
  assert.equal(firstDueDate(deadlineRuleFor('NL'), d('2026-11-21')).toString(), '2026-12-19');
});

test('PRV-RIGHT-11: another EU request is due one calendar month after receipt; 31 January + 1 month = 28/29 February', () => {
  assert.equal(firstDueDate(deadlineRuleFor('DE'), d('2027-01-31')).toString(), '2027-02-28'); // 2027 is not a leap year
  assert.equal(firstDueDate(deadlineRuleFor('FR'), d('2028-01-31')).toString(), '2028-02-29'); // 2028 is
  assert.equal(firstDueDate(deadlineRuleFor('BE'), d('2026-11-21')).toString(), '2026-12-21');
  // Extension by two further months from the first deadline: 2027-02-28 + 2 months = 2027-04-28.
  assert.equal(extendedDueDate('eu_one_month', d('2027-02-28')).toString(), '2027-04-28');
});

test('PRV-RIGHT-11: at most one extension, and only before the first deadline', () => {
  const base = { rule: 'us_45_days' as const, dueOn: d('2027-01-05'), alreadyExtended: false, open: true, reason: 'Many records on paper' };
  assert.deepEqual(decideExtension({ ...base, today: d('2027-01-04') }), { ok: true, newDueOn: d('2027-02-19') });
  assert.deepEqual(decideExtension({ ...base, today: d('2027-01-05') }), { ok: false, reason: 'deadline_passed' });
  assert.deepEqual(decideExtension({ ...base, today: d('2027-01-06') }), { ok: false, reason: 'deadline_passed' });
  assert.deepEqual(decideExtension({ ...base, today: d('2026-12-01'), alreadyExtended: true }), { ok: false, reason: 'already_extended' });
  assert.deepEqual(decideExtension({ ...base, today: d('2026-12-01'), reason: '  ' }), { ok: false, reason: 'reason_required' });
  assert.deepEqual(decideExtension({ ...base, today: d('2026-12-01'), open: false }), { ok: false, reason: 'request_closed' });
});

test('PRV-RIGHT-11: the queue marks overdue requests and those due within 7 days', () => {
  assert.equal(deadlineState(d('2026-11-20'), d('2026-11-21')), 'overdue');
  assert.equal(deadlineState(d('2026-11-21'), d('2026-11-21')), 'due_soon');
  assert.equal(deadlineState(d('2026-11-28'), d('2026-11-21')), 'due_soon'); // 7 days left
  assert.equal(deadlineState(d('2026-11-29'), d('2026-11-21')), 'on_time'); // 8 days left
});

test('PRV-RIGHT-11 (property): every deadline is after receipt, and an extension always ends later', () => {
  const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
  const rules = fc.constantFrom('us_45_days' as const, 'nl_4_weeks' as const, 'eu_one_month' as const);
  fc.assert(
    fc.property(dates, rules, (date, rule) => {
      const received = d(date.toISOString().slice(0, 10));
      const due = firstDueDate(rule, received);
      const extended = extendedDueDate(rule, due);
      const days = received.until(due).days;
      assert.ok(days >= 28 && days <= 45, `${rule}: ${days} days`);
      assert.equal(Temporal.PlainDate.compare(extended, due), 1);
    }),
  );
});
