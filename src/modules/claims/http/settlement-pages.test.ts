import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { DEMO_PASSWORD } from '../../accounts/index.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { type Json, useClaimApiTest, type Who } from './claim-api-test-support.ts';
import { proof360Section, proofStatusSection, worksheet360Section, worksheetStatusSection } from './settlement-sections.tsx';

/**
 * The proof-of-loss and worksheet pages and sections (issue #4), as a browser without JavaScript uses them: the
 * portal's proof of loss form with its receipts (multipart), the adjuster's decision and worksheet forms, the
 * settlement in plain words (EN/NL) with the written agreement; refused forms come back with an error summary.
 */
const t = useClaimApiTest();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const CSRF_COOKIE = 'c'.repeat(43);
const policies: string[] = [];

type Page = { statusCode: number; body: string; headers: Record<string, unknown> };
async function page(as: Who, method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Page> {
  return (await t.call(as, method, url, form)) as unknown as Page;
}

async function sessionOf(email: string): Promise<string> {
  const login = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
  return `bezel_session=${login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value}; bezel_csrf=${CSRF_COOKIE}`;
}

function multipart(fields: Record<string, string | string[]>, files: { name: string; fileName: string; type: string; content: Buffer }[]) {
  const boundary = '----bezel-proof-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    for (const one of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${one}\r\n`));
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

/** The portal form as Carla fills it in for her lost ring. */
function proofForm(csrf: string, changes: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: csrf,
    lossDate: '2027-01-10',
    lossTime: '18:30',
    lossPlace: 'Fifth Avenue, New York',
    lossDetails: 'The ring slipped off my finger while I was walking home in the rain.',
    hasOtherInsurance: 'no',
    insuredInterest: 'Sole owner',
    hasOtherInterests: 'no',
    titleChanged: 'no',
    'inventory.0.quantity': '1',
    'inventory.0.description': 'Diamond engagement ring',
    'inventory.0.cost': '4000.00',
    'inventory.0.actualCashValue': '5200.00',
    'inventory.0.amountOfLoss': '5000.00',
    fullName: 'Carla Customer',
    confirm: 'yes',
    ...changes,
  };
}

async function postProof(claimId: string, fields: Record<string, string>, withReceipt: boolean) {
  const cookie = await sessionOf('customer@demo.bezel.test');
  const body = multipart(fields, withReceipt ? [{ name: 'receipt1', fileName: 'receipt.pdf', type: 'application/pdf', content: PDF }] : []);
  return t.bezel.app.inject({
    method: 'POST',
    url: `/portal/claims/${claimId}/proof-of-loss`,
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function claim(): Promise<string> {
  const policyId = policies.shift();
  assert.ok(policyId);
  return (await t.seedClaim(policyId, { status: 'covered' })).id;
}

describe('proof of loss and worksheet pages', () => {
  before(async () => {
    for (let index = 0; index < 4; index += 1) policies.push((await t.boundPolicy()).id);
    t.moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-DUTY-4: the portal form has every part a–e, works as multipart without JavaScript, and a refusal names the field', async () => {
    const id = await claim();
    const form = await page('customer', 'GET', `/portal/claims/${id}/proof-of-loss`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    for (const part of ['a. When, where and what happened', 'b. Other insurance', 'c. Interests in the jewelry', 'd. Changes in ownership', 'e. Inventory'])
      assert.ok(form.body.includes(part), part);
    assert.match(form.body, /Please send it by April 10, 2027/);
    assert.equal((await page('customer3', 'GET', `/portal/claims/${id}/proof-of-loss`)).statusCode, 404);

    const csrf = csrfTokenFor(t.bezel.deps.appSecret, CSRF_COOKIE);
    // No receipt: the use case refuses (JPF-DUTY-4 e), the form comes back with the summary linking to the file field.
    const refused = await postProof(id, proofForm(csrf), false);
    assert.equal(refused.statusCode, 422, refused.body.slice(0, 300));
    assert.match(refused.body, /href="#field-receipt1">Attach at least one bill, receipt or related document./);
    // A part missing: "yes" to other insurance without an insurer.
    const partMissing = await postProof(id, proofForm(csrf, { hasOtherInsurance: 'yes' }), true);
    assert.equal(partMissing.statusCode, 400);
    assert.match(partMissing.body, /href="#field-otherInsurance-0-insurer"/);
    assert.equal((await t.bezel.deps.db.selectFrom('proof_of_loss').select('id').where('claim_id', '=', id).execute()).length, 0);

    const sent = await postProof(
      id,
      proofForm(csrf, { hasOtherInsurance: 'yes', 'otherInsurance.0.insurer': 'Homeowners Mutual', 'otherInsurance.0.limit': '3000' }),
      true,
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const after = await page('customer', 'GET', `/portal/claims/${id}/proof-of-loss`);
    assert.match(after.body, /We received your proof of loss on January 15, 2027/);
    assert.doesNotMatch(after.body, /enctype="multipart\/form-data"/, 'no second proof while one is reviewed');
    const dutch = await t.bezel.app.inject({
      method: 'GET',
      url: `/portal/claims/${id}/proof-of-loss`,
      headers: { cookie: `${await sessionOf('customer@demo.bezel.test')}; bezel_lang=nl` },
    });
    assert.match(dutch.body, /Wij ontvingen uw schadeopgave op 15 januari 2027/);
  });

  test('JPF-DUTY-4: the adjuster reads the proof, a rejection needs a reason, acceptance goes through the page', async () => {
    const id = await claim();
    const csrf = csrfTokenFor(t.bezel.deps.appSecret, CSRF_COOKIE);
    assert.equal((await postProof(id, proofForm(csrf), true)).statusCode, 303);
    const staff = await page('adjuster', 'GET', `/backoffice/claims/${id}/proof-of-loss`);
    assert.equal(staff.statusCode, 200);
    assert.match(staff.body, /Sole owner/);
    assert.match(staff.body, /Signed by Carla Customer on January 15, 2027/);
    assert.match(staff.body, /href="\/api\/v1\/files\/[0-9a-f-]{36}"/);
    const proof = (await t.call('adjuster', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).json().current as Json;
    const rejected = await page('adjuster', 'POST', `/backoffice/claims/${id}/proof-of-loss/${proof.id}/reject`, { rejectionReason: '' });
    assert.equal(rejected.statusCode, 400);
    assert.match(rejected.body, /href="#field-rejectionReason">Enter this./);
    assert.equal((await page('customer', 'POST', `/backoffice/claims/${id}/proof-of-loss/${proof.id}/accept`, {})).statusCode, 403);
    const accepted = await page('adjuster', 'POST', `/backoffice/claims/${id}/proof-of-loss/${proof.id}/accept`, {});
    assert.equal(accepted.statusCode, 303);
    assert.equal((await t.call('adjuster', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).json().current.status, 'accepted');
  });

  test('JPF-SETTLE-2 / JPF-SETTLE-9: the adjuster’s worksheet form, the settlement in plain words (EN/NL) and the written agreement', async () => {
    const id = await claim();
    const refused = await page('adjuster', 'POST', `/backoffice/claims/${id}/worksheet`, { 'lines.0.method': 'repair', 'lines.0.repairOrReplaceCost': '' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#field-lines-0-repairOrReplaceCost">Item 1: enter the cost to repair or replace./);
    const made = await page('adjuster', 'POST', `/backoffice/claims/${id}/worksheet`, { 'lines.0.method': 'repair', 'lines.0.repairOrReplaceCost': '1200.00' });
    assert.equal(made.statusCode, 303, made.body.slice(0, 500));
    const staff = await page('adjuster', 'GET', `/backoffice/claims/${id}/worksheet`);
    assert.match(staff.body, /Version 1, made on January 15, 2027/);
    assert.match(staff.body, /cost to repair or replace: \$1,200.00; coverage amount: \$5,000.00/);

    const plain = await page('customer', 'GET', `/portal/claims/${id}/settlement`);
    assert.equal(plain.statusCode, 200);
    assert.match(
      plain.body,
      /repair cost \$1,200.00\. We pay the smallest of cost to repair or replace \$1,200.00, coverage amount \$5,000.00: \$1,200.00\. Minus your \$250.00 deductible = \$950.00\./,
    );
    assert.match(plain.body, /In total we pay \$950.00/);
    assert.equal((await page('customer3', 'GET', `/portal/claims/${id}/settlement`)).statusCode, 404);
    const notAgreed = await page('customer', 'POST', `/portal/claims/${id}/settlement`, { version: '1', agreementName: 'Carla Customer' });
    assert.equal(notAgreed.statusCode, 400);
    assert.match(notAgreed.body, /href="#field-agreementConfirm">Tick the box to confirm./);
    const agreed = await page('customer', 'POST', `/portal/claims/${id}/settlement`, {
      version: '1',
      agreementName: 'Carla Customer',
      agreementConfirm: 'yes',
    });
    assert.equal(agreed.statusCode, 303);
    assert.match((await page('customer', 'GET', `/portal/claims/${id}/settlement`)).body, /You agreed to this amount on January 15, 2027/);

    const claimRecord = await findClaimWithItemsVisibleTo(t.bezel.deps.db, await actorOf('customer@demo.bezel.test', ['customer'], 'nl'), id);
    assert.ok(claimRecord);
    const dutch = await worksheetStatusSection.render({
      deps: t.bezel.deps,
      actor: await actorOf('customer@demo.bezel.test', ['customer'], 'nl'),
      locale: 'nl',
      claim: claimRecord,
      csrfToken: 'token',
    });
    assert.ok(dutch);
    assert.match(renderFragment(dutch), /Min uw eigen risico van US\$\s?250,00 = US\$\s?950,00\./);
  });

  test('the sections: the 360 view and the status page show the proof of loss and the worksheet; a jeweler sees neither', async () => {
    const id = await claim();
    await page('adjuster', 'POST', `/backoffice/claims/${id}/worksheet`, { 'lines.0.method': 'replace', 'lines.0.repairOrReplaceCost': '6200.00' });
    const deps = t.bezel.deps;
    const adjuster = await actorOf('adjuster@demo.bezel.test', ['adjuster'], 'en');
    const customer = await actorOf('customer@demo.bezel.test', ['customer'], 'en');
    const jeweler = await actorOf('jeweler@demo.bezel.test', ['jeweler'], 'en');
    const claimRecord = await findClaimWithItemsVisibleTo(deps.db, adjuster, id);
    assert.ok(claimRecord);
    const input = { deps, locale: 'en' as const, claim: claimRecord, csrfToken: 'token' };
    const proof360 = await proof360Section.render({ ...input, actor: adjuster });
    assert.ok(proof360);
    assert.match(renderFragment(proof360), /No proof of loss yet. It is due by April 10, 2027./);
    assert.match(renderFragment(proof360), /Ask for the proof of loss under oath/);
    const worksheet360 = await worksheet360Section.render({ ...input, actor: adjuster });
    assert.ok(worksheet360);
    assert.match(renderFragment(worksheet360), /Total loss: paying it ends the item’s cover \(JPF-SETTLE-7\)/);
    assert.match(renderFragment(worksheet360), /Make a new version/);
    // A jeweler assigned to the claim sees it, but not the insured's proof of loss or settlement.
    await deps.db.updateTable('claim').set({ jeweler_user_id: jeweler.userId }).where('id', '=', id).execute();
    assert.ok(await findClaimWithItemsVisibleTo(deps.db, jeweler, id));
    const status = await proofStatusSection.render({ ...input, actor: customer });
    assert.ok(status);
    assert.match(renderFragment(status), /Fill in and sign your proof of loss/);
    assert.equal(await proofStatusSection.render({ ...input, actor: jeweler }), null);
    assert.equal(await worksheetStatusSection.render({ ...input, actor: jeweler }), null);
  });
});
