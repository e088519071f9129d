import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { nowText } from '../../../platform/clock.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { deadlineEntry, firstNoticeDeadlines } from '../domain/claim-deadlines.ts';
import { useClaimApiTest } from '../http/claim-api-test-support.ts';
import { sendDiaryReminders } from './send-diary-reminders.ts';

/**
 * Reminders (issue #4, "Reminders go out by mail"): the nightly job, run as the worker runs it (the schedule's slot
 * enqueues it, TestBezel.runJobs works it), mails the policyholder about their near and overdue deadlines, once a
 * week at most, in their language, and never about closed entries or finished claims.
 */
const t = useClaimApiTest();
let claimId: string;
let claimNumber: string;

const REMINDER_EN = 'Reminder: a deadline on your claim';
const REMINDER_NL = 'Herinnering: een termijn bij uw schadeclaim';

async function reminders(subject: string) {
  return (await t.bezel.mails()).filter((mail) => mail.subject === subject);
}

describe('diary reminders', () => {
  before(async () => {
    const policy = await t.boundPolicy();
    t.moveClockTo('2027-01-15T15:00:00Z'); // 10:00 in New York, Friday 15 Jan 2027
    ({ id: claimId, claimNumber } = await t.seedClaim(policy.id, { lossDate: '2027-01-10' }));
    const now = nowText(t.bezel.clock);
    // JPF-DUTY-4: proof of loss due 10 Apr 2027 (10 Jan + 90); JPF-SUIT-1: 10 Jan 2028 (never reminded).
    await addDiaryEntries(t.bezel.deps.db, firstNoticeDeadlines(claimId, '2027-01-10'), now);
    // A document request due in 5 days (the insured's), and a confirmation already answered (closed).
    const asked = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
      kind: 'produce_records',
      dueOn: '2027-01-20',
      details: 'Receipt of the ring',
    });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    const confirmation = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, { kind: 'written_confirmation', dueOn: '2027-01-18' });
    const answered = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${confirmation.json().id}/answer`, {
      note: 'I confirm the loss.',
    });
    assert.equal(answered.statusCode, 200);
    // The insurer's own deadline, due tomorrow: the adjuster's diary, not a mail to the insured.
    await addDiaryEntries(t.bezel.deps.db, [deadlineEntry(claimId, 'settlement_due', '2027-01-16')], now);
    // A finished claim's open deadline is not reminded either.
    const closed = await t.seedClaim(policy.id, { lossDate: '2027-01-02', status: 'withdrawn' });
    await addDiaryEntries(t.bezel.deps.db, [deadlineEntry(closed.id, 'document_request_due', '2027-01-17')], now);
  });

  test('JPF-DUTY-5: the insured is reminded once of a requested document due in 5 days, naming the claim, the duty, the date and the clause', async () => {
    await t.bezel.runJobs(); // the 03:00 New York slot of 15 Jan enqueues the job; the worker runs it and sends the mails
    const sent = await reminders(REMINDER_EN);
    assert.equal(sent.length, 1, sent.map((mail) => mail.text).join('\n---\n'));
    const [mail] = sent;
    assert.equal(mail?.to, 'customer@demo.bezel.test');
    assert.ok(
      mail?.text.includes(`A reminder about claim ${claimNumber}: Records and documents we asked for: Receipt of the ring, by January 20, 2027 (in 5 days).`),
      mail?.text,
    );
    assert.ok(mail?.text.includes('give us the records about the value, the loss and the cost'), 'the clause in plain words');
    assert.ok(mail?.links.some((link) => link.endsWith(`/portal/claims/${claimId}`)));
    const entries = await t.bezel.deps.db.selectFrom('claim_diary_entry').select(['kind', 'reminded_at']).where('claim_id', '=', claimId).execute();
    assert.deepEqual(
      entries.filter((entry) => entry.reminded_at !== null).map((entry) => entry.kind),
      ['document_request_due'],
    );
  });

  test('idempotent: running the job again the same day sends nothing more', async () => {
    const run = await sendDiaryReminders(t.bezel.deps);
    assert.equal(run.reminded, 0);
    await t.bezel.runJobs();
    assert.equal((await reminders(REMINDER_EN)).length, 1);
  });

  test('a week later the overdue document is reminded again — in Dutch for a Dutch holder; not again the next day', async () => {
    await t.bezel.deps.db.updateTable('app_user').set({ locale: 'nl' }).where('email', '=', 'customer@demo.bezel.test').execute();
    t.moveClockTo('2027-01-23T15:00:00Z'); // 8 days after the first reminder; the request is 3 days overdue
    await t.bezel.runJobs();
    const dutch = await reminders(REMINDER_NL);
    assert.equal(dutch.length, 1);
    assert.ok(
      dutch[0]?.text.includes(
        `Een herinnering over schadeclaim ${claimNumber}: Stukken en documenten die wij hebben gevraagd: Receipt of the ring, uiterlijk 20 januari 2027 — 3 dagen te laat.`,
      ),
      String(dutch[0]?.text),
    );
    t.moveClockTo('2027-01-24T15:00:00Z');
    await t.bezel.runJobs();
    assert.equal((await reminders(REMINDER_NL)).length, 1);
  });

  test('JPF-DUTY-4: the proof of loss is reminded 5 days before its 90-day deadline (10 Jan + 90 = 10 Apr)', async () => {
    await t.bezel.deps.db
      .updateTable('claim_diary_entry')
      .set({ status: 'done' })
      .where('claim_id', '=', claimId)
      .where('kind', '=', 'document_request_due')
      .execute();
    t.moveClockTo('2027-04-05T15:00:00Z');
    await t.bezel.runJobs();
    const dutch = await reminders(REMINDER_NL);
    assert.equal(dutch.length, 2);
    assert.ok(dutch[1]?.text.includes('Schadeopgave, uiterlijk 10 april 2027 (over 5 dagen).'), String(dutch[1]?.text));
    assert.ok(dutch[1]?.text.includes('binnen 90 dagen na het verlies'));
  });

  test('batch-limited: a run works in batches of the given size and still reaches every due entry', async () => {
    const now = nowText(t.bezel.clock);
    const policy = await t.bezel.deps.db.selectFrom('claim').select('policy_id').where('id', '=', claimId).executeTakeFirstOrThrow();
    const more = await t.seedClaim(policy.policy_id, { lossDate: '2027-03-30' });
    await addDiaryEntries(
      t.bezel.deps.db,
      ['2027-04-06', '2027-04-07', '2027-04-08'].map((dueOn) => deadlineEntry(more.id, 'exhibit_property_due', dueOn)),
      now,
    );
    const run = await sendDiaryReminders(t.bezel.deps, { batchSize: 2 });
    assert.deepEqual([run.reminded, run.batches], [3, 2]);
  });
});
