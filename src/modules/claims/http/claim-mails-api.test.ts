import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { MailFile } from '../../../platform/mail/index.ts';
import type { Json } from './claim-api-test-support.ts';
import { usePaymentTest } from './payment-test-support.ts';

/**
 * The mails that tell people a step on a claim was taken (issue #4), read back as sent (TestBezel.runJobs()/mails()):
 * the jeweler's order (JPF-SETTLE-2), the proof of loss rejected or accepted (JPF-DUTY-4), the settlement ready to
 * review and agree (JPF-SETTLE-9). Carla's $5,000 ring, $250 deductible, lost 10 Jan 2027; today 15 Jan 2027 in New York.
 */
const t = usePaymentTest();
const JULIA = 'jeweler@demo.bezel.test';
const JOOST = 'joost.juwelier@example.nl';
const BASE = 'http://127.0.0.1:3000';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const rings: string[] = [];

async function sentMails(): Promise<MailFile[]> {
  while ((await t.bezel.runJobs()) > 0);
  return t.bezel.mails();
}

/** The mails to `to` that mention the claim number, newest last. */
async function mailsAbout(to: string, claimNumber: string): Promise<MailFile[]> {
  return (await sentMails()).filter((mail) => mail.to === to && mail.text.includes(claimNumber));
}

async function claimNumberOf(claimId: string): Promise<string> {
  return (await t.bezel.deps.db.selectFrom('claim').select('claim_number').where('id', '=', claimId).executeTakeFirstOrThrow()).claim_number;
}

async function setLocale(email: string, locale: 'en' | 'nl'): Promise<void> {
  await t.bezel.deps.db.updateTable('app_user').set({ locale }).where('email', '=', email).execute();
}

async function ringClaim(): Promise<{ id: string; claimNumber: string }> {
  const policyId = rings.shift();
  assert.ok(policyId, 'enough policies were bound before the tests');
  return t.seedClaim(policyId, { status: 'covered', lossDate: '2027-01-10' });
}

async function submitProof(claimId: string): Promise<string> {
  const file = await t.upload('customer', 'receipt', PDF, 'application/pdf');
  assert.equal(file.statusCode, 201, JSON.stringify(file.json()));
  const proof = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/proof-of-loss`, {
    lossDate: '2027-01-10',
    lossTime: '18:30',
    lossPlace: 'Fifth Avenue, New York',
    lossDetails: 'The ring slipped off my finger while I was walking home.',
    otherInsurance: [],
    insuredInterest: 'Sole owner',
    otherInterests: [],
    titleChanges: null,
    inventory: [{ claimLineNo: 1, quantity: 1, description: 'Diamond ring', cost: '4000.00', actualCashValue: '5000.00', amountOfLoss: '5000.00' }],
    fileIds: [file.json().id],
    signature: { fullName: 'Carla Customer', confirm: true },
  });
  assert.equal(proof.statusCode, 201, JSON.stringify(proof.json()));
  return proof.json().id as string;
}

async function makeWorksheet(claimId: string, cost: string, reason?: string): Promise<Json> {
  const reply = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/worksheet`, {
    lines: [{ lineNo: 1, method: 'repair', repairOrReplaceCost: cost }],
    ...(reason && { reason }),
  });
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json();
}

