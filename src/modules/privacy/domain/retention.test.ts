import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { candidateCutoff, isRetentionOver, retentionEndsAt, retentionEndsOn } from './retention.ts';
import { RETENTION_RULES, retentionRule } from './retention-rules.ts';

const date = (text: string) => Temporal.PlainDate.from(text);
const instant = (text: string) => Temporal.Instant.from(text);

test('PRV-RET-1: an invoice is kept 7 calendar years from its date', () => {
  // 2019-03-15 + 7 years = 2026-03-15: same day and month, the year plus 7.
  assert.equal(retentionEndsOn(retentionRule('invoice_7_years'), date('2019-03-15'))?.toString(), '2026-03-15');
  // 2020-02-29 + 7 years: 2027 is not a leap year, so the count ends on the month's last day, 2027-02-28.
  assert.equal(retentionEndsOn(retentionRule('invoice_7_years'), date('2020-02-29'))?.toString(), '2027-02-28');
  // 2021-02-28 + 7 years = 2028-02-28 (2028 is a leap year, but the count does not move to the 29th).
  assert.equal(retentionEndsOn(retentionRule('invoice_7_years'), date('2021-02-28'))?.toString(), '2028-02-28');
});

test('PRV-REC-1 / PRV-RET-1: a call recording is kept at most 180 days', () => {
  // 2026-01-01 + 180 days: Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 151 days to 1 June, + 29 = 2026-06-30.
  assert.equal(retentionEndsOn(retentionRule('call_recording_180_days'), date('2026-01-01'))?.toString(), '2026-06-30');
  // 2024 is a leap year: Feb has 29 days, 152 days to 1 June, + 28 = 2024-06-29.
  assert.equal(retentionEndsOn(retentionRule('call_recording_180_days'), date('2024-01-01'))?.toString(), '2024-06-29');
});

test('PRV-RET-1 / PRV-IP-1: policy records are kept 7 years after the policy ends', () => {
  // Last day 2024-02-29 + 7 years = 2031-02-28 (2031 has no 29 February).
  assert.equal(retentionEndsOn(retentionRule('policy_life_plus_7_years'), date('2024-02-29'))?.toString(), '2031-02-28');
});

test('PRV-RET-1: days are calendar days in the named time zone (a DST change makes one 23 hours)', () => {
  // 2026-03-20T12:00Z is 13:00 CET in Amsterdam; + 30 days = 2026-04-19 13:00 CEST (summer time from 29 March) = 11:00Z,
  // so the period is 30 × 24 − 1 = 719 hours, not 720.
  const end = retentionEndsAt(retentionRule('session_30_days'), instant('2026-03-20T12:00:00Z'), 'Europe/Amsterdam');
  assert.equal(end?.toString(), '2026-04-19T11:00:00Z');
  // In UTC there is no DST: 2026-04-19T12:00Z.
  assert.equal(retentionEndsAt(retentionRule('session_30_days'), instant('2026-03-20T12:00:00Z'), 'UTC')?.toString(), '2026-04-19T12:00:00Z');
});

test('PRV-RET-1: rules without a period never end by time', () => {
  assert.equal(retentionEndsOn(retentionRule('until_erasure'), date('2000-01-01')), null);
  assert.equal(retentionEndsAt(retentionRule('audit_chain'), instant('2000-01-01T00:00:00Z'), 'UTC'), null);
  assert.equal(isRetentionOver(retentionRule('until_erasure'), date('1990-01-01'), instant('2026-11-21T12:00:00Z'), 'UTC'), false);
});

test('PRV-RET-1: retention is over on its end day in the insurer time zone, not a day before', () => {
  const rule = retentionRule('invoice_7_years');
  // Ends 2027-02-28. At 2027-02-27T23:30Z it is still the 27th in UTC, in Amsterdam already 00:30 on the 28th.
  assert.equal(isRetentionOver(rule, date('2020-02-29'), instant('2027-02-27T23:30:00Z'), 'UTC'), false);
  assert.equal(isRetentionOver(rule, date('2020-02-29'), instant('2027-02-27T23:30:00Z'), 'Europe/Amsterdam'), true);
  assert.equal(isRetentionOver(rule, date('2020-02-29'), instant('2027-02-28T00:00:00Z'), 'UTC'), true);
});

test('PRV-RET-1: every rule id is unique and every period is positive', () => {
  const ids = RETENTION_RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RETENTION_RULES)
    if (rule.period)
      assert.ok(
        Object.values(rule.period).every((n) => n > 0),
        rule.id,
      );
  assert.throws(() => retentionRule('no_such_rule'), /Unknown retention rule/);
});

test('PRV-RET-1 (property): whatever is over lies before the candidate cutoff, so the purge query never misses a row', () => {
  const periodRules = RETENTION_RULES.filter((rule) => rule.period !== null);
  fc.assert(
    fc.property(
      fc.constantFrom(...periodRules),
      fc.integer({ min: 0, max: 40 * 365 * 24 }),
      fc.integer({ min: 0, max: 15 * 365 * 24 }),
      fc.constantFrom('UTC', 'Europe/Amsterdam', 'America/Los_Angeles'),
      (rule, startHours, ageHours, timeZone) => {
        const start = instant('2000-01-01T00:00:00Z').add({ hours: startHours });
        const now = start.add({ hours: ageHours });
        const period = rule.period;
        if (!period) return;
        if (isRetentionOver(rule, start, now, timeZone)) assert.ok(Temporal.Instant.compare(start, candidateCutoff(period, now, timeZone)) <= 0);
        const startDay = start.toZonedDateTimeISO(timeZone).toPlainDate();
        if (isRetentionOver(rule, startDay, now, timeZone)) {
          const cutoffDay = candidateCutoff(period, now, timeZone).toZonedDateTimeISO(timeZone).toPlainDate();
          assert.ok(Temporal.PlainDate.compare(startDay, cutoffDay) <= 0);
        }
      },
    ),
  );
});
