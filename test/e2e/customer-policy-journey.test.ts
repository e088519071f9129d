import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { listInvoices, recordPayment } from '../../src/modules/billing/index.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../src/platform/request-origin.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #3, "Proof": in Chromium, a customer applies with a ring and a pair of earrings, binds, downloads the
 * declarations page (made by the worker's job), adds a watch seeing the instant re-quote (JPF-COND-9), and
 * cancels (JPF-CANCEL-1), seeing the policy cancelled with the refund; every page passes axe.
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

/** The worker runs the declarations job in the background: reload the policy page until its link is there. */
async function waitForDeclarations(page: Page, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const link = page.getByRole('link', { name: /^Declarations page of .* \(PDF\)$/ });
  while (Date.now() < deadline) {
    if ((await link.count()) > 0) return (await link.first().getAttribute('href')) ?? '';
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.reload();
  }
  throw new Error(`the declarations page was not made within ${timeoutMs} ms`);
}

test('JPF-COND-9, JPF-CANCEL-1: a customer applies with a ring and a pair of earrings, binds, downloads the declarations page, adds a watch and cancels — accessible all the way', async () => {
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

    // Apply: a ring and a pair of earrings (two earrings in one set).
    await page.goto(`${server.baseUrl}/portal/quote`);
    await page.getByLabel('Full name of the named insured').fill('Carla Customer');
    await page.getByLabel('Street and number').fill('1 Main Street');
    await page.getByLabel('City').fill('New York');
    await page.getByLabel('State').selectOption('NY');
    await page.getByLabel('ZIP code').fill('10001');
    await fillItem(page, 0, { description: 'Gold ring with a diamond', category: 'ring', amount: '5000.00' });
    await fillItem(page, 1, { description: 'Pearl stud earring, left', category: 'earrings', amount: '1500.00', setId: 'pearls' });
    await fillItem(page, 2, { description: 'Pearl stud earring, right', category: 'earrings', amount: '1500.00', setId: 'pearls' });
    // Ring 53.13 + 2 × 14.49 = 82.11 with the $250 deductible in New York.
    await page.locator('#instant-premium').getByText('Annual premium: $82.11').waitFor();
    await page.getByRole('button', { name: 'Apply and see the premium' }).click();
    await page.waitForURL(/\/portal\/applications\//);

    // Bind.
    await page.getByLabel('The day the policy starts').fill('2026-12-01');
    await page.getByRole('button', { name: 'Buy the policy' }).click();
    await page.waitForURL(/\/portal\/policies\/[0-9a-f-]{36}$/);
    await page.getByText(/Your policy JW-\d{4}-\d{6} is issued/).waitFor();
    const policyUrl = page.url();
    const policyId = policyUrl.split('/').at(-1) ?? '';

    // The premium arrives by bank transfer (recorded as the bank statement import would).
    const deps = server.bezel.deps;
    const [invoice] = await listInvoices(deps, systemActor('e2e'), { policyId });
    assert.ok(invoice, 'the first invoice');
    await recordPayment(
      deps,
      systemActor('e2e'),
      { reference: invoice.structuredReference, amount: invoice.amount, currency: invoice.currency, receivedOn: '2026-11-21' },
      SYSTEM_ORIGIN,
    );

    // Download the declarations page, made by the worker's job.
    const href = await waitForDeclarations(page);
    await expectAccessible(page, 'policy page with its documents and history');
    const download = await context.request.get(`${server.baseUrl}${href}`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await download.body()).subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');

    // Add a watch with its appraisal; the premium is re-quoted as the form is filled in.
    await page.getByRole('link', { name: 'Add or change an item' }).click();
    await page.waitForURL(`${policyUrl}/change`);
    await expectAccessible(page, 'change form');
    const add = page.getByRole('region', { name: 'Add an item', exact: true });
    await add.getByLabel('Description', { exact: true }).fill('Steel diver watch');
    await add.getByLabel('Kind of jewelry').selectOption('watch');
    await add.getByLabel('Coverage amount (USD)').fill('2000.00');
    await add.getByLabel('Date of the appraisal').fill('2026-11-01');
    await add.getByLabel('Jeweler who made the appraisal').fill('Tiffany & Co., Fifth Avenue');
    // JPF-COND-9: watch 2000/100 × 0.90 × 1.05 NY × 0.92 $250 = 17.388 → 17.39 for the whole term (from its first day).
    await add.getByText('Premium change this term: +$17.39, from December 1, 2026.').waitFor();
    await add.getByText('Premium for the whole term: $99.50 (now $82.11).').waitFor();
    await expectAccessible(page, 'change form with the re-quote');
    await add.getByRole('button', { name: 'Add the item' }).click();
    await page.waitForURL(policyUrl);
    await page.getByText('Your change is made, with effect from December 1, 2026. Premium change this term: +$17.39.').waitFor();
    const schedule = page.getByRole('region', { name: 'Schedule of jewelry' });
    assert.equal(await schedule.getByRole('row').count(), 5, 'a header and four items');
    await schedule.getByRole('row', { name: /Steel diver watch/ }).waitFor();
    await expectAccessible(page, 'policy page after the change');

    // Cancel from the first day: inside the first 30 days, the premium paid comes back in full.
    await page.getByRole('link', { name: 'Request cancellation' }).click();
    await page.waitForURL(`${policyUrl}/cancel`);
    await page.getByText('Within the first 30 days of the period (day 1): all the premium you paid is refunded.').waitFor();
    // The refund is previewed again as the date changes (htmx): later in the period it is pro rata by day.
    const firstDayWithoutCover = page.getByLabel('The first day without cover');
    await firstDayWithoutCover.fill('2027-06-01');
    await page.getByText('After the first 30 days (day 183 of the period): the premium for the 183 days left is refunded, pro rata by day.').waitFor();
    await firstDayWithoutCover.fill('2026-12-01');
    await page.getByText('Within the first 30 days of the period (day 1): all the premium you paid is refunded.').waitFor();
    await expectAccessible(page, 'cancellation form');
    await page.getByLabel('I sign this request to cancel policy').check();
    await page.getByRole('button', { name: 'Sign and request cancellation' }).click();
    await page.waitForURL(policyUrl);
    await page.getByText('Your policy is cancelled from December 1, 2026. Refund: $82.11.').waitFor();
    await page.getByRole('region', { name: 'Refunds' }).getByText('$82.11').waitFor();
    await page.getByText('This policy can no longer be changed (status: Cancelled).').waitFor();
    await expectAccessible(page, 'cancelled policy');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await context.close();
  }
});
