import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSession } from './api-session.ts';
import { collectConsoleErrors, DEMO_PASSWORD, demoEmail, logIn, longDate, policyFromToday, today } from './claims-support.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel, waitForMail } from './support.ts';

/**
 * Issue #4, "Proof": in Chromium, an adjuster opens the queue and the claim 360 view of a damaged ring, assigns it,
 * records the cause and confirms the automatic "covered" proposal (JPF-COVER-1), makes the settlement worksheet
 * (JPF-SETTLE-2), sets the reserve, sends a repair order to an approved jeweler (JPF-SETTLE-2) and pays the jeweler
 * (JPF-SETTLE-8); the jeweler follows the mailed link and sees the order with only the customer's name, address and
 * phone and the item (the disclosure logged, PRV-DISC-3). Every page passes axe.
 *
 * Set-up through the JSON API, as an integration would call it: the customer reports the loss, the admin gives the
 * adjuster a payment authority, the privacy officer registers the jeweler as a recipient of customer data.
 */
let server: RunningBezel;
let browser: Browser;
let claim: { id: string; claimNumber: string; policyNumber: string };
const NARRATIVE = 'The ring caught on a car door; a prong bent and the diamond is loose.';

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
  const policy = await policyFromToday(server, demoEmail('customer'), 'Carla Customer', [
    { description: 'Gold ring with a diamond', category: 'ring', coverageAmount: '5000.00' },
  ]);
  const carla = await apiSession(server, demoEmail('customer'), DEMO_PASSWORD);
  const reported = await carla('POST', '/api/v1/claims', {
    policyId: policy.id,
    items: [{ itemNo: 1, extent: 'part', partDescription: 'A prong and the setting of the centre stone' }],
    lossKind: 'damage',
    lossDate: today().toString(),
    lossPlace: 'Parking garage, 5th Avenue, New York',
    lossCountry: 'US',
    narrative: NARRATIVE,
    protectionConfirmed: true,
    reporterName: 'Carla Customer',
    reporterRelation: 'named_insured',
    insuredName: 'Carla Customer',
  });
  assert.equal(reported.status, 201, JSON.stringify(reported.json));
  claim = { id: reported.json.id as string, claimNumber: reported.json.claimNumber as string, policyNumber: policy.policyNumber };

  const db = server.bezel.deps.db;
  const idOf = async (email: string) => (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const admin = await apiSession(server, demoEmail('admin'), DEMO_PASSWORD);
  const authority = await admin('POST', '/api/v1/payment-authorities', { userId: await idOf(demoEmail('adjuster')), limit: '10000.00', currency: 'USD' });
  assert.equal(authority.status, 200, JSON.stringify(authority.json));
  const privacyOfficer = await apiSession(server, demoEmail('privacy_officer'), DEMO_PASSWORD);
  const recipient = await privacyOfficer('POST', '/api/v1/privacy/recipients', {
    name: 'Julia Jeweler',
    type: 'jeweler',
    userId: await idOf(demoEmail('jeweler')),
  });
  assert.equal(recipient.status, 201, JSON.stringify(recipient.json));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('JPF-COVER-1, JPF-SETTLE-2, JPF-SETTLE-8: an adjuster decides a damaged ring, makes the worksheet, sets the reserve, orders the repair and pays the jeweler, who sees only what the order needs — accessible', async () => {
  const staffContext = await browser.newContext();
  const page = await staffContext.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = collectConsoleErrors(page);
  try {
    await logIn(page, server, demoEmail('adjuster'));

    // The queue of open claims, filtered to damage: the new claim is there, not assigned yet.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims`);
    await page.getByRole('combobox', { name: 'What happened' }).selectOption({ label: 'Damage' });
    await page.getByRole('button', { name: 'Show claims' }).click();
    await page.waitForURL(/\/backoffice\/claims\?.*lossKind=damage/);
    const row = page.getByRole('row', { name: new RegExp(claim.claimNumber) });
    await row.getByText('Not assigned').waitFor();
    await expectAccessible(page, 'claims queue');

    // The claim 360 view: assign it to me.
    await row.getByRole('link', { name: claim.claimNumber }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}`);
    await page.getByRole('heading', { name: `Claim ${claim.claimNumber}`, level: 1 }).waitFor();
    await page.getByText(NARRATIVE).first().waitFor();
    await expectAccessible(page, 'claim 360 view as reported');
    const assign = page.getByRole('form', { name: 'Assign the claim' });
    await assign.getByLabel('Adjuster').selectOption({ label: 'Aditya Adjuster' });
    await assign.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('status').getByText(`Claim ${claim.claimNumber} has been assigned.`).waitFor();

    // Coverage: the cause is recorded; the system proposes "covered", marked automatic, citing JPF-COVER-1.
    const causes = page.getByRole('form', { name: 'Record the causes of loss' });
    await causes.getByLabel('Cause 1 — Proximate cause').selectOption({ label: 'Accidental damage' });
    await causes.getByRole('button', { name: 'Record the causes and propose' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}/coverage/proposal`);
    await page.getByText('The causes were recorded and the system proposes: Covered.').waitFor();
    await page.getByText('the system, automatically (the insured may ask for a person to review it)').waitFor();
    await page.getByText('Perils Covered, opening words (JPF-COVER-1)').waitFor();
    await expectAccessible(page, 'coverage proposal');
    // The adjuster confirms the proposal.
    const decide = page.getByRole('form', { name: 'Decide' });
    assert.ok(await decide.getByRole('radio', { name: 'Confirm the proposal' }).isChecked());
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByText('The decision was recorded: Covered.').waitFor();
    await expectAccessible(page, 'coverage decided');
    await page.getByRole('link', { name: `Back to claim ${claim.claimNumber}` }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}`);
    const summary = page.getByRole('region', { name: 'The claim', exact: true });
    await summary.getByText('Covered', { exact: true }).waitFor();
    await summary.getByText('Aditya Adjuster', { exact: true }).waitFor();

    // JPF-SETTLE-2, JPF-SETTLE-4: repair for 800.00; a loss to a part, valued 1,200.00; the smallest of 800.00, the
    // part's 1,200.00 and the 5,000.00 coverage amount = 800.00, minus the 250.00 deductible = 550.00 payable.
    const worksheetForm = page.getByRole('form', { name: 'Make a new version' });
    const line = worksheetForm.getByRole('group', { name: 'Item 1: Gold ring with a diamond' });
    await line.getByLabel('Settlement method').selectOption({ label: 'Repair' });
    await line.getByLabel('Cost to repair or replace with like kind and quality (optional)').fill('800.00');
    await line.getByLabel(/^Value of the part \(JPF-SETTLE-4\)/).fill('1200.00');
    await worksheetForm.getByRole('button', { name: 'Calculate and save' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}#worksheet`);
    const worksheet = page.getByRole('region', { name: 'Settlement worksheet', exact: true });
    await worksheet
      .getByText(`Version 1, made on ${longDate(today())}`)
      .first()
      .waitFor();
    const worksheetRow = worksheet.getByRole('row', { name: /^1\. Gold ring with a diamond/ });
    await worksheetRow.getByText(/cost to repair or replace: \$800\.00/).waitFor();
    await worksheetRow.getByText(/value of the part: \$1,200\.00/).waitFor();
    await worksheetRow.getByRole('cell', { name: '$550.00', exact: true }).waitFor();
    await expectAccessible(page, 'claim 360 view with the worksheet');

    // The reserve: 550.00, what the worksheet allows.
    const payments = page.getByRole('region', { name: 'Reserve and payments' });
    await payments.getByRole('form', { name: 'Set the reserve' }).getByLabel('New reserve (USD)').fill('550.00');
    await payments.getByRole('form', { name: 'Set the reserve' }).getByRole('button', { name: 'Set the reserve' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}#payments`);
    await page
      .getByRole('region', { name: 'Reserve history' })
      .getByRole('row', { name: /^1 Set \$550\.00 \$550\.00/ })
      .waitFor();

    // JPF-SETTLE-2: the repair order goes to Julia, an approved jeweler, who collects the deductible from Carla.
    const orders = page.getByRole('region', { name: 'Repair and replacement orders' });
    const send = orders.getByRole('form', { name: 'Send an order' });
    await send.getByRole('combobox', { name: 'Jeweler' }).selectOption({ label: 'Julia Jeweler' });
    await send.getByRole('radio', { name: 'Repair' }).check();
    await send.getByRole('combobox', { name: 'Item' }).selectOption({ label: '1. Gold ring with a diamond' });
    await send.getByLabel('What to do').fill('Re-tip the bent prong and secure the centre diamond, like kind and quality.');
    await send.getByRole('checkbox', { name: 'The jeweler collects the deductible from the insured' }).check();
    await send.getByLabel('Customer’s phone (optional)').fill('+1 212 555 0134');
    await send.getByRole('button', { name: 'Send an order' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}#jeweler-orders`);
    await page
      .getByRole('region', { name: 'Orders sent to jewelers' })
      .getByRole('row', { name: new RegExp(`^1 Julia Jeweler Repair Gold ring with a diamond .*Sent on ${longDate(today())}, not accepted yet\\.`) })
      .waitFor();
    await expectAccessible(page, 'claim 360 view with the order');

    // JPF-SETTLE-8: the payment of worksheet line 1 goes to the jeweler who repairs.
    const pay = page.getByRole('form', { name: 'Make a payment' });
    await pay.getByRole('checkbox', { name: /^Line 1: Gold ring with a diamond.* — \$550\.00$/ }).check();
    await pay.getByRole('radio', { name: 'The jeweler who repairs or replaces' }).check();
    await pay.getByRole('combobox', { name: 'Jeweler' }).selectOption({ label: 'Julia Jeweler' });
    await pay.getByLabel('Payment reference (optional)').fill('WIRE-2026-0001');
    await pay.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice/claims/${claim.id}#payments`);
    const paid = page.getByRole('region', { name: 'Payments', exact: true }).getByRole('row', { name: /^1 \$550\.00 The jeweler, Julia Jeweler/ });
    await paid.getByText(`Paid — ${longDate(today())}`).waitFor();
    // Everything the worksheet allows is paid: the claim is settled (JPF-SETTLE-9); a repair leaves the cover as it was.
    await page.getByRole('region', { name: 'The claim', exact: true }).getByText('Settled', { exact: true }).waitFor();
    await expectAccessible(page, 'claim 360 view paid');
    const item = await server.bezel.deps.db
      .selectFrom('scheduled_item')
      .innerJoin('policy', 'policy.id', 'scheduled_item.policy_id')
      .select('scheduled_item.coverage_amount')
      .where('policy.policy_number', '=', claim.policyNumber)
      .where('scheduled_item.item_no', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(item.coverage_amount, '5000.00', 'JPF-SETTLE-7: a repair paid leaves the coverage amount unchanged');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await staffContext.close();
  }

  // The jeweler is told by mail; the link leads (after logging in) to the order.
  const mail = await waitForMail(server.mailDir, demoEmail('jeweler'), '/portal/jeweler/orders');
  const link = mail.links.find((href) => href.includes('/portal/jeweler/orders')) ?? '';
  assert.ok(!mail.text.includes(NARRATIVE), 'the mail carries no claim details');
  const jewelerContext = await browser.newContext();
  const jeweler = await jewelerContext.newPage();
  jeweler.setDefaultTimeout(10_000);
  const jewelerErrors = collectConsoleErrors(jeweler);
  try {
    // Not logged in yet: the link asks for the login first, then opens the orders.
    await jeweler.goto(link);
    await jeweler.waitForURL(/\/login/);
    await jeweler.getByLabel('Email address').fill(demoEmail('jeweler'));
    await jeweler.getByLabel('Password').fill(DEMO_PASSWORD);
    await jeweler.getByRole('button', { name: 'Log in' }).click();
    await jeweler.waitForURL(`${server.baseUrl}/portal/jeweler/orders`);
    await jeweler.getByRole('heading', { name: 'Repair and replacement orders', level: 1 }).waitFor();
    const order = jeweler.getByRole('region', { name: `Claim ${claim.claimNumber}, order 1` });
    await order.waitFor();
    await expectAccessible(jeweler, 'jeweler orders');
    // Only what the jeweler needs: name, address, phone, the item and the order (JPF-SETTLE-2).
    const terms = (await order.locator('dt').allTextContents()).map((term) => term.trim());
    const values = (await order.locator('dd').allTextContents()).map((value) => value.trim());
    const shown = Object.fromEntries(terms.map((term, index) => [term, values[index]]));
    assert.equal(shown.Customer, 'Carla Customer');
    assert.equal(shown.Address, '1 Main Street, New York, NY 10001, US');
    assert.equal(shown['Customer’s phone'], '+1 212 555 0134');
    assert.equal(shown.Item, 'Gold ring with a diamond (A prong and the setting of the centre stone)');
    assert.equal(shown.Order, 'Repair');
    assert.equal(shown['What to do'], 'Re-tip the bent prong and secure the centre diamond, like kind and quality.');
    for (const term of terms)
      assert.ok(
        ['Order', 'Item', 'What to do', 'Customer', 'Address', 'Customer’s phone', 'Progress', 'Sent on', 'Deductible'].includes(term),
        `shows ${term}`,
      );
    const text = (await jeweler.locator('main').textContent()) ?? '';
    for (const secret of [NARRATIVE, 'Parking garage', claim.policyNumber, demoEmail('customer'), '$5,000.00', '$550.00'])
      assert.ok(!text.includes(secret), `the jeweler does not see ${secret}`);
    await order.getByText('Collect the deductible of $250.00 from Carla Customer; the insurer pays you the rest.').waitFor();
    // The disclosure to the jeweler is logged (PRV-DISC-3).
    const logged = await server.bezel.deps.db.selectFrom('disclosure').select(['basis', 'reference_type']).where('basis', '=', 'repair_order').execute();
    assert.deepEqual(logged, [{ basis: 'repair_order', reference_type: 'jeweler_order' }]);

    // The jeweler accepts the order.
    await order.getByRole('button', { name: 'Accept the order' }).click();
    await jeweler
      .getByRole('region', { name: `Claim ${claim.claimNumber}, order 1` })
      .getByText(/^Accepted/)
      .first()
      .waitFor();
    await expectAccessible(jeweler, 'jeweler order accepted');
    assert.deepEqual(jewelerErrors, [], 'no console errors (CSP included)');
  } finally {
    await jewelerContext.close();
  }
});
