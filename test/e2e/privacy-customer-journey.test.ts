import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser, DEMO_PASSWORD } from '../../src/modules/accounts/index.ts';
import { bindPolicy, quoteApplication } from '../../src/modules/policies/index.ts';
import { readEmbeddedJson } from '../../src/modules/privacy/fulfilment/package-pdf-test-support.ts';
import { DEMO_PRODUCT } from '../../src/modules/products/index.ts';
import { systemActor, type UserActor } from '../../src/platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../src/platform/request-origin.ts';
import { apiSession } from './api-session.ts';
import { policyFromToday, today } from './claims-support.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #5, "Proof": in Chromium, a customer downloads their encrypted data package (PRV-RIGHT-1), a customer
 * with a policy in force asks for erasure and is told what is kept and why (PRV-RIGHT-3), and so is a customer
 * whose claim is still open (issue #4 with PRV-RIGHT-3); every page passes axe.
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

async function customer(name: string, email: string): Promise<UserActor> {
  const account = await createUser(
    server.bezel.deps,
    systemActor('e2e'),
    { email, displayName: name, roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
    SYSTEM_ORIGIN,
  );
  return { kind: 'user', userId: account.id, roles: ['customer'], locale: 'en', via: 'session' };
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${server.baseUrl}/portal`);
}

test('PRV-RIGHT-1: a customer prepares, unlocks and downloads their encrypted data package — accessible all the way', async () => {
  const email = 'dora.download@example.com';
  await customer('Dora Download', email);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    await logIn(page, email);
    await page.goto(`${server.baseUrl}/portal/my-data`);
    await expectAccessible(page, 'my data');
    await page.getByRole('button', { name: 'Prepare my data package' }).click();
    await page.getByText('Your data package is being prepared').waitFor();
    // The worker builds the package in the background: reload until it is ready.
    const show = page.getByRole('button', { name: 'Show the password (once)' });
    const deadline = Date.now() + 20_000;
    while ((await show.count()) === 0) {
      if (Date.now() > deadline) throw new Error('the package was not built in time');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await page.reload();
    }
    await show.click();
    const password = (await page.locator('#package-password').textContent())?.trim() ?? '';
    assert.match(password, /^[a-z2-9]{5}(-[a-z2-9]{5}){4}$/);
    await expectAccessible(page, 'package password');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download (PDF)' }).first().click()]);
    const bytes = readFileSync(await download.path());
    assert.ok(!bytes.toString('latin1').includes(email), 'encrypted: no plain personal data');
    const content = readEmbeddedJson(bytes, password) as { tables: { table: string; rows: { email?: string }[] }[] };
    assert.equal(content.tables.find((table) => table.table === 'app_user')?.rows[0]?.email, email);
    // Shown once: the button is gone.
    await page.goto(`${server.baseUrl}/portal/my-data`);
    assert.equal(await page.getByRole('button', { name: 'Show the password (once)' }).count(), 0);
  } finally {
    await context.close();
  }
});

test('PRV-RIGHT-3: a customer with a policy in force asks for erasure and is told what is kept and why — accessible', async () => {
  const email = 'ines.inforce@example.com';
  const actor = await customer('Ines Inforce', email);
  const deps = server.bezel.deps;
  const application = await quoteApplication(
    deps,
    actor,
    {
      productCode: DEMO_PRODUCT.code,
      namedInsureds: ['Ines Inforce'],
      otherInsureds: [],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [
        {
          description: 'Diamond ring',
          category: 'ring',
          coverageAmount: '5000.00',
          appraisalDate: '2026-10-01',
          keptInSafe: false,
          giftOrEngagementRing: false,
        },
      ],
    },
    SYSTEM_ORIGIN,
  );
  const inception = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const policy = await bindPolicy(deps, actor, application.id, { inceptionDate: inception }, SYSTEM_ORIGIN);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await logIn(page, email);
    await page.goto(`${server.baseUrl}/portal/my-data`);
    // Without the confirmation nothing happens (the browser's own check is skipped to test the server's).
    await page.locator('#confirm-erasure').evaluate((box) => box.removeAttribute('required'));
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByText('Tick the box to confirm').first().waitFor();
    await page.getByLabel('I understand: erase my data and close my account').check();
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByRole('heading', { name: 'Your data has been erased' }).waitFor();
    const kept = page.locator('#kept');
    await kept.getByText('What we kept, and why').waitFor();
    const text = (await kept.textContent()) ?? '';
    for (const table of ['policy', 'application', 'invoice']) assert.match(text, new RegExp(`${table}: \\d+ record`), `${table} listed as kept`);
    assert.match(text, /Your policy is in force: we need these records to perform the insurance contract\./);
    await expectAccessible(page, 'erasure result');
    // The policy is still in force; the account is closed: logging in again is refused.
    const row = await deps.db.selectFrom('policy').select('status').where('id', '=', policy.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'in_force');
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForLoadState();
    assert.notEqual(new URL(page.url()).pathname, '/portal');
  } finally {
    await context.close();
  }
});

test('PRV-RIGHT-3: a customer whose claim is still open asks for erasure and is told the claim’s records are kept and why — accessible', async () => {
  const email = 'olga.open@example.com';
  await customer('Olga Open', email);
  const deps = server.bezel.deps;
  const policy = await policyFromToday(server, email, 'Olga Open', [{ description: 'Sapphire pendant', category: 'necklace', coverageAmount: '3000.00' }]);
  // Olga reports the loss of her pendant today (JSON API, as the portal's form posts it); the claim stays open.
  const olga = await apiSession(server, email, DEMO_PASSWORD);
  const narrative = 'The pendant’s chain broke on the ferry and it fell overboard.';
  const reported = await olga('POST', '/api/v1/claims', {
    policyId: policy.id,
    items: [{ itemNo: 1, extent: 'whole' }],
    lossKind: 'loss',
    lossDate: today().toString(),
    lossPlace: 'Staten Island Ferry',
    lossCountry: 'US',
    narrative,
    protectionConfirmed: true,
    reporterName: 'Olga Open',
    reporterRelation: 'named_insured',
    insuredName: 'Olga Open',
  });
  assert.equal(reported.status, 201, JSON.stringify(reported.json));
  const claimId = reported.json.id as string;

  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await logIn(page, email);
    await page.goto(`${server.baseUrl}/portal/my-data`);
    await expectAccessible(page, 'my data with an open claim');
    await page.getByLabel('I understand: erase my data and close my account').check();
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByRole('heading', { name: 'Your data has been erased' }).waitFor();
    const kept = page.locator('#kept');
    await kept.getByText('What we kept, and why').waitFor();
    const lines = (await kept.getByRole('listitem').allTextContents()).map((line) => line.replace(/\s+/g, ' ').trim());
    const why = 'Your claim is still open: we need these records to handle and settle it. They follow the normal retention once it is closed.';
    for (const table of ['claim', 'claim_item', 'policy', 'application'])
      assert.ok(
        lines.some((line) => new RegExp(`^${table}: \\d+ record\\(s\\) — `).test(line) && line.endsWith(why)),
        `${table} kept for the open claim, with the reason:\n${lines.join('\n')}`,
      );
    await expectAccessible(page, 'erasure result with an open claim');
    // The claim is kept as it was, still open; the account is closed.
    const claim = await deps.db.selectFrom('claim').select(['status', 'narrative', 'insured_name']).where('id', '=', claimId).executeTakeFirstOrThrow();
    assert.deepEqual(claim, { status: 'reported', narrative, insured_name: 'Olga Open' });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForLoadState();
    assert.notEqual(new URL(page.url()).pathname, '/portal');
  } finally {
    await context.close();
  }
});
