import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSession } from './api-session.ts';
import { collectConsoleErrors, DEMO_PASSWORD, demoEmail, logIn, longDate, PDF, PNG, policyFromToday, today } from './claims-support.ts';
import { expectAccessible, launchChromium, type RunningBezel, startBezel, waitForMail } from './support.ts';

/**
 * Issue #4, "Proof": in Chromium, (1) a customer reports a lost earring from a pair, sends the proof of loss with a
 * receipt and sees the settlement in plain words (the adjuster's steps in between go through the JSON API, as the
 * adjuster journey does them through the pages); (3) a theft reported without a police report cannot proceed. Every
 * page passes axe.
 */
let server: RunningBezel;
let browser: Browser;
const CARLA = demoEmail('customer');

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The claims in the database of one policy (to prove a refusal wrote nothing). */
async function claimsOf(policyId: string): Promise<{ id: string; claim_number: string }[]> {
  return server.bezel.deps.db.selectFrom('claim').select(['id', 'claim_number']).where('policy_id', '=', policyId).execute();
}

test('JPF-SETTLE-3, JPF-DUTY-4, JPF-SETTLE-9: a customer reports a lost earring from a pair, sends the proof of loss and sees the settlement — accessible all the way', async () => {
  const policy = await policyFromToday(server, CARLA, 'Carla Customer', [
    { description: 'Pearl stud earring, left', category: 'earrings', coverageAmount: '1500.00', setId: 'pearls' },
    { description: 'Pearl stud earring, right', category: 'earrings', coverageAmount: '1500.00', setId: 'pearls' },
  ]);
  const lossDay = today();
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = collectConsoleErrors(page);
  try {
    await logIn(page, server, CARLA);

    // First notice of loss, from the policy page: the left earring of the pair, with a photo.
    await page.goto(`${server.baseUrl}/portal/policies/${policy.id}`);
    await page.getByRole('link', { name: 'Report a loss or damage' }).click();
    await page.waitForURL(`${server.baseUrl}/portal/policies/${policy.id}/claims/new`);
    await expectAccessible(page, 'report form');
    const items = page.getByRole('group', { name: 'Which items were lost or damaged?' });
    await items.getByRole('checkbox', { name: '1. Pearl stud earring, left ($1,500.00)' }).check();
    await page.getByRole('radio', { name: 'Loss', exact: true }).check();
    await page.getByLabel('Date of the loss').fill(lossDay.toString());
    await page.getByLabel('Time (optional)').fill('13:15');
    await page.getByLabel('Where did it happen?').fill('Central Park, New York');
    await page.getByLabel('What happened, in your own words').fill('The left earring fell out while I was jogging around the reservoir.');
    await page.getByLabel('Photo 1 (optional)').setInputFiles({ name: 'earring.png', mimeType: 'image/png', buffer: PNG });
    // JPF-DUTY-1: the insured confirms the property is protected.
    await page.getByLabel('I confirm that the jewelry is protected from further loss or damage').check();
    await page.getByRole('button', { name: 'Report the loss' }).click();
    await page.waitForURL(/\/portal\/claims\/[0-9a-f-]{36}$/);
    const claimUrl = page.url();
    const claimId = claimUrl.split('/').at(-1) ?? '';
    const flash = (await page.getByRole('status').textContent()) ?? '';
    const claimNumber = /claim (CL-\d{4}-\d{6})/.exec(flash)?.[1] ?? '';
    assert.match(claimNumber, /^CL-\d{4}-\d{6}$/, flash);
    await page.getByRole('heading', { name: `Claim ${claimNumber}`, level: 1 }).waitFor();
    // JPF-DUTY-4: the proof of loss is due 90 days after the loss; JPF-SUIT-1: a suit within one year of it.
    await page.getByText(`We need from you: Proof of loss, by ${longDate(lossDay.add({ days: 90 }))} (JPF-DUTY-4).`).waitFor();
    await page.getByText(`A lawsuit about this loss must be brought by ${longDate(lossDay.add({ years: 1 }))}.`).waitFor();
    await page.getByRole('region', { name: 'Photos and documents' }).getByRole('link', { name: 'Photo' }).waitFor();
    await expectAccessible(page, 'claim status after the report');
    // The acknowledgement goes out by mail (outbox, sent by the worker) with a link back to the claim.
    await waitForMail(server.mailDir, CARLA, `/portal/claims/${claimId}`);

    // The adjuster records the cause and confirms the proposal (JSON API; the adjuster journey does it in the pages).
    const adjuster = await apiSession(server, demoEmail('adjuster'), DEMO_PASSWORD);
    const proposed = await adjuster('POST', `/api/v1/claims/${claimId}/coverage/proposal`, { causes: [{ peril: 'accidental_loss', role: 'proximate' }] });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.json));
    const decided = await adjuster('POST', `/api/v1/claims/${claimId}/coverage/decision`, { action: 'confirm' });
    assert.equal(decided.status, 201, JSON.stringify(decided.json));
    await page.reload();
    const coverage = page.getByRole('region', { name: 'Is my loss covered?' });
    await coverage.getByText('Your loss is covered by your policy.').waitFor();
    await coverage.getByText('This decision was made by one of our adjusters.').waitFor();

    // JPF-DUTY-4: the proof of loss, parts a–e, signed; without a receipt it is refused and nothing is kept.
    await page.getByRole('link', { name: 'Fill in and sign your proof of loss' }).click();
    await page.waitForURL(`${claimUrl}/proof-of-loss`);
    await expectAccessible(page, 'proof of loss form');
    const fillProof = async () => {
      await page.getByRole('group', { name: 'Is the jewelry also insured elsewhere?' }).getByRole('radio', { name: 'No' }).check();
      await page.getByRole('textbox', { name: 'Your interest' }).fill('Sole owner');
      await page
        .getByRole('group', { name: /^Does anyone else have an interest in it/ })
        .getByRole('radio', { name: 'No' })
        .check();
      await page
        .getByRole('group', { name: /^Did the ownership \(title\) of the jewelry change/ })
        .getByRole('radio', { name: 'No' })
        .check();
      const inventory = page.getByRole('group', { name: 'Item 1: Pearl stud earring, left' });
      await inventory.getByRole('textbox', { name: 'What it cost' }).fill('1200.00');
      await inventory.getByRole('textbox', { name: 'Actual cash value at the time of the loss' }).fill('1500.00');
      await inventory.getByRole('textbox', { name: 'Amount of the loss' }).fill('1500.00');
      await page.getByRole('textbox', { name: 'Your full name' }).fill('Carla Customer');
      await page.getByRole('checkbox', { name: 'I confirm that this statement is true and complete.' }).check();
    };
    // Part a comes filled in from the report.
    assert.equal(await page.getByRole('textbox', { name: 'Date of the loss' }).inputValue(), lossDay.toString());
    assert.equal(await page.getByRole('textbox', { name: 'Place of the loss' }).inputValue(), 'Central Park, New York');
    await fillProof();
    await page.getByRole('button', { name: 'Sign and send' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByRole('link', { name: 'Attach at least one bill, receipt or related document.' }).waitFor();
    await expectAccessible(page, 'proof of loss refused without a receipt');
    assert.equal(
      (await server.bezel.deps.db.selectFrom('proof_of_loss').select('id').where('claim_id', '=', claimId).execute()).length,
      0,
      'the refused proof wrote nothing',
    );
    // The values are kept; a browser cannot be given a file back, so the receipt is chosen now.
    assert.equal(await page.getByRole('textbox', { name: 'Your full name' }).inputValue(), 'Carla Customer');
    await fillProof();
    await page.getByLabel('Document 1', { exact: true }).setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Sign and send' }).click();
    await page.waitForURL(`${claimUrl}#proof-of-loss`);
    await page
      .getByRole('region', { name: 'Proof of loss' })
      .getByText(`We received your proof of loss on ${longDate(today())}. An adjuster is reviewing it.`)
      .waitFor();
    await page.getByRole('region', { name: 'What happens next' }).getByText('We need nothing from you at the moment.').waitFor();
    await expectAccessible(page, 'claim status with the proof of loss sent');

    // The adjuster accepts the proof and makes the worksheet: the pearl is replaced for $1,400.00.
    const proof = await adjuster('GET', `/api/v1/claims/${claimId}/proof-of-loss`);
    const proofId = (proof.json.current as { id: string }).id;
    assert.equal((await adjuster('POST', `/api/v1/claims/${claimId}/proof-of-loss/${proofId}/accept`, {})).status, 200);
    const worksheet = await adjuster('POST', `/api/v1/claims/${claimId}/worksheet`, {
      lines: [{ lineNo: 1, method: 'replace', repairOrReplaceCost: '1400.00' }],
    });
    assert.equal(worksheet.status, 201, JSON.stringify(worksheet.json));

    // JPF-SETTLE-2/3: smallest of 1,400.00 (replace) and 1,500.00 (coverage) = 1,400.00; a pair: at most 1/2 of the
    // set's 3,000.00 = 1,500.00, so 1,400.00 stays; minus the 250.00 deductible = 1,150.00.
    await page.goto(claimUrl);
    const settlement = page.getByRole('region', { name: 'Your settlement' });
    await settlement
      .getByText(
        'Your Pearl stud earring, left: replacement cost $1,400.00. We pay the smallest of cost to repair or replace $1,400.00, coverage amount $1,500.00: $1,400.00. ' +
          'It is part of a pair or set, so we pay a reasonable part of the set’s value: 1/2 of $3,000.00, at most $1,500.00. Minus your $250.00 deductible = $1,150.00.',
      )
      .waitFor();
    await settlement.getByText('In total we pay $1,150.00.').waitFor();
    await expectAccessible(page, 'claim status with the settlement');

    // The written agreement on the amount (JPF-SETTLE-9): without the tick it is refused, with it recorded.
    await settlement.getByRole('textbox', { name: 'Your full name' }).fill('Carla Customer');
    await settlement.getByRole('checkbox', { name: 'I agree to this amount.' }).evaluate((box) => box.removeAttribute('required'));
    await settlement.getByRole('button', { name: 'Agree' }).click();
    await page.locator('.error-summary').getByRole('link', { name: 'Tick the box to confirm.' }).waitFor();
    await expectAccessible(page, 'agreement refused without the tick');
    await page.getByRole('textbox', { name: 'Your full name' }).fill('Carla Customer');
    await page.getByRole('checkbox', { name: 'I agree to this amount.' }).check();
    await page.getByRole('button', { name: 'Agree' }).click();
    await page.waitForURL(`${claimUrl}/settlement`);
    await page.getByText(`You agreed to this amount on ${longDate(today())}.`).waitFor();
    // JPF-SETTLE-9: settled within 30 days of the agreement and the accepted proof of loss.
    await page.getByText(`We will settle by ${longDate(today().add({ days: 30 }))}.`).waitFor();
    await expectAccessible(page, 'settlement agreed');

    // The same in Dutch (the language switch in the header).
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Uw afwikkeling', level: 1 }).waitFor();
    await page.getByText(/Min uw eigen risico van US\$\s?250,00 = US\$\s?1\.150,00\./).waitFor();
    await expectAccessible(page, 'settlement in Dutch');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Your settlement', level: 1 }).waitFor();
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await context.close();
  }
});

