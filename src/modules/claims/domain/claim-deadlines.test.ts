import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  appraiserNamingDue,
  DIARY_KIND_RULES,
  daysUntil,
  deadlineEntry,
  deadlineState,
  firstNoticeDeadlines,
  isNear,
  isOverdue,
  proofOfLossDue,
  reminderDue,
  settlementDue,
  suitLimitation,
  todayIn,
  umpireNamingDue,
} from './claim-deadlines.ts';

const d = (text: string) => Temporal.PlainDate.from(text);
/** Any calendar date from 2000 to 2060. */
const dates = fc.integer({ min: 0, max: 365 * 60 }).map((days) => d('2000-01-01').add({ days }));

describe('JPF-DUTY-4: proof of loss is due 90 days after the loss', () => {
  const cases = [
    { loss: '2027-01-10', due: '2027-04-10', why: '10 Jan + 21 = 31 Jan, + 28 = 28 Feb (49), + 31 = 31 Mar (80), + 10 = 10 Apr (90)' },
    { loss: '2027-12-15', due: '2028-03-14', why: '15 Dec + 16 = 31 Dec, + 31 = 31 Jan (47), + 29 = 29 Feb 2028 (76, leap), + 14 = 14 Mar (90)' },
    { loss: '2026-11-30', due: '2027-02-28', why: '30 Nov + 31 = 31 Dec, + 31 = 31 Jan (62), + 28 = 28 Feb (90)' },
  ];
  for (const c of cases)
    test(`JPF-DUTY-4: a loss on ${c.loss} → proof of loss due ${c.due} (${c.why})`, () => {
      assert.equal(proofOfLossDue(c.loss).toString(), c.due);
    });

  test('JPF-DUTY-4: property — always exactly 90 days after the loss', () => {
    fc.assert(fc.property(dates, (loss) => daysUntil(proofOfLossDue(loss), loss) === 90));
  });
});

describe('JPF-SETTLE-9: settlement is due 30 days after proof of loss and written agreement on the amount', () => {
  test('JPF-SETTLE-9: proof 1 Mar, agreement 15 Mar → due 14 Apr (15 Mar + 16 = 31 Mar, + 14 = 14 Apr)', () => {
    assert.equal(settlementDue('2027-03-01', '2027-03-15')?.toString(), '2027-04-14');
  });
  test('JPF-SETTLE-9: agreement 20 Feb before proof 1 Mar → counted from the proof: 1 Mar + 30 = 31 Mar', () => {
    assert.equal(settlementDue('2027-03-01', '2027-02-20')?.toString(), '2027-03-31');
  });
  test('JPF-SETTLE-9: without both the proof and the written agreement there is no settlement deadline yet', () => {
    assert.equal(settlementDue(null, '2027-03-15'), null);
    assert.equal(settlementDue('2027-03-01', null), null);
  });
  test('JPF-SETTLE-9: property — 30 days after the later of the two, whichever order they come in', () => {
    fc.assert(
      fc.property(dates, dates, (proof, agreed) => {
        const due = settlementDue(proof, agreed);
        assert.ok(due);
        assert.ok(due.equals(settlementDue(agreed, proof) as Temporal.PlainDate));
        assert.ok(daysUntil(due, proof) >= 30 && daysUntil(due, agreed) >= 30);
        assert.ok(daysUntil(due, proof) === 30 || daysUntil(due, agreed) === 30);
      }),
    );
  });
});

