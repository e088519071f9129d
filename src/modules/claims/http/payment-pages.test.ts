import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale, Role } from '../../../platform/db/schema.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import type { ClaimSection } from './claim-sections.ts';
import { jewelerOrders360Section, payments360Section, paymentsStatusSection, repairsStatusSection } from './payment-sections.tsx';
import { usePaymentTest } from './payment-test-support.ts';

const t = usePaymentTest();
const JULIA = 'jeweler@demo.bezel.test';
type Page = { statusCode: number; body: string; headers: Record<string, string | undefined> };

async function actorOf(role: Role): Promise<UserActor> {
  return { kind: 'user', userId: await t.userIdOf(t.emailOf(role)), roles: [role], locale: 'en', via: 'session' };
}

async function render(section: ClaimSection, role: Role, claimId: string, locale: Locale = 'en'): Promise<string> {
  const actor = await actorOf(role);
  const claim = await findClaimWithItemsVisibleTo(t.bezel.deps.db, actor, claimId);
  assert.ok(claim);
  const html = await section.render({ deps: t.bezel.deps, actor, locale, claim, csrfToken: 'token' });
  return html ? renderFragment(html) : '';
}

async function postForm(email: string, url: string, fields: Record<string, string | string[]>): Promise<Page> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return (await t.callAs(email, 'POST', url, params.toString(), { 'content-type': 'application/x-www-form-urlencoded' })) as unknown as Page;
}

async function getPage(email: string, url: string, locale: Locale = 'en'): Promise<Page> {
  return (await t.callAs(email, 'GET', url, undefined, { accept: 'text/html', cookie: `bezel_lang=${locale}` })) as unknown as Page;
}

