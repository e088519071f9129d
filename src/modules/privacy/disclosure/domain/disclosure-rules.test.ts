import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  agreementCovers,
  checkDisclosure,
  DISCLOSURE_BASES,
  hasCurrentAgreement,
  RECIPIENT_TYPES,
  type RecipientFacts,
  recipientTypesFor,
} from './disclosure-rules.ts';

const TODAY = '2026-11-21';
const jeweler: RecipientFacts = { type: 'jeweler', retired: false, agreements: [] };
const processor = (agreements: RecipientFacts['agreements']): RecipientFacts => ({ type: 'service_provider', retired: false, agreements });
const REPAIR = ['user.name', 'user.contact.address', 'user.contact.phone_number'];

describe('disclosure rules', () => {
  test('PRV-DISC-1: a basis of sale does not exist, and no unlisted basis is accepted for any recipient', () => {
    assert.ok(!(DISCLOSURE_BASES as readonly string[]).includes('sale'));
    for (const basis of ['sale', 'marketing_sale', 'data_brokerage', '', 'SERVICE_PROVISION']) {
      for (const type of RECIPIENT_TYPES) {
        const result = checkDisclosure({
          recipient: { type, retired: false, agreements: [{ signedOn: '2020-01-01', endsOn: null }] },
          basis,
          categories: ['user.name'],
          today: TODAY,
          partnerAuthorised: true,
        });
        assert.deepEqual(result, { ok: false, reason: 'basis_not_allowed' }, `${basis} → ${type}`);
      }
    }
  });

  test('PRV-DISC-1: property — every accepted disclosure names an allowed basis matching its recipient type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECIPIENT_TYPES), fc.string(), fc.boolean(), (type, basis, authorised) => {
        const result = checkDisclosure({
          recipient: { type, retired: false, agreements: [{ signedOn: '2020-01-01', endsOn: null }] },
          basis,
          categories: ['user.name'],
          today: TODAY,
          partnerAuthorised: authorised,
        });
        if (result.ok) {
          assert.ok((DISCLOSURE_BASES as readonly string[]).includes(basis));
          assert.ok(recipientTypesFor(result.basis).includes(type));
        }
      }),
    );
  });

  test('PRV-DISC-3: a repairer gets name, address and phone for a repair order, but not the bank account', () => {
    assert.deepEqual(checkDisclosure({ recipient: jeweler, basis: 'repair_order', categories: REPAIR, today: TODAY, partnerAuthorised: false }), {
      ok: true,
      basis: 'repair_order',
      categories: REPAIR,
    });
    assert.deepEqual(
      checkDisclosure({
        recipient: jeweler,
        basis: 'repair_order',
        categories: [...REPAIR, 'user.financial.bank_account'],
        today: TODAY,
        partnerAuthorised: false,
      }),
      {
        ok: false,
        reason: 'categories_beyond_basis',
      },
    );
    // A jeweler is not a regulator: the basis must fit the recipient.
    assert.deepEqual(checkDisclosure({ recipient: jeweler, basis: 'regulatory_audit', categories: REPAIR, today: TODAY, partnerAuthorised: false }), {
      ok: false,
      reason: 'basis_not_for_recipient',
    });
    assert.deepEqual(checkDisclosure({ recipient: jeweler, basis: 'repair_order', categories: ['user.shoe_size'], today: TODAY, partnerAuthorised: false }), {
      ok: false,
      reason: 'categories_invalid',
    });
    assert.deepEqual(
      checkDisclosure({ recipient: { ...jeweler, retired: true }, basis: 'repair_order', categories: REPAIR, today: TODAY, partnerAuthorised: false }),
      {
        ok: false,
        reason: 'recipient_retired',
      },
    );
  });

  test('PRV-DISC-3: a partner receives data only with the customer’s authorisation, and only claim status', () => {
    const partner: RecipientFacts = { type: 'partner', retired: false, agreements: [] };
    const claim = ['user.name', 'user.insurance.claim'];
    assert.deepEqual(checkDisclosure({ recipient: partner, basis: 'customer_authorisation', categories: claim, today: TODAY, partnerAuthorised: false }), {
      ok: false,
      reason: 'partner_not_authorised',
    });
    assert.equal(checkDisclosure({ recipient: partner, basis: 'customer_authorisation', categories: claim, today: TODAY, partnerAuthorised: true }).ok, true);
    assert.deepEqual(
      checkDisclosure({ recipient: partner, basis: 'customer_authorisation', categories: ['user.insurance.policy'], today: TODAY, partnerAuthorised: true }),
      {
        ok: false,
        reason: 'categories_beyond_basis',
      },
    );
  });

  test('PRV-PROC-1: an agreement covers the days from its signing to its last day, inclusive', () => {
    const agreement = { signedOn: '2025-01-01', endsOn: '2026-11-21' };
    assert.equal(agreementCovers(agreement, '2024-12-31'), false); // before signing
    assert.equal(agreementCovers(agreement, '2025-01-01'), true); // the day it was signed
    assert.equal(agreementCovers(agreement, '2026-11-21'), true); // its last day
    assert.equal(agreementCovers(agreement, '2026-11-22'), false); // the day after
    assert.equal(agreementCovers({ signedOn: '2025-01-01', endsOn: null }, '2099-12-31'), true); // open-ended
    assert.equal(hasCurrentAgreement([], TODAY), false);
  });

  test('PRV-PROC-1: a processor without a current agreement cannot receive data', () => {
    const check = (agreements: RecipientFacts['agreements']) =>
      checkDisclosure({
        recipient: processor(agreements),
        basis: 'service_provision',
        categories: ['user.contact.email'],
        today: TODAY,
        partnerAuthorised: false,
      });
    assert.deepEqual(check([]), { ok: false, reason: 'no_processor_agreement' });
    assert.deepEqual(check([{ signedOn: '2020-01-01', endsOn: '2026-11-20' }]), { ok: false, reason: 'no_processor_agreement' }); // ended yesterday
    assert.deepEqual(check([{ signedOn: '2026-11-22', endsOn: null }]), { ok: false, reason: 'no_processor_agreement' }); // signed tomorrow
    assert.equal(
      check([
        { signedOn: '2020-01-01', endsOn: '2026-11-20' },
        { signedOn: '2026-11-21', endsOn: null },
      ]).ok,
      true,
    ); // renewed today
  });

  test('PRV-DISC-3: the insured’s own agent receives data only for that insured', () => {
    const agent: RecipientFacts = { type: 'agent', retired: false, agreements: [] };
    const check = (agentOfInsured: boolean) =>
      checkDisclosure({
        recipient: agent,
        basis: 'insured_agent',
        categories: ['user.insurance.policy'],
        today: TODAY,
        partnerAuthorised: false,
        agentOfInsured,
      });
    assert.deepEqual(check(false), { ok: false, reason: 'agent_not_of_insured' });
    assert.equal(check(true).ok, true);
  });
});
