import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { apiSession } from './api-session.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #3, "Proof": in Chromium, an application referred by the underwriting rules (an item above
 * $100,000) is approved by an underwriter from the back office's referral queue; the customer then
 * sees it approved and binds; the underwriter finds the policy by search and opens its 360 view and
 * the insurer's cancellation preview. Every page passes axe. The application is made through the API.
 */
let server: RunningBezel;
let browser: Browser;
let applicationId = '';

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
  const customer = await apiSession(server, demoEmail('customer'), DEMO_PASSWORD);
  const quoted = await customer('POST', '/api/v1/applications', {
    namedInsureds: ['Carla Customer'],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '1000',
    items: [{ description: 'Emerald tiara, museum quality', category: 'other', coverageAmount: '150000.00', appraisalDate: '2026-10-01' }],
  });
  assert.equal(quoted.status, 201, JSON.stringify(quoted.json));
  assert.equal(quoted.json.status, 'referred', 'an item above $100,000 is referred to an underwriter');
  applicationId = quoted.json.id as string;
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

test('an underwriter approves a referred application from the queue; the customer sees it approved and binds — accessible all the way', async () => {
  const underwriterContext = await browser.newContext();
  const customerContext = await browser.newContext();
  const consoleErrors: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message) => {
      // The deliberate 400 (no reason) and 422 (too short a search) are logged by Chromium as failed loads.
      if (message.type() === 'error' && !/status of (400|422)\b/.test(message.text())) consoleErrors.push(message.text());
    });
  try {
    const underwriter = await underwriterContext.newPage();
    watch(underwriter);
    await logIn(underwriter, demoEmail('underwriter'), '/backoffice');
    await expectAccessible(underwriter, 'back office home');
    await underwriter.getByRole('link', { name: 'Referred applications' }).click();
    await underwriter.waitForURL(`${server.baseUrl}/backoffice/referrals`);
    await expectAccessible(underwriter, 'referral queue');
    await underwriter.getByRole('link', { name: 'Review the application of Carla Customer' }).click();
    await underwriter.waitForURL(`${server.baseUrl}/backoffice/applications/${applicationId}`);
    await expectAccessible(underwriter, 'referred application');

    // A decision without a reason is refused and nothing is decided.
    await underwriter.getByLabel('Approve').check();
    await underwriter.getByRole('button', { name: 'Record the decision' }).click();
    await underwriter.locator('.error-summary').waitFor();
    await expectAccessible(underwriter, 'decision without a reason');
    await underwriter.getByLabel('Approve').check();
    await underwriter.getByLabel('Reason').fill('Appraisal by an approved jeweler; stored in a bank vault.');
    await underwriter.getByRole('button', { name: 'Record the decision' }).click();
    await underwriter.waitForURL(`${server.baseUrl}/backoffice/referrals`);
    await underwriter.getByText('The decision on the application of Carla Customer is recorded.').waitFor();
    await underwriter.getByText('No applications are waiting for a decision.').waitFor();
    await expectAccessible(underwriter, 'empty queue after the decision');

    const customer = await customerContext.newPage();
    watch(customer);
    await logIn(customer, demoEmail('customer'), '/portal');
    await customer.goto(`${server.baseUrl}/portal/applications/${applicationId}`);
    await customer.getByText('Your application is approved.', { exact: false }).waitFor();
    await expectAccessible(customer, 'approved application, as the customer sees it');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await customer.getByLabel('The day the policy starts').fill(tomorrow);
    await customer.getByRole('button', { name: 'Buy the policy' }).click();
    await customer.waitForURL(/\/portal\/policies\//);
    const policyNumber =
      (
        await customer
          .getByText(/JW-\d{4}-\d{6}/)
          .first()
          .textContent()
      )?.match(/JW-\d{4}-\d{6}/)?.[0] ?? '';
    assert.ok(policyNumber);

    // The underwriter finds the policy by a word of its item and opens the 360 view.
    await underwriter.goto(`${server.baseUrl}/backoffice`);
    await underwriter.getByRole('link', { name: 'Search policies' }).click();
    await underwriter.waitForURL(`${server.baseUrl}/backoffice/search`);
    await expectAccessible(underwriter, 'search form');
    await underwriter.getByLabel('Search for').fill('t');
    await underwriter.getByRole('button', { name: 'Search' }).click();
    await underwriter.getByText('Enter at least 2 characters.').first().waitFor();
    await expectAccessible(underwriter, 'search too short');
    await underwriter.getByLabel('Search for').fill('emerald tia');
    await underwriter.getByRole('button', { name: 'Search' }).click();
    await underwriter.getByRole('link', { name: policyNumber }).click();
    await underwriter.waitForURL(/\/backoffice\/policies\/[0-9a-f-]+$/);
    await underwriter.getByRole('region', { name: 'Schedule' }).getByText('Emerald tiara, museum quality').waitFor();
    await underwriter.getByRole('region', { name: 'Transactions' }).getByText('Issue').waitFor();
    await expectAccessible(underwriter, 'policy 360 view');
    await underwriter.getByLabel('Date', { exact: true }).fill('2026-01-01');
    await underwriter.getByRole('button', { name: 'Show as of this date' }).click();
    await underwriter.getByText('No transactions take effect on or before this date.').waitFor();
    await expectAccessible(underwriter, 'policy 360 view as of a date');
    await underwriter.getByRole('link', { name: 'Cancel by the insurer, with notice' }).click();
    await underwriter.getByText('Earliest effective date').waitFor();
    await expectAccessible(underwriter, 'insurer cancellation preview');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await underwriterContext.close();
    await customerContext.close();
  }
});
