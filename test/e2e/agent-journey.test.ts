import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { apiSession } from './api-session.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #3, "Proof": in Chromium, an agent applies for a client, binds, sees the policy among the
 * clients' policies, and cannot open another agent's client's policy (not found); every page passes axe.
 * The other agent, their client and that client's policy are made through the API beforehand.
 */
let server: RunningBezel;
let browser: Browser;

const address = { street: '5 Elm Street', city: 'New York', state: 'NY', postalCode: '10002', country: 'US' };
let otherPolicyId = '';
let otherApplicationId = '';

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
  // Through the API: the admin creates a client for the demo agent, a second agent and that agent's client.
  const admin = await apiSession(server, demoEmail('admin'), DEMO_PASSWORD);
  const users: Record<string, string> = {};
  for (const [key, email, displayName, roles] of [
    ['dora', 'dora@example.com', 'Dora Client', ['customer']],
    ['agent2', 'aiden.agent@example.com', 'Aiden Agent', ['agent']],
    ['erin', 'erin@example.com', 'Erin Otherclient', ['customer']],
  ] as const) {
    const created = await admin('POST', '/api/v1/users', { email, displayName, roles, password: DEMO_PASSWORD });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    users[key] = created.json.id as string;
  }
  const agent2 = await apiSession(server, 'aiden.agent@example.com', DEMO_PASSWORD);
  const quoted = await agent2('POST', '/api/v1/applications', {
    clientUserId: users.erin,
    namedInsureds: ['Erin Otherclient'],
    mailingAddress: address,
    timeZone: 'America/New_York',
    deductible: '250',
    items: [{ description: 'Sapphire pendant', category: 'necklace', coverageAmount: '3000.00', appraisalDate: '2026-10-01' }],
  });
  assert.equal(quoted.status, 201, JSON.stringify(quoted.json));
  otherApplicationId = quoted.json.id as string;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const bound = await agent2('POST', `/api/v1/applications/${otherApplicationId}/bind`, { inceptionDate: tomorrow });
  assert.equal(bound.status, 201, JSON.stringify(bound.json));
  otherPolicyId = bound.json.id as string;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillItem(page: Page, row: number, item: { description: string; category: string; amount: string }): Promise<void> {
  const fieldset = page.getByRole('group', { name: `Item ${row + 1}`, exact: true });
  await fieldset.getByLabel('Description').fill(item.description);
  await fieldset.getByLabel('Kind of jewelry').selectOption(item.category);
  await fieldset.getByLabel('Coverage amount (USD)').fill(item.amount);
  await fieldset.getByLabel('Date of the appraisal').fill('2026-10-01');
}

test('an agent applies for a client, binds, sees the policy, and cannot open another agent’s client’s policy — accessible all the way', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // The deliberate 422 (unknown client) and 404s below are logged by Chromium as failed loads; anything else is a fault.
    if (message.type() === 'error' && !/status of (404|422)\b/.test(message.text())) consoleErrors.push(message.text());
  });
  try {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email address').fill(demoEmail('agent'));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.baseUrl}/portal`);
    await expectAccessible(page, 'agent portal home');

    await page.getByRole('link', { name: 'Your clients' }).click();
    await page.waitForURL(`${server.baseUrl}/agent`);
    await page.getByText('You have not applied for any client yet.').waitFor();
    await expectAccessible(page, 'agent’s clients, none yet');

    await page.getByRole('link', { name: 'Apply for a client' }).click();
    await page.waitForURL(`${server.baseUrl}/agent/quote`);
    await expectAccessible(page, 'choose a client');
    await page.getByLabel('Client’s email address').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await page.getByText('No client with this email address was found.', { exact: false }).first().waitFor();
    await expectAccessible(page, 'unknown client');
    await page.getByLabel('Client’s email address').fill('dora@example.com');
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await page.waitForURL(/\/portal\/quote\?client=/);
    await expectAccessible(page, 'quote form for the client');

    await page.getByLabel('Full name of the named insured').fill('Dora Client');
    await page.getByLabel('Street and number').fill('7 Oak Street');
    await page.getByLabel('City').fill('New York');
    await page.getByLabel('State').selectOption('NY');
    await page.getByLabel('ZIP code').fill('10003');
    await fillItem(page, 0, { description: 'Gold ring with a diamond', category: 'ring', amount: '5000.00' });
    // The instant premium: 5000/100 × 1.10 × 1.05 (NY) × 0.92 ($250) = 53.13.
    await page.locator('#instant-premium').getByText('Annual premium: $53.13').waitFor();
    await page.getByRole('button', { name: 'Apply and see the premium' }).click();
    await page.waitForURL(/\/portal\/applications\//);
    await page.getByText('Your application is approved.', { exact: false }).waitFor();
    await expectAccessible(page, 'the client’s approved application');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('The day the policy starts').fill(tomorrow);
    await page.getByRole('button', { name: 'Buy the policy' }).click();
    await page.waitForURL(/\/portal\/policies\//);
    const policyNumber =
      (
        await page
          .getByText(/JW-\d{4}-\d{6}/)
          .first()
          .textContent()
      )?.match(/JW-\d{4}-\d{6}/)?.[0] ?? '';
    assert.ok(policyNumber, 'the policy number is shown');
    await expectAccessible(page, 'the client’s policy');

    await page.goto(`${server.baseUrl}/agent`);
    await page.getByRole('heading', { name: 'Dora Client' }).waitFor();
    await page.getByRole('link', { name: new RegExp(policyNumber) }).waitFor();
    assert.equal(await page.getByText('Erin Otherclient').count(), 0, 'another agent’s client is not listed');
    await expectAccessible(page, 'agent’s clients with the new policy');

    // Another agent's client's policy and application: not found, as if they did not exist.
    for (const path of [`/portal/policies/${otherPolicyId}`, `/portal/applications/${otherApplicationId}`, `/backoffice/policies/${otherPolicyId}`]) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      assert.equal(response?.status(), 404, path);
      assert.equal(await page.getByText('Erin Otherclient').count(), 0);
      assert.equal(await page.getByText('Sapphire pendant').count(), 0);
    }
    await expectAccessible(page, 'not found');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await context.close();
  }
});