test('JPF-DUTY-3: a theft reported without a police report cannot proceed: refused at its field, nothing written; with the report it goes through — accessible', async () => {
  const policy = await policyFromToday(server, CARLA, 'Carla Customer', [
    { description: 'Gold ring with a diamond', category: 'ring', coverageAmount: '5000.00' },
  ]);
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = collectConsoleErrors(page);
  try {
    await logIn(page, server, CARLA);
    await page.goto(`${server.baseUrl}/portal/policies/${policy.id}/claims/new`);
    await page.getByRole('checkbox', { name: '1. Gold ring with a diamond ($5,000.00)' }).check();
    await page.getByRole('radio', { name: 'Theft', exact: true }).check();
    await page.getByLabel('Date of the loss').fill(today().toString());
    await page.getByLabel('Where did it happen?').fill('Subway, 42nd Street station');
    await page.getByLabel('What happened, in your own words').fill('A man grabbed the ring from my hand on the platform and ran.');
    await page.getByLabel('I confirm that the jewelry is protected from further loss or damage').check();
    await page.getByRole('button', { name: 'Report the loss' }).click();

    // Refused: the error summary links to the police report field; the values stay; nothing is written.
    const problem = 'A theft or other violation of the law must be reported to the police: give the police report’s reference.';
    const link = page.locator('.error-summary').getByRole('link', { name: problem });
    await link.waitFor();
    assert.equal(new URL(page.url()).pathname, `/portal/policies/${policy.id}/claims/new`);
    assert.equal(await page.getByLabel('What happened, in your own words').inputValue(), 'A man grabbed the ring from my hand on the platform and ran.');
    assert.ok(await page.getByRole('radio', { name: 'Theft', exact: true }).isChecked(), 'the choice is kept');
    await expectAccessible(page, 'theft refused without a police report');
    assert.deepEqual(await claimsOf(policy.id), [], 'the refused report wrote nothing');
    // The summary's link takes the reader to the field.
    await link.click();
    const reference = page.getByRole('textbox', { name: 'Police report reference (optional)' });
    assert.ok(await reference.evaluate((field) => field === document.activeElement), 'the link focuses the police report field');

    // With the reference (and the police force) the report goes through.
    await reference.fill('NYPD-2026-11-0042');
    await page.getByLabel('Police station or force (optional)').fill('NYPD Transit District 1');
    await page.getByRole('button', { name: 'Report the loss' }).click();
    await page.waitForURL(/\/portal\/claims\/[0-9a-f-]{36}$/);
    const report = page.getByRole('region', { name: 'What was reported' });
    await report.getByText('Theft', { exact: true }).waitFor();
    await report.getByText('NYPD-2026-11-0042', { exact: false }).waitFor();
    await expectAccessible(page, 'theft reported with its police report');
    assert.equal((await claimsOf(policy.id)).length, 1);
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP included)');
  } finally {
    await context.close();
  }
});