describe('JPF-APPR-1: appraisal deadlines', () => {
  test('JPF-APPR-1: written demand received 20 May → both appraisers named by 9 Jun (20 May + 11 = 31 May, + 9 = 9 Jun)', () => {
    assert.equal(appraiserNamingDue('2027-05-20').toString(), '2027-06-09');
  });
  test('JPF-APPR-1: appraisers named 1 Jun and 5 Jun → umpire by 20 Jun (the later naming, 5 Jun + 15)', () => {
    assert.equal(umpireNamingDue('2027-06-01', '2027-06-05').toString(), '2027-06-20');
    assert.equal(umpireNamingDue('2027-06-05', '2027-06-01').toString(), '2027-06-20');
  });
  test('JPF-APPR-1: property — 20 days after the demand, then 15 days after the later appraiser', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (demand, a, b) => {
        assert.equal(daysUntil(appraiserNamingDue(demand), demand), 20);
        const umpire = umpireNamingDue(demand.add({ days: a }), demand.add({ days: b }));
        assert.equal(daysUntil(umpire, demand), Math.max(a, b) + 15);
      }),
    );
  });
});

describe('JPF-SUIT-1: suit limitation one year after the loss', () => {
  const cases = [
    { loss: '2027-01-10', limit: '2028-01-10', why: 'the anniversary of the loss' },
    {
      loss: '2028-02-29',
      limit: '2029-02-28',
      why: '29 Feb has no anniversary in 2029: 28 Feb, the last day within one year (1 Mar would be a year and a day)',
    },
    { loss: '2027-02-28', limit: '2028-02-28', why: 'a leap year ahead does not move the anniversary to 29 Feb' },
    { loss: '2027-03-01', limit: '2028-03-01', why: '366 days, because 29 Feb 2028 lies in between' },
  ];
  for (const c of cases)
    test(`JPF-SUIT-1: a loss on ${c.loss} → suit limitation ${c.limit} (${c.why})`, () => {
      assert.equal(suitLimitation(c.loss).toString(), c.limit);
    });
  test('JPF-SUIT-1: property — 365 or 366 days later, never after the anniversary, same day of month except 29 Feb', () => {
    fc.assert(
      fc.property(dates, (loss) => {
        const limit = suitLimitation(loss);
        const days = daysUntil(limit, loss);
        assert.ok(days === 365 || days === 366, `${loss} → ${limit}: ${days} days`);
        assert.equal(limit.year, loss.year + 1);
        assert.equal(limit.month, loss.month);
        assert.equal(limit.day, loss.month === 2 && loss.day === 29 ? 28 : loss.day);
      }),
    );
  });
});

describe('overdue and near, in the claim’s time zone', () => {
  const open = (dueOn: string) => ({ status: 'open' as const, dueOn });
  test('a deadline due today is not overdue; the day after it is', () => {
    assert.equal(isOverdue(open('2027-04-10'), '2027-04-10'), false);
    assert.equal(isOverdue(open('2027-04-10'), '2027-04-11'), true);
    assert.equal(deadlineState(open('2027-04-10'), '2027-04-11'), 'overdue');
  });
  test('near: due within 7 days (today + 7 is near, today + 8 is upcoming)', () => {
    assert.equal(deadlineState(open('2027-04-10'), '2027-04-03'), 'near');
    assert.equal(deadlineState(open('2027-04-10'), '2027-04-02'), 'upcoming');
    assert.equal(deadlineState(open('2027-04-10'), '2027-04-10'), 'near');
  });
  test('a closed deadline is never overdue or near', () => {
    for (const status of ['done', 'cancelled'] as const) {
      assert.equal(isOverdue({ status, dueOn: '2027-01-01' }, '2027-04-11'), false);
      assert.equal(isNear({ status, dueOn: '2027-04-11' }, '2027-04-11'), false);
      assert.equal(deadlineState({ status, dueOn: '2027-01-01' }, '2027-04-11'), status);
    }
  });
  test('"today" is the claim’s own: 03:30 UTC on 11 Apr is still 10 Apr in New York (EDT, UTC−4), already 11 Apr in Amsterdam', () => {
    const now = Temporal.Instant.from('2027-04-11T03:30:00Z');
    assert.equal(todayIn('America/New_York', now).toString(), '2027-04-10');
    assert.equal(todayIn('Europe/Amsterdam', now).toString(), '2027-04-11');
    assert.equal(isOverdue(open('2027-04-10'), todayIn('America/New_York', now)), false);
    assert.equal(isOverdue(open('2027-04-10'), todayIn('Europe/Amsterdam', now)), true);
  });
  test('property — overdue, near and upcoming exclude each other and cover every open deadline', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -400, max: 400 }), (today, offset) => {
        const entry = open(today.add({ days: offset }).toString());
        const flags = [isOverdue(entry, today), isNear(entry, today)];
        assert.ok(!(flags[0] && flags[1]));
        assert.equal(deadlineState(entry, today), offset < 0 ? 'overdue' : offset <= 7 ? 'near' : 'upcoming');
      }),
    );
  });
});

