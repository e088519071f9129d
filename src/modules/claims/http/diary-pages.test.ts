import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { DEMO_PASSWORD } from '../../accounts/index.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { deadlineEntry, firstNoticeDeadlines } from '../domain/claim-deadlines.ts';
import { useClaimApiTest, type Who } from './claim-api-test-support.ts';
import { diary360Section, diaryStatusSection } from './diary-sections.tsx';

/**
 * The diary's pages and sections (issue #4), as a browser without JavaScript uses them: the claim's diary page and its
 * forms (a refused form comes back with an error summary that links to the field), the adjuster's diary with
 * "Overdue" in words, the insured's "what we need from you" in English and Dutch, and their answer with a document.
 */
const t = useClaimApiTest();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const CSRF_COOKIE = 'c'.repeat(43);
let claimId: string;
let claimNumber: string;

type Page = { statusCode: number; body: string };
async function page(as: Who, method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Page> {
  return (await t.call(as, method, url, form)) as unknown as Page;
}

/** A logged-in session cookie, for the multipart post that `call` cannot make. */
async function sessionOf(email: string): Promise<string> {
  const login = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
  return `bezel_session=${login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value}; bezel_csrf=${CSRF_COOKIE}`;
}

function multipart(fields: Record<string, string>, files: { name: string; fileName: string; type: string; content: Buffer }[]) {
  const boundary = '----bezel-diary-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function actorOf(email: string, roles: UserActor['roles'], locale: 'en' | 'nl'): Promise<UserActor> {
  const user = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { kind: 'user', userId: user.id, roles, locale, via: 'session' };
}

describe('diary pages and sections', () => {
  before(async () => {
    const policy = await t.boundPolicy();
    t.moveClockTo('2027-01-15T15:00:00Z');
    ({ id: claimId, claimNumber } = await t.seedClaim(policy.id, { lossDate: '2027-01-10' }));
    const now = nowText(t.bezel.clock);
    // JPF-DUTY-4 due 10 Apr 2027, JPF-SUIT-1 10 Jan 2028, and an overdue settlement deadline (JPF-SETTLE-9, 14 Jan).
    await addDiaryEntries(t.bezel.deps.db, [...firstNoticeDeadlines(claimId, '2027-01-10'), deadlineEntry(claimId, 'settlement_due', '2027-01-14')], now);
  });

  test('the claim’s diary page lists each deadline with its clause, says “Overdue” in words, and carries the forms', async () => {
    const reply = await page('adjuster', 'GET', `/backoffice/claims/${claimId}/diary`);
    assert.equal(reply.statusCode, 200);
    assert.match(reply.body, new RegExp(`Diary of claim ${claimNumber}`));
    assert.match(reply.body, /<strong class="diary-overdue">Overdue<\/strong>/);
    for (const clause of ['JPF-DUTY-4', 'JPF-SUIT-1', 'JPF-SETTLE-9']) assert.ok(reply.body.includes(clause), clause);
    assert.match(reply.body, /<label class="field__label" for="field-dutyDueOn">Due date/);
    assert.match(reply.body, /action="\/backoffice\/claims\/[0-9a-f-]+\/duty-records"/);
    // Auditors read the diary but get no forms.
    const auditor = await page('auditor', 'GET', `/backoffice/claims/${claimId}/diary`);
    assert.equal(auditor.statusCode, 200);
    assert.doesNotMatch(auditor.body, /duty-requests"/);
    assert.equal((await page('customer', 'GET', `/backoffice/claims/${claimId}/diary`)).statusCode, 403);
  });

  test('JPF-DUTY-5: an examination without a place comes back with an error summary linked to the field; nothing is written', async () => {
    const reply = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-requests`, {
      dutyKind: 'examination_under_oath',
      dutyDueOn: '2027-02-03',
      dutyExaminationOn: '2027-02-03',
      dutyPlace: '',
    });
    assert.equal(reply.statusCode, 422);
    assert.match(reply.body, /class="error-summary"/);
    assert.match(reply.body, /<a href="#field-dutyPlace">An examination under oath needs its date and place.<\/a>/);
    const rows = await t.bezel.deps.db.selectFrom('claim_duty_request').select('id').where('claim_id', '=', claimId).execute();
    assert.equal(rows.length, 0);
  });

  test('JPF-DUTY-5: a valid request is made, shown, and can be recorded as done from its row', async () => {
    const made = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-requests`, {
      dutyKind: 'produce_records',
      dutyDueOn: '2027-02-01',
      dutyDetails: 'Receipt of the ring',
    });
    assert.equal(made.statusCode, 200);
    assert.match(made.body, /Asked of the insured: Produce records and documents/);
    const request = await t.bezel.deps.db.selectFrom('claim_duty_request').select('id').where('claim_id', '=', claimId).executeTakeFirstOrThrow();
    const bad = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-requests/${request.id}/fulfil`, { fulfilledOn: '2027-01-16' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes(`href="#field-fulfil-${request.id}-fulfilledOn"`), 'the summary links to this row’s date field');
    const done = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-requests/${request.id}/fulfil`, { fulfilledOn: '2027-01-15' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Recorded as done: Produce records and documents/);
  });

  test('JPF-DUTY-7: consent to an abandonment without the written consent is refused on the form', async () => {
    const reply = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-records`, {
      recordKind: 'abandonment_offer',
      recordOccurredOn: '2027-01-14',
      recordDescription: 'Offered the ring to us',
      recordDecision: 'consented',
    });
    assert.equal(reply.statusCode, 422);
    assert.match(reply.body, /href="#field-recordConsentReference"/);
    const refused = await page('adjuster', 'POST', `/backoffice/claims/${claimId}/duty-records`, {
      recordKind: 'abandonment_offer',
      recordOccurredOn: '2027-01-14',
      recordDescription: 'Offered the ring to us',
    });
    assert.equal(refused.statusCode, 200);
    assert.match(refused.body, /Refused/);
  });

  test('the adjuster’s diary page: overdue rows say so in words; the overdue filter keeps only those; customers are refused', async () => {
    const all = await page('adjuster', 'GET', '/backoffice/claims/diary');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Claims diary/);
    assert.match(all.body, /<strong class="diary-overdue">Overdue<\/strong>/);
    assert.match(all.body, /Proof of loss/);
    const overdue = await page('adjuster', 'GET', '/backoffice/claims/diary?overdue=yes');
    assert.match(overdue.body, /Settlement \(our payment\)/);
    assert.doesNotMatch(overdue.body, /Proof of loss/);
    const bad = await page('adjuster', 'GET', '/backoffice/claims/diary?dueBefore=2027-13-45');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#field-dueBefore"/);
    assert.equal((await page('customer', 'GET', '/backoffice/claims/diary')).statusCode, 403);
  });

  test('sections: the 360 view shows the diary; the insured’s status page says what we need, by when, in plain words — in Dutch too', async () => {
    const deps = t.bezel.deps;
    const adjuster = await actorOf('adjuster@demo.bezel.test', ['adjuster'], 'en');
    const customer = await actorOf('customer@demo.bezel.test', ['customer'], 'nl');
    const claim = await findClaimWithItemsVisibleTo(deps.db, adjuster, claimId);
    assert.ok(claim);
    const staff = await diary360Section.render({ deps, actor: adjuster, locale: 'en', claim, csrfToken: 'token' });
    assert.ok(staff);
    assert.match(renderFragment(staff), /id="diary"/);
    const dutch = await diaryStatusSection.render({ deps, actor: customer, locale: 'nl', claim, csrfToken: 'token' });
    assert.ok(dutch);
    const html = renderFragment(dutch);
    assert.match(html, /Wat wij van u nodig hebben/);
    assert.match(html, /Schadeopgave<\/strong> — uiterlijk 10 april 2027 \(over 85 dagen\)/); // 15 Jan + 85 = 10 Apr
    assert.match(html, /binnen 90 dagen na het verlies/);
    assert.match(html, /uiterlijk op 10 januari 2028/); // JPF-SUIT-1
    // Someone who reaches the claim but is not its holder (its agent) gets no such list.
    const agent = await actorOf('agent@demo.bezel.test', ['agent'], 'en');
    assert.equal(await diaryStatusSection.render({ deps, actor: agent, locale: 'en', claim, csrfToken: 'token' }), null);
  });

  test('JPF-DUTY-5: the holder answers a records request in the portal with a PDF; another customer gets 404', async () => {
    const asked = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, {
      kind: 'produce_records',
      dueOn: '2027-02-05',
      details: 'Bank statement',
    });
    const url = `/portal/claims/${claimId}/duty-requests/${asked.json().id}`;
    const form = await page('customer', 'GET', url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /We asked for: Bank statement/);
    assert.equal((await page('customer3', 'GET', url)).statusCode, 404);

    const cookie = await sessionOf('customer@demo.bezel.test');
    const csrf = csrfTokenFor(t.bezel.deps.appSecret, CSRF_COOKIE);
    const empty = multipart({ _csrf: csrf, answerNote: 'Sent by post' }, []);
    const refused = await t.bezel.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': empty.contentType }, payload: empty.payload });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#field-answerFile1">Add at least one document./);
    const withFile = multipart({ _csrf: csrf, answerNote: 'Here it is' }, [
      { name: 'answerFile1', fileName: 'statement.pdf', type: 'application/pdf', content: PDF },
    ]);
    const answered = await t.bezel.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': withFile.contentType }, payload: withFile.payload });
    assert.equal(answered.statusCode, 200, answered.body.slice(0, 500));
    assert.match(answered.body, /we have received your answer/);
    const files = await t.bezel.deps.db.selectFrom('stored_file').select(['purpose', 'linked_type', 'linked_id']).where('linked_id', '=', claimId).execute();
    assert.deepEqual(files, [{ purpose: 'claim_document', linked_type: 'claim', linked_id: claimId }]);
  });
});
