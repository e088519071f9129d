import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemActor } from '../../../../platform/auth/actor.ts';
import { listDisclosuresAbout, partnerMayAccess, recordDisclosure } from '../../index.ts';
import { useDisclosureTest } from './disclosure-test-support.ts';

/** Recipients, processor agreements, the disclosure log and partner access, through the API on a real database. */
const t = useDisclosureTest();

async function register(body: Record<string, unknown>) {
  const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/recipients', body);
  assert.equal(reply.statusCode, 201, reply.body);
  return reply.json();
}

async function countDisclosures() {
  const row = await t.bezel.deps.db
    .selectFrom('disclosure')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('recipients and disclosures', () => {
  test('PRV-PROC-1: a processor is registered with its agreement dates and receives nothing without a current agreement', async () => {
    const processor = await register({ name: 'Mailhouse BV', type: 'service_provider', description: 'Prints and posts letters' });
    assert.equal(processor.mayReceive, false);
    const customerId = await t.userId('customer');
    const input = {
      recipientId: processor.id,
      subjectUserId: customerId,
      categories: ['user.name', 'user.contact.address'],
      basis: 'service_provision',
      purpose: 'posting the policy documents',
    };

    const refused = await t.call('privacy_officer', 'POST', '/api/v1/privacy/disclosures', input);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'disclosure_no_processor_agreement');
    assert.equal(await countDisclosures(), 0);

    // An agreement that ends before it was signed is refused; an expired one does not count.
    assert.equal(
      (
        await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${processor.id}/agreements`, {
          reference: 'DPA-0',
          signedOn: '2024-01-01',
          endsOn: '2023-12-31',
        })
      ).statusCode,
      422,
    );
    const expired = await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${processor.id}/agreements`, {
      reference: 'DPA-1',
      signedOn: '2024-01-01',
      endsOn: '2025-12-31',
    });
    assert.equal(expired.statusCode, 201, expired.body);
    assert.equal(expired.json().mayReceive, false);
    assert.equal((await t.call('privacy_officer', 'POST', '/api/v1/privacy/disclosures', input)).json().code, 'disclosure_no_processor_agreement');

    const current = await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${processor.id}/agreements`, {
      reference: 'DPA-2',
      signedOn: '2026-01-01',
      endsOn: null,
    });
    assert.deepEqual(
      current.json().agreements.map((a: { reference: string; signedOn: string; endsOn: string | null }) => [a.reference, a.signedOn, a.endsOn]),
      [
        ['DPA-1', '2024-01-01', '2025-12-31'],
        ['DPA-2', '2026-01-01', null],
      ],
    );
    assert.equal(current.json().mayReceive, true);
    const recorded = await t.call('privacy_officer', 'POST', '/api/v1/privacy/disclosures', input);
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.equal(await countDisclosures(), 1);

    // A retired processor receives nothing any more, though its agreement still runs; it cannot be retired twice.
    const retired = await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${processor.id}/retire`);
    assert.equal(retired.statusCode, 200, retired.body);
    assert.equal(retired.json().mayReceive, false);
    assert.equal((await t.call('privacy_officer', 'POST', '/api/v1/privacy/disclosures', input)).json().code, 'disclosure_recipient_retired');
    assert.equal((await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${processor.id}/retire`)).statusCode, 409);
    assert.equal(await countDisclosures(), 1);

    // Only service providers have processor agreements; only privacy officers and admins manage the registry.
    const regulator = await register({ name: 'State Insurance Department', type: 'regulator' });
    assert.equal(
      (await t.call('privacy_officer', 'POST', `/api/v1/privacy/recipients/${regulator.id}/agreements`, { reference: 'X', signedOn: '2026-01-01' })).json()
        .code,
      'agreement_not_for_type',
    );
    assert.equal((await t.call('auditor', 'POST', '/api/v1/privacy/recipients', { name: 'Nope', type: 'auditor' })).statusCode, 403);
    assert.equal((await t.call('auditor', 'GET', '/api/v1/privacy/recipients')).statusCode, 200);
    assert.equal((await t.call('customer', 'GET', '/api/v1/privacy/recipients')).statusCode, 403);
    // Each registration and agreement is audited.
    assert.equal((await t.auditEvents('processor_agreement.added')).length, 2);
  });

  test('PRV-DISC-1: a disclosure with a basis of sale (or any unlisted basis) is refused, audited, and nothing is logged as disclosed', async () => {
    const broker = await register({ name: 'Data Broker Inc', type: 'group_company' });
    const customerId = await t.userId('customer');
    const before = await countDisclosures();
    for (const basis of ['sale', 'selling', 'marketing']) {
      const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/disclosures', {
        recipientId: broker.id,
        subjectUserId: customerId,
        categories: ['user.contact.email'],
        basis,
        purpose: 'selling the mailing list',
      });
      assert.equal(reply.statusCode, 422);
      assert.equal(reply.json().code, 'disclosure_basis_not_allowed');
    }
    // Through the module surface too, as other modules call it: a returned refusal.
    const direct = await recordDisclosure(t.bezel.deps, systemActor('test'), {
      recipientId: broker.id,
      subjectUserId: customerId,
      categories: ['user.name'],
      basis: 'sale',
      purpose: 'sale',
    });
    assert.deepEqual(direct, { recorded: false, reason: 'basis_not_allowed' });
    assert.equal(await countDisclosures(), before);
    const refusals = (await t.auditEvents('disclosure.refused')).filter((event) => event.details.recipientId === broker.id);
    assert.equal(refusals.length, 4);
    assert.ok(refusals.every((event) => event.outcome === 'denied' && event.details.reason === 'basis_not_allowed'));
  });

  test('PRV-DISC-3: every disclosure names recipient, categories and basis, and the person’s list shows them (for the access package)', async () => {
    const jeweler = await register({ name: 'Fine Repairs Ltd', type: 'jeweler', userId: await t.userId('jeweler') });
    const customerId = await t.userId('customer');
    const otherId = await t.userId('agent');
    // As the claims module will: inside its own transaction, when it sends a repair order.
    const result = await t.bezel.deps.db.transaction().execute((trx) =>
      recordDisclosure({ ...t.bezel.deps, db: trx }, systemActor('claims'), {
        recipientId: jeweler.id,
        subjectUserId: customerId,
        categories: ['user.name', 'user.contact.address', 'user.contact.phone_number'],
        basis: 'repair_order',
        purpose: 'repair of the ring reported damaged',
        reference: { type: 'repair_order', id: 'RO-1' },
      }),
    );
    assert.equal(result.recorded, true);
    // Beyond what a repairer may get: refused.
    const tooMuch = await recordDisclosure(t.bezel.deps, systemActor('claims'), {
      recipientId: jeweler.id,
      subjectUserId: customerId,
      categories: ['user.financial.bank_account'],
      basis: 'repair_order',
      purpose: 'repair',
    });
    assert.deepEqual(tooMuch, { recorded: false, reason: 'categories_beyond_basis' });

    const about = await listDisclosuresAbout(t.bezel.deps.db, customerId);
    const repair = about.find((d) => d.referenceId === 'RO-1');
    assert.ok(repair);
    assert.deepEqual(
      [repair.recipientName, repair.recipientType, repair.basis, repair.categories],
      ['Fine Repairs Ltd', 'jeweler', 'repair_order', ['user.name', 'user.contact.address', 'user.contact.phone_number']],
    );
    assert.ok(about.every((d) => d.subjectUserId === customerId));
    assert.deepEqual(await listDisclosuresAbout(t.bezel.deps.db, otherId), []);
    // The customer sees their own log; the officer's read of it is audited with the purpose given.
    const mine = await t.call('customer', 'GET', '/api/v1/me/disclosures');
    assert.equal(mine.json().items.length, about.length);
    const officer = await t.call('privacy_officer', 'GET', `/api/v1/privacy/people/${customerId}/disclosures`, undefined, {
      'bezel-purpose': 'answering access request PR-7',
    });
    assert.equal(officer.statusCode, 200);
    const reads = await t.auditEvents('personal_data.read');
    assert.ok(
      reads.some((event) => event.subject_id === customerId && event.purpose === 'answering access request PR-7' && event.details.view === 'disclosure_log'),
    );
  });

  test('PRV-DISC-3: a partner sees a customer’s data only while that customer authorises it', async () => {
    const partnerUserId = await t.userId('partner');
    const customerId = await t.userId('customer');
    const partner = await register({ name: 'Shiny Watches Club', type: 'partner', userId: partnerUserId });
    const mayAccess = () => partnerMayAccess(t.bezel.deps.db, { partnerUserId, customerUserId: customerId });
    const claimStatus = {
      recipientId: partner.id,
      subjectUserId: customerId,
      categories: ['user.insurance.claim'],
      basis: 'customer_authorisation',
      purpose: 'claim status',
    };

    assert.equal(await mayAccess(), false);
    assert.deepEqual(await recordDisclosure(t.bezel.deps, systemActor('test'), claimStatus), { recorded: false, reason: 'partner_not_authorised' });

    const page = await t.call('customer', 'GET', '/api/v1/me/partner-authorisations');
    assert.deepEqual(
      page.json().partners.map((p: { id: string }) => p.id),
      [partner.id],
    );
    const granted = await t.call('customer', 'POST', '/api/v1/me/partner-authorisations', { recipientId: partner.id });
    assert.equal(granted.statusCode, 201, granted.body);
    assert.equal(await mayAccess(), true);
    assert.equal((await recordDisclosure(t.bezel.deps, systemActor('test'), claimStatus)).recorded, true);
    // Only for that customer: another customer's data stays out of reach.
    assert.equal(await partnerMayAccess(t.bezel.deps.db, { partnerUserId, customerUserId: await t.userId('agent') }), false);
    // A twice-given authorisation is refused; a non-partner cannot be authorised.
    assert.equal((await t.call('customer', 'POST', '/api/v1/me/partner-authorisations', { recipientId: partner.id })).statusCode, 409);
    const regulator = await register({ name: 'Another Regulator', type: 'regulator' });
    assert.equal((await t.call('customer', 'POST', '/api/v1/me/partner-authorisations', { recipientId: regulator.id })).json().code, 'recipient_not_partner');

    // Someone else cannot revoke it (404); the customer can, and it stops at once.
    assert.equal((await t.call('agent', 'POST', `/api/v1/me/partner-authorisations/${granted.json().id}/revoke`)).statusCode, 404);
    assert.equal((await t.call('customer', 'POST', `/api/v1/me/partner-authorisations/${granted.json().id}/revoke`)).statusCode, 204);
    assert.equal(await mayAccess(), false);
    assert.deepEqual(await recordDisclosure(t.bezel.deps, systemActor('test'), claimStatus), { recorded: false, reason: 'partner_not_authorised' });
    assert.equal((await t.auditEvents('partner_authorisation.granted')).length, 1);
    assert.equal((await t.auditEvents('partner_authorisation.revoked')).length, 1);
  });
});
