import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { apiSession } from './api-session.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel, waitForMail } from './support.ts';

/**
 * Issue #5, "Proof" (PRV-RIGHT-11): in Chromium, the privacy officer opens the request queue, opens a
 * customer's request and extends its deadline with a reason before the deadline; the new deadline shows
 * and the written notice with the reason is mailed to the customer. Every page passes axe.
 */
let server: RunningBezel;
let browser: Browser;
let requestId = '';
let reference = '';
let firstDue = '';
let extendedDue = '';

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
  const customer = await apiSession(server, demoEmail('customer'), DEMO_PASSWORD);
  const created = await customer('POST', '/api/v1/privacy/requests', { type: 'access', jurisdiction: 'US-CA', details: 'Please send me a copy of my data' });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  requestId = created.json.id as string;
  reference = created.json.reference as string;
  firstDue = created.json.dueOn as string;
  // PRV-RIGHT-11: 45 days after receipt, extendable once by 45 more.
  const received = new Date(`${created.json.receivedOn as string}T00:00:00Z`).getTime();
  assert.equal(firstDue, new Date(received + 45 * 86_400_000).toISOString().slice(0, 10));
  extendedDue = new Date(received + 90 * 86_400_000).toISOString().slice(0, 10);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, email: string, lands: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${server.baseUrl}${lands}`);
}

const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });

test('PRV-RIGHT-11: the privacy officer extends a request with a reason before its deadline; the new deadline shows and the reason is mailed — accessible all the way', async () => {
  const context = await browser.newContext();
  try {
    const officer = await context.newPage();
    await logIn(officer, demoEmail('privacy_officer'), '/backoffice');
    await officer.goto(`${server.baseUrl}/backoffice/privacy/requests`);
    await officer.getByRole('heading', { name: 'Privacy requests', level: 1 }).waitFor();
    await expectAccessible(officer, 'privacy request queue');
    await officer.getByRole('link', { name: `Open request ${reference}` }).click();
    await officer.waitForURL(`${server.baseUrl}/backoffice/privacy/requests/${requestId}`);
    assert.equal(await officer.locator('#current-due-on').textContent(), longDate(firstDue));
    await expectAccessible(officer, 'privacy request page');

    // Without a reason the extension is refused and nothing changes.
    await officer.getByRole('button', { name: 'Extend the deadline' }).click();
    await officer.locator('.error-summary').waitFor();
    assert.equal(await officer.locator('#current-due-on').textContent(), longDate(firstDue));
    await expectAccessible(officer, 'extension without a reason');

    const reason = 'Your policy records are archived on paper and must be retrieved.';
    await officer.locator('#extend-reason').fill(reason);
    await officer.getByRole('button', { name: 'Extend the deadline' }).click();
    await officer.getByText(`The deadline is now ${longDate(extendedDue)}; the person has been sent the reason.`).waitFor();
    assert.equal(await officer.locator('#current-due-on').textContent(), longDate(extendedDue));
    // One extension only: the form is gone; the timeline shows the step with its reason.
    assert.equal(await officer.getByRole('button', { name: 'Extend the deadline' }).count(), 0);
    await officer.getByRole('cell', { name: reason }).waitFor();
    await expectAccessible(officer, 'extended request');

    const mail = await waitForMail(server.mailDir, demoEmail('customer'), '/portal/privacy');
    assert.match(mail.subject, /more time/);
    assert.ok(mail.text.includes(reason), 'the written notice carries the reason');
    assert.ok(mail.text.includes(extendedDue), 'and the new deadline');
    assert.ok(mail.text.includes('California Privacy Protection Agency'), 'and names the supervisory authority');
  } finally {
    await context.close();
  }
});
