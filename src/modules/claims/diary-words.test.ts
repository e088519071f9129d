import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { catalogs } from '../../platform/i18n/index.ts';
import { clauseText, dutyText } from './diary-words.ts';
import { DIARY_KIND_RULES, DIARY_KINDS, deadlineEntry, RECOVERY_REVIEW_DAYS, recoveryReviewDue, reminderDue } from './domain/claim-deadlines.ts';

/**
 * Every kind of diary deadline reads in both languages (issue #4, "in plain words", EN/NL), and the insurer's 7-day
 * review of a recovery the insured reported (JPF-SUBRO-2).
 */
describe('diary kinds in words', () => {
  test('every diary kind has its name and its clause in plain words, in English and in Dutch', () => {
    const catalog: Record<'en' | 'nl', Record<string, string>> = catalogs;
    for (const kind of DIARY_KINDS) {
      for (const locale of ['en', 'nl'] as const) {
        assert.ok(catalog[locale][`claims_diary.kind.${kind}`]?.trim(), `${locale} name of ${kind}`);
        assert.ok(catalog[locale][`claims_diary.clause.${kind}`]?.trim(), `${locale} clause of ${kind}`);
      }
      assert.notEqual(catalog.en[`claims_diary.kind.${kind}`], catalog.nl[`claims_diary.kind.${kind}`], `${kind} is translated`);
    }
  });

  test('JPF-SUBRO-2: the recovery review reads as such in both languages', () => {
    assert.equal(dutyText('en', 'recovery_review_due', null), 'Review of a reported recovery');
    assert.equal(dutyText('nl', 'recovery_review_due', null), 'Beoordeling van wat als teruggekregen is gemeld');
    assert.match(clauseText('en', 'recovery_review_due'), /property we paid for becomes ours/);
  });
});

describe('JPF-SUBRO-2: the insurer’s review of a reported recovery', () => {
  test('JPF-SUBRO-2: reported on 15 Jan 2027, reviewed by 22 Jan (15 + 7); on 28 Jan, by 4 Feb (28 + 7 = 35 − 31)', () => {
    assert.equal(recoveryReviewDue('2027-01-15').toString(), '2027-01-22');
    assert.equal(recoveryReviewDue('2027-01-28').toString(), '2027-02-04');
    // Over a leap day: 25 Feb 2028 + 7 = 3 Mar 2028 (29 days in February).
    assert.equal(recoveryReviewDue('2028-02-25').toString(), '2028-03-03');
  });

  test('JPF-SUBRO-2: the entry is the insurer’s, cites JPF-SUBRO-2, and is never reminded to the insured', () => {
    assert.deepEqual(DIARY_KIND_RULES.recovery_review_due, { party: 'insurer', clause: 'JPF-SUBRO-2', remindInsured: false });
    const entry = deadlineEntry('c1', 'recovery_review_due', recoveryReviewDue('2027-01-15'), { referenceId: 'r1' });
    assert.deepEqual([entry.party, entry.clause, entry.dueOn, entry.referenceId], ['insurer', 'JPF-SUBRO-2', '2027-01-22', 'r1']);
    const overdue = { ...entry, status: 'open' as const, remindedAt: null, dueOn: '2027-01-01' };
    assert.equal(reminderDue(overdue, Temporal.Instant.from('2027-01-15T15:00:00Z'), 'America/New_York'), false);
  });

  test('property: the review is always exactly 7 days after the report, and later than it', () => {
    const days = fc.integer({ min: 0, max: 3650 });
    fc.assert(
      fc.property(days, (offset) => {
        const reported = Temporal.PlainDate.from('2026-01-01').add({ days: offset });
        const due = recoveryReviewDue(reported);
        return reported.until(due, { largestUnit: 'days' }).days === RECOVERY_REVIEW_DAYS && Temporal.PlainDate.compare(due, reported) > 0;
      }),
    );
  });
});
