import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../../../../platform/db/schema.ts';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { useDisclosureTest } from './disclosure-test-support.ts';

/** The pages of recipients (PRV-DISC-3, PRV-PROC-1), partner authorisations, surveys (PRV-SURVEY-1) and the export (PRV-DEID-1), without JavaScript. */
const t = useDisclosureTest();
const csrfCookie = 'd'.repeat(43);

async function postForm(as: Role | null, url: string, fields: Record<string, string>) {
  const csrf = csrfTokenFor(t.bezel.deps.appSecret, csrfCookie);
  if (as === null) {
    return t.bezel.app.inject({
      method: 'POST',
      url,
      headers: { cookie: `bezel_csrf=${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
  }
  await t.call(as, 'GET', '/api/v1/me'); // logs in
  return t.call(as, 'POST', url, new URLSearchParams({ ...fields, _csrf: csrf }).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'text/html',
  });
}

describe('disclosure pages', () => {
  test('PRV-PROC-1: the privacy officer adds a processor and its agreement on the recipients page; a bad date is shown as a form error', async () => {
    const added = await postForm('privacy_officer', '/backoffice/privacy/recipients', {
      name: 'Cloud Printing Co',
      type: 'service_provider',
      description: '',
      contactEmail: '',
    });
    assert.equal(added.statusCode, 303, added.body);
    const recipient = await t.bezel.deps.db.selectFrom('privacy_recipient').select('id').where('name', '=', 'Cloud Printing Co').executeTakeFirstOrThrow();
    const bad = await postForm('privacy_officer', `/backoffice/privacy/recipients/${recipient.id}/agreements`, {
      reference: 'DPA-9',
      signedOn: '2026-02-30',
      endsOn: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('error-summary'));
    const ok = await postForm('privacy_officer', `/backoffice/privacy/recipients/${recipient.id}/agreements`, {
      reference: 'DPA-9',
      signedOn: '2026-02-01',
      endsOn: '',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await t.call('privacy_officer', 'GET', '/backoffice/privacy/recipients?done=agreement', undefined, { accept: 'text/html' });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Cloud Printing Co') && page.body.includes('DPA-9: 2026-02-01'));
    // Auditors read the registry but get no forms; customers do not get the page.
    const auditorPage = await t.call('auditor', 'GET', '/backoffice/privacy/recipients', undefined, { accept: 'text/html' });
    assert.equal(auditorPage.statusCode, 200);
    assert.ok(!auditorPage.body.includes('action="/backoffice/privacy/recipients"'));
    assert.equal((await t.call('customer', 'GET', '/backoffice/privacy/recipients', undefined, { accept: 'text/html' })).statusCode, 403);
  });

  test('PRV-DISC-3: a customer authorises a partner in the portal and withdraws it', async () => {
    await postForm('privacy_officer', '/backoffice/privacy/recipients', { name: 'Gem Partners', type: 'partner' });
    const partner = await t.bezel.deps.db.selectFrom('privacy_recipient').select('id').where('name', '=', 'Gem Partners').executeTakeFirstOrThrow();
    const page = await t.call('customer', 'GET', '/portal/privacy/partners', undefined, { accept: 'text/html' });
    assert.ok(page.body.includes('Gem Partners'));
    assert.equal((await postForm('customer', '/portal/privacy/partners', { recipientId: partner.id })).statusCode, 303);
    const authorisation = await t.bezel.deps.db.selectFrom('partner_authorisation').select(['id', 'revoked_at']).executeTakeFirstOrThrow();
    assert.equal(authorisation.revoked_at, null);
    assert.equal((await postForm('customer', `/portal/privacy/partners/${authorisation.id}/revoke`, {})).statusCode, 303);
    const after = await t.bezel.deps.db.selectFrom('partner_authorisation').select('revoked_at').where('id', '=', authorisation.id).executeTakeFirstOrThrow();
    assert.equal(after.revoked_at, '2026-11-21T12:00:00Z');
  });

  test('PRV-SURVEY-1: the survey form works without an account and without JavaScript', async () => {
    const survey = await t.call('privacy_officer', 'POST', '/api/v1/privacy/surveys', { title: 'Portal survey', questions: ['overall'] });
    await t.call('privacy_officer', 'POST', `/api/v1/privacy/surveys/${survey.json().id}/invitations`, { userIds: [await t.userId('customer')] });
    await t.bezel.runJobs();
    const mail = (await t.bezel.mails()).find((m) => m.text.includes('Portal survey'));
    const token = /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    const missing = await postForm(null, `/surveys/${token}`, {});
    assert.equal(missing.statusCode, 422);
    assert.ok(missing.body.includes('error-summary'));
    const answered = await postForm(null, `/surveys/${token}`, { overall: '4' });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.ok(answered.body.includes('Thank you'));
    assert.equal((await postForm(null, `/surveys/${token}`, { overall: '4' })).statusCode, 404);
    const answers = await t.bezel.deps.db.selectFrom('survey_answer').select('ratings').where('survey_id', '=', survey.json().id).execute();
    assert.deepEqual(answers, [{ ratings: { overall: 4 } }]);
  });

  test('PRV-DEID-1: the export page downloads the CSV and lists earlier exports', async () => {
    const page = await t.call('privacy_officer', 'GET', '/backoffice/privacy/deidentified-export', undefined, { accept: 'text/html' });
    assert.equal(page.statusCode, 200);
    const download = await postForm('privacy_officer', '/backoffice/privacy/deidentified-export', {});
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-type']), /^text\/csv/);
    assert.ok(download.body.startsWith('holder,policy,item,state,country,product,category,coverage_band,currency,policy_year,status'));
    assert.equal((await t.bezel.deps.db.selectFrom('deidentified_export').select('id').execute()).length, 1);
  });
});
