import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #3, "Proof": in Chromium, a customer applies with a ring and a pair of earrings, sees the
 * instant premium, binds and sees the policy with its schedule; every page passes axe.
 */
let server: RunningBezel;
let browser: Browser;

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillItem(page: Page, row: number, item: { description: string; category: string; amount: string; setId?: string }): Promise<void> {
  const fieldset = page.getByRole('group', { name: `Item ${row + 1}`, exact: true });
  await fieldset.getByLabel('Description').fill(item.description);
  await fieldset.getByLabel('Kind of jewelry').selectOption(item.category);
  await fieldset.getByLabel('Coverage amount (USD)').fill(item.amount);
  await fieldset.getByLabel('Date of the appraisal').fill('2026-10-01');
  if (item.setId) await fieldset.getByLabel('Set name').fill(item.setId);
}

test('a customer quotes a ring and a pair of earrings, binds and sees the policy — accessible all the way', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  try {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email address').fill(demoEmail('customer'));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.baseUrl}/portal`);
    await expectAccessible(page, 'portal home');
    await page.getByRole('link', { name: 'Get a quote' }).click();
    await page.waitForURL(`${server.baseUrl}/portal/quote`);
    await expectAccessible(page, 'quote form');

    await page.getByLabel('Full name of the named insured').fill('Carla Customer');
    await page.getByLabel('Street and number').fill('1 Main Street');
    await page.getByLabel('City').fill('New York');
    await page.getByLabel('State').selectOption('NY');
    await page.getByLabel('ZIP code').fill('10001');
    await fillItem(page, 0, { description: 'Gold ring with a diamond', category: 'ring', amount: '5000.00' });
    await fillItem(page, 1, { description: 'Pearl stud earring, left', category: 'earrings', amount: '1500.00', setId: 'pearls' });
    await fillItem(page, 2, { description: 'Pearl stud earring, right', category: 'earrings', amount: '1500.00', setId: 'pearls' });
    // The instant premium (htmx): ring 53.13 + 2 × 14.49 = 82.11 with the $250 deductible in New York.
    await page.locator('#instant-premium').getByText('Annual premium: $82.11').waitFor();
    await expectAccessible(page, 'quote form filled in');

    await page.getByRole('button', { name: 'Apply and see the premium' }).click();
    await page.waitForURL(/\/portal\/applications\//);
    await page.getByText('Your application is approved.').waitFor();
    await expectAccessible(page, 'approved application');

    await page.getByLabel('The day the policy starts').fill('2026-12-01');
    await page.getByRole('button', { name: 'Buy the policy' }).click();
    await page.waitForURL(/\/portal\/policies\//);
    await page.getByText(/Your policy JW-\d{4}-\d{6} is issued/).waitFor();
    const schedule = page.getByRole('region', { name: 'Schedule of jewelry' });
    assert.equal(await schedule.getByRole('row').count(), 4, 'a header and three items');
    await page.getByText('$82.11').first().waitFor();
    await expectAccessible(page, 'policy page');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await context.close();
  }
});