describe('claim mails', () => {
  let julia = '';
  let joost = '';
  before(async () => {
    for (let index = 0; index < 5; index += 1) rings.push((await t.boundPolicy()).id);
    joost = await t.createPerson(JOOST, 'Joost Juwelier', ['jeweler']);
    await setLocale(JOOST, 'nl');
    julia = await t.userIdOf(JULIA);
    await t.registerJeweler(JULIA, 'Julia Jeweler');
    await t.registerJeweler(JOOST, 'Joost Juwelier');
    // Binds two more ring policies (for coveredClaim) and moves the clock to 15 Jan 2027.
    await t.preparePolicies(2);
  });

  test('JPF-SETTLE-2: the jeweler is mailed the order by number with a link to their orders, and no customer data beyond the order', async () => {
    const { claimId } = await t.coveredClaim();
    const claimNumber = await claimNumberOf(claimId);
    const sent = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/jeweler-orders`, {
      jewelerUserId: julia,
      kind: 'replace',
      lineNo: 1,
      instructions: 'Replace with a platinum ring, 1 ct diamond, like kind and quality.',
      collectDeductible: true,
      customerPhone: '+1 212 555 0100',
    });
    assert.equal(sent.statusCode, 201, JSON.stringify(sent.json()));
    const orderNo = sent.json().orderNo as number;
    const mails = await mailsAbout(JULIA, claimNumber);
    assert.equal(mails.length, 1, 'one mail, to the jeweler');
    const [mail] = mails as [MailFile];
    assert.equal(mail.subject, 'A new repair or replacement order');
    assert.ok(
      mail.text.includes(`We have sent you a replacement order: order ${orderNo} on claim ${claimNumber}, for Diamond engagement ring, 1 ct, platinum.`),
      mail.text,
    );
    // The option is part of the order: the jeweler collects the $250 deductible (5,000 − 250 = 4,750 invoiced to us).
    assert.ok(mail.text.includes('You collect the policy deductible of $250.00 from the customer; invoice us the rest.'), mail.text);
    assert.ok(mail.links.includes(`${BASE}/portal/jeweler/orders`), JSON.stringify(mail.links));
    // Name, address and phone are on the order page behind the jeweler's login, never in the mail; nothing of the loss either.
    assert.doesNotMatch(`${mail.subject}\n${mail.text}\n${mail.html}`, /Carla|1 Main Street|555 0100|Fifth Avenue|walking|4750|5,000/);
    const audit = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'claim.jeweler_order_sent')
      .where('subject_id', '=', claimId)
      .executeTakeFirstOrThrow();
    assert.equal((audit.details as Json).mailed, true);
  });

  test('JPF-SETTLE-2: a Dutch-speaking jeweler gets the order mail in Dutch', async () => {
    const { claimId } = await t.coveredClaim();
    const claimNumber = await claimNumberOf(claimId);
    const sent = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/jeweler-orders`, {
      jewelerUserId: joost,
      kind: 'repair',
      lineNo: 1,
      instructions: 'Reset the stone.',
    });
    assert.equal(sent.statusCode, 201, JSON.stringify(sent.json()));
    const [mail] = await mailsAbout(JOOST, claimNumber);
    assert.ok(mail, 'Joost is mailed');
    assert.equal(mail.subject, 'Een nieuwe herstel- of vervangingsopdracht');
    assert.ok(
      mail.text.includes(`Wij hebben u een opdracht tot reparatie gestuurd: opdracht ${sent.json().orderNo} bij schadeclaim ${claimNumber}`),
      mail.text,
    );
    assert.doesNotMatch(mail.text, /eigen risico/, 'no deductible to collect without the option');
    assert.equal((await mailsAbout(JULIA, claimNumber)).length, 0, 'only the jeweler who got the order');
  });

  test('JPF-DUTY-4: a rejected proof of loss mails the insured the reason and the new deadline — in Dutch for a Dutch-speaking holder', async () => {
    const { id, claimNumber } = await ringClaim();
    const proofId = await submitProof(id);
    await setLocale(t.emailOf('customer'), 'nl');
    try {
      const rejected = await t.call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/${proofId}/reject`, {
        reason: 'The receipt for the ring is missing',
      });
      assert.equal(rejected.statusCode, 200, JSON.stringify(rejected.json()));
      // Lost 10 Jan 2027 + 90 days = 10 Apr 2027; from today, 15 Jan, that is 16 + 28 + 31 + 10 = 85 days.
      assert.equal(rejected.json().proofDueOn, '2027-04-10');
      const [mail] = await mailsAbout(t.emailOf('customer'), claimNumber);
      assert.ok(mail, 'the holder is mailed');
      assert.equal(mail.subject, 'Wij konden uw schadeopgave niet aanvaarden');
      assert.ok(mail.text.includes('Onze reden: The receipt for the ring is missing.'), mail.text);
      assert.ok(mail.text.includes('Stuur ons een nieuwe schadeopgave, uiterlijk 10 april 2027 (over 85 dagen).'), mail.text);
      assert.ok(mail.links.includes(`${BASE}/portal/claims/${id}/proof-of-loss`), JSON.stringify(mail.links));
    } finally {
      await setLocale(t.emailOf('customer'), 'en');
    }
  });

  test('JPF-DUTY-4: an accepted proof of loss is mailed too, saying the written agreement on the amount starts the 30 days', async () => {
    const { id, claimNumber } = await ringClaim();
    const proofId = await submitProof(id);
    const accepted = await t.call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/${proofId}/accept`, {});
    assert.equal(accepted.statusCode, 200, JSON.stringify(accepted.json()));
    const mails = (await mailsAbout(t.emailOf('customer'), claimNumber)).filter((mail) => mail.subject === 'We have accepted your proof of loss');
    assert.equal(mails.length, 1);
    assert.ok(
      mails[0]?.text.includes(
        `We have accepted the proof of loss you sent for claim ${claimNumber}. Once you have agreed in writing to the settlement amount, we pay within 30 days.`,
      ),
      mails[0]?.text ?? 'no mail',
    );
    assert.ok(mails[0]?.links.includes(`${BASE}/portal/claims/${id}`));
  });

  test('JPF-SETTLE-9: accepted after the amount was agreed, the mail gives the date we pay by (15 Jan + 30 days = 14 Feb 2027)', async () => {
    const { id, claimNumber } = await ringClaim();
    await makeWorksheet(id, '1200.00');
    const agreed = await t.call('customer', 'POST', `/api/v1/claims/${id}/worksheet/agreement`, { version: 1, fullName: 'Carla Customer', agree: true });
    assert.equal(agreed.statusCode, 200, JSON.stringify(agreed.json()));
    const proofId = await submitProof(id);
    const accepted = await t.call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/${proofId}/accept`, {});
    assert.equal(accepted.json().settlementDueOn, '2027-02-14');
    const mail = (await mailsAbout(t.emailOf('customer'), claimNumber)).find((candidate) => candidate.subject === 'We have accepted your proof of loss');
    assert.ok(mail?.text.includes('You have also agreed to the settlement amount, so we pay by February 14, 2027.'), mail?.text ?? 'no mail');
  });

  test('JPF-SETTLE-9: each new worksheet version mails the insured the amount to review and agree, with the link to the settlement page', async () => {
    const { id, claimNumber } = await ringClaim();
    // Repair 1,200 − deductible 250 = 950.
    const first = await makeWorksheet(id, '1200.00');
    assert.deepEqual(first.totalPayable, { amount: '950.00', currency: 'USD' });
    let mails = (await mailsAbout(t.emailOf('customer'), claimNumber)).filter((mail) => mail.subject === 'Your settlement is ready to review');
    assert.equal(mails.length, 1);
    assert.ok(mails[0]?.text.includes(`We have worked out what we pay on claim ${claimNumber}: $950.00.`), mails[0]?.text ?? 'no mail');
    assert.ok(mails[0]?.text.includes('if you agree, agree to it in writing on that page'), mails[0]?.text ?? 'no mail');
    assert.ok(mails[0]?.links.includes(`${BASE}/portal/claims/${id}/settlement`), JSON.stringify(mails[0]?.links));
    // A second version (repair 1,500 − 250 = 1,250) needs the agreement again, and says so.
    await makeWorksheet(id, '1500.00', 'The jeweler found a second loose prong');
    mails = (await mailsAbout(t.emailOf('customer'), claimNumber)).filter((mail) => mail.subject === 'Your settlement is ready to review');
    assert.equal(mails.length, 2);
    const second = mails.find((mail) => mail.text.includes('$1,250.00'));
    assert.ok(second?.text.includes('This replaces the amount we showed you before, so we need your agreement again.'), second?.text ?? 'no mail');
    // A refused version (a line missing) writes no worksheet and sends no mail.
    const refused = await t.call('adjuster', 'POST', `/api/v1/claims/${id}/worksheet`, { lines: [], reason: 'Nothing' });
    assert.notEqual(refused.statusCode, 201);
    assert.equal((await mailsAbout(t.emailOf('customer'), claimNumber)).filter((mail) => mail.subject === 'Your settlement is ready to review').length, 2);
  });
});