describe('reserve, payment and jeweler order pages', () => {
  before(async () => {
    await t.registerJeweler(JULIA, 'Julia Jeweler');
    await t.preparePolicies(4);
  });

  test('the 360 payments section shows the ledger, the reserve history and the forms; a form post pays and returns to the section', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '1000.00');
    const adjuster = t.emailOf('adjuster');
    const html = await render(payments360Section, 'adjuster', claimId);
    assert.match(html, /id="payments"/);
    assert.match(html, /\$4,750\.00/);
    assert.match(html, /action="\/backoffice\/claims\/[^"]+\/reserve"/);
    assert.match(html, /name="paymentLines"/);

    // Lines and an amount together: the form comes back with its message, nothing paid.
    const both = await postForm(adjuster, `/backoffice/claims/${claimId}/payments`, { paymentLines: '1', paymentAmount: '100.00', payee: 'insured' });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /error-summary/);
    assert.match(both.body, /Choose worksheet lines or give an amount/);
    // A refused payment (above the reserve) shows the use case's message on the section's own page.
    const over = await postForm(adjuster, `/backoffice/claims/${claimId}/payments`, { paymentAmount: '4750.01', payee: 'insured' });
    assert.equal(over.statusCode, 422);
    assert.match(over.body, /settlement worksheet allows/);
    // Above the adjuster's 1000.00 authority: it waits, and the section offers approval to others.
    const paid = await postForm(adjuster, `/backoffice/claims/${claimId}/payments`, { paymentLines: '1', payee: 'insured', paymentReference: 'CHK-9' });
    assert.equal(paid.statusCode, 303);
    assert.match(paid.headers.location ?? '', new RegExp(`/backoffice/claims/${claimId}(/payments)?#payments$`));
    const waiting = await render(payments360Section, 'admin', claimId);
    assert.match(waiting, /Waiting for approval/);
    assert.match(waiting, /Approve payment 1/);
    const own = await getPage(adjuster, `/backoffice/claims/${claimId}/payments`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Reserve and payments of claim/);
  });

  test('the insured’s status page shows the payments made (date, amount, payee) in English and Dutch', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    assert.equal((await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/payments`, { lineNos: [1], payee: 'insured' })).statusCode, 201);
    const en = await render(paymentsStatusSection, 'customer', claimId, 'en');
    assert.match(en, /January 15, 2027/);
    assert.match(en, /\$4,750\.00/);
    assert.match(en, /The insured, Carla Customer/);
    assert.match(en, /Your claim is settled/);
    const nl = await render(paymentsStatusSection, 'customer', claimId, 'nl');
    assert.match(nl, /15 januari 2027/);
    assert.match(nl, /De verzekerde, Carla Customer/);
    assert.doesNotMatch(nl, /reserve/i);
  });

  test('JPF-SETTLE-2 pages: the adjuster sends an order from the 360 section; the jeweler accepts it in the portal; the insured sees the progress', async () => {
    const { claimId } = await t.coveredClaim();
    const adjuster = t.emailOf('adjuster');
    const julia = await t.userIdOf(JULIA);
    const section = await render(jewelerOrders360Section, 'adjuster', claimId);
    assert.match(section, /name="orderJeweler"/);
    assert.match(section, /Julia Jeweler/);
    const missing = await postForm(adjuster, `/backoffice/claims/${claimId}/jeweler-orders`, { orderJeweler: julia, orderKind: 'replace', orderLine: '1' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Say what the jeweler is to do/);
    const sent = await postForm(adjuster, `/backoffice/claims/${claimId}/jeweler-orders`, {
      orderJeweler: julia,
      orderKind: 'replace',
      orderLine: '1',
      orderInstructions: 'Replace with a platinum ring of like kind and quality.',
      orderCollectDeductible: 'yes',
    });
    assert.equal(sent.statusCode, 303, sent.body);

    const portal = await getPage(JULIA, '/portal/jeweler/orders');
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, /Carla Customer/);
    assert.match(portal.body, /1 Main Street, New York, NY 10001, US/);
    assert.match(portal.body, /Collect the deductible of \$250\.00/);
    assert.doesNotMatch(portal.body, /Lost while walking/);
    const dutch = await getPage(JULIA, '/portal/jeweler/orders', 'nl');
    assert.match(dutch.body, /Herstel- en vervangingsopdrachten/);
    const orderId = /\/portal\/jeweler\/orders\/([0-9a-f-]{36})\/accept/.exec(portal.body)?.[1];
    assert.ok(orderId);
    const accepted = await postForm(JULIA, `/portal/jeweler/orders/${orderId}/accept`, {});
    assert.equal(accepted.statusCode, 303);
    const badInvoice = await postForm(JULIA, `/portal/jeweler/orders/${orderId}/complete`, { invoiceAmount: 'a lot' });
    assert.equal(badInvoice.statusCode, 400);
    assert.match(badInvoice.body, new RegExp(`href="#field-invoiceAmount-${orderId}"`));
    assert.equal((await getPage(t.emailOf('customer'), '/portal/jeweler/orders')).statusCode, 403);

    const progress = await render(repairsStatusSection, 'customer', claimId);
    assert.match(progress, /Julia Jeweler replaces your Diamond engagement ring/);
    assert.match(progress, /Accepted on/);
    assert.match(progress, /deductible of \$250\.00/);
  });

  test('the admin sets payment authority on its page; others may not', async () => {
    const admin = t.emailOf('admin');
    const page = await getPage(admin, '/backoffice/payment-authority');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Payment authority/);
    const adjusterId = await t.userIdOf(t.emailOf('adjuster'));
    const bad = await postForm(admin, '/backoffice/payment-authority', { userId: adjusterId, limit: 'lots' });
    assert.equal(bad.statusCode, 400);
    const set = await postForm(admin, '/backoffice/payment-authority', { userId: adjusterId, limit: '2500.00' });
    assert.equal(set.statusCode, 200);
    assert.match(set.body, /is now \$2,500\.00/);
    assert.equal((await getPage(t.emailOf('adjuster'), '/backoffice/payment-authority')).statusCode, 403);
  });
});