describe('reminders: the insured’s open deadlines, overdue or within 7 days, at most weekly', () => {
  const now = Temporal.Instant.from('2027-04-05T14:00:00Z'); // 10:00 in New York, 5 Apr
  const zone = 'America/New_York';
  const entry = { kind: 'proof_of_loss_due', party: 'insured' as const, status: 'open' as const, dueOn: '2027-04-10', remindedAt: null };
  test('JPF-DUTY-4: due in 5 days and never reminded → reminded', () => {
    assert.equal(reminderDue(entry, now, zone), true);
  });
  test('due in 8 days → not yet', () => {
    assert.equal(reminderDue({ ...entry, dueOn: '2027-04-13' }, now, zone), false);
  });
  test('overdue → reminded', () => {
    assert.equal(reminderDue({ ...entry, dueOn: '2027-03-01' }, now, zone), true);
  });
  test('reminded 6 days 23 hours ago → not again; 7 days ago → again', () => {
    assert.equal(reminderDue({ ...entry, remindedAt: now.subtract({ hours: 7 * 24 - 1 }).toString() }, now, zone), false);
    assert.equal(reminderDue({ ...entry, remindedAt: now.subtract({ hours: 7 * 24 }).toString() }, now, zone), true);
  });
  test('closed entries, the insurer’s own deadlines and the suit limitation are never reminded to the insured', () => {
    assert.equal(reminderDue({ ...entry, status: 'done' }, now, zone), false);
    assert.equal(reminderDue({ ...entry, kind: 'settlement_due', party: 'insurer' }, now, zone), false);
    assert.equal(reminderDue({ ...entry, kind: 'suit_limitation' }, now, zone), false);
    assert.equal(reminderDue({ ...entry, kind: 'no_such_kind' }, now, zone), false);
  });
  test('JPF-APPR-1: a deadline of both sides (naming appraisers) is reminded to the insured', () => {
    assert.equal(reminderDue({ ...entry, kind: 'appraiser_naming_due', party: 'both' }, now, zone), true);
  });
});

describe('diary entries for the other parts of the claims module', () => {
  test('JPF-DUTY-4, JPF-SUIT-1: a loss on 10 Jan 2027 gets proof of loss due 10 Apr 2027 and suit limitation 10 Jan 2028', () => {
    assert.deepEqual(firstNoticeDeadlines('c1', '2027-01-10'), [
      { claimId: 'c1', kind: 'proof_of_loss_due', party: 'insured', dueOn: '2027-04-10', clause: 'JPF-DUTY-4', note: null, referenceId: null },
      { claimId: 'c1', kind: 'suit_limitation', party: 'insured', dueOn: '2028-01-10', clause: 'JPF-SUIT-1', note: null, referenceId: null },
    ]);
  });
  test('every kind cites a promise ID, and an entry takes its party and clause from the kind', () => {
    for (const [kind, rule] of Object.entries(DIARY_KIND_RULES)) assert.match(rule.clause, /^(JPF|PRV)-[A-Z]+-\d+$/, kind);
    const entry = deadlineEntry('c1', 'settlement_due', '2027-04-14', { referenceId: 'w1' });
    assert.deepEqual(
      { party: entry.party, clause: entry.clause, dueOn: entry.dueOn, referenceId: entry.referenceId },
      { party: 'insurer', clause: 'JPF-SETTLE-9', dueOn: '2027-04-14', referenceId: 'w1' },
    );
  });
});
