import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldCipher } from '../../../../platform/crypto/field-encryption-store.ts';
import { INSURED_DATE_OF_BIRTH } from '../domain/encrypted-columns.ts';
import { useProtectionTest } from '../protection-test-support.ts';

/** PRV-CHILD-1 through the API on a real database: intake of minors, and messages from children. */
const t = useProtectionTest();

const minor = { namedInsured: 'Tom Customer', dateOfBirth: '2010-05-01' };
const consent = { guardianName: 'Carla Customer', relation: 'parent', method: 'written', consentedAt: '2026-11-20T09:00:00Z' };

function application(birthDates: unknown[]) {
  return {
    namedInsureds: ['Carla Customer', 'Tom Customer'],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: [{ description: 'Silver pendant on a chain', category: 'necklace', coverageAmount: '1500.00', appraisalDate: '2026-10-01' }],
    birthDates,
  };
}

async function count(table: 'application' | 'guardian_consent' | 'insured_birth_date' | 'inbound_message'): Promise<number> {
  return (await t.bezel.deps.db.selectFrom(table).select('id').execute()).length;
}

describe('PRV-CHILD-1: children', () => {
  test('PRV-CHILD-1: a named insured under 18 without a guardian’s consent is refused and nothing is written', async () => {
    const refused = await t.call(
      'customer',
      'POST',
      '/api/v1/applications',
      application([{ namedInsured: 'Carla Customer', dateOfBirth: '1980-02-02' }, minor]),
    );
    assert.equal(refused.statusCode, 422, refused.body);
    const problem = refused.json();
    assert.equal(problem.code, 'guardian_consent_required');
    assert.match(problem.detail, /under 18 needs the consent of a parent or guardian/);
    assert.deepEqual(problem.errors, [
      { field: 'body.birthDates.1.guardianConsent', code: 'guardian_consent_required', message: 'Add the consent of a parent or guardian of Tom Customer.' },
    ]);
    for (const table of ['application', 'guardian_consent', 'insured_birth_date'] as const) assert.equal(await count(table), 0, table);
    const badDate = await t.call('customer', 'POST', '/api/v1/applications', application([{ namedInsured: 'Nobody', dateOfBirth: '2001-02-30' }]));
    assert.equal(badDate.statusCode, 422);
    assert.equal(badDate.json().errors[0].code, 'birth_date_not_named_insured');
    assert.equal(await count('application'), 0);
  });

  test('PRV-CHILD-1: with a guardian’s consent the application is taken, the consent recorded and the date of birth stored encrypted', async () => {
    const reply = await t.call('customer', 'POST', '/api/v1/applications', application([{ ...minor, guardianConsent: consent }]));
    assert.equal(reply.statusCode, 201, reply.body);
    const applicationId = reply.json().id;
    const consents = await t.bezel.deps.db.selectFrom('guardian_consent').selectAll().where('application_id', '=', applicationId).execute();
    assert.deepEqual(
      consents.map((row) => [row.insured_no, row.guardian_name, row.relation, row.method, row.consented_at]),
      [[2, 'Carla Customer', 'parent', 'written', '2026-11-20T09:00:00Z']],
    );
    const births = await t.bezel.deps.db.selectFrom('insured_birth_date').selectAll().where('application_id', '=', applicationId).execute();
    assert.equal(births.length, 1);
    assert.doesNotMatch(births[0]?.date_of_birth ?? '', /2010/, 'PRV-SEC-1: the date of birth is not stored in plaintext');
    assert.equal(await fieldCipher(t.bezel.deps).decryptText(t.bezel.deps.db, INSURED_DATE_OF_BIRTH, births[0]?.date_of_birth ?? ''), '2010-05-01');
    const events = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select(['action', 'details', 'personal_details'])
      .where('action', '=', 'guardian_consent.recorded')
      .execute();
    assert.equal(events.length, 1);
    assert.doesNotMatch(JSON.stringify(events[0]?.details), /Carla/, 'the guardian’s name stays out of the hashed part of the event');
  });

  test('PRV-CHILD-1: a message flagged as from a child is deleted and the deletion audited', async () => {
    const registered = await t.call('privacy_officer', 'POST', '/api/v1/privacy/inbound-messages', {
      channel: 'email',
      senderName: 'Kid',
      senderContact: 'kid@example.com',
      subject: 'my bike',
      body: 'hi i am 11 and my bike was stolen',
      receivedAt: '2026-11-20T16:00:00Z',
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const id = registered.json().id;
    assert.equal((await t.call('customer', 'POST', `/api/v1/privacy/inbound-messages/${id}/flag-child`)).statusCode, 403);
    assert.equal(await count('inbound_message'), 1);
    const flagged = await t.call('privacy_officer', 'POST', `/api/v1/privacy/inbound-messages/${id}/flag-child`);
    assert.equal(flagged.statusCode, 200, flagged.body);
    assert.equal(await count('inbound_message'), 0);
    const event = await t.bezel.deps.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'inbound_message.deleted_from_child')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(event.outcome, 'success');
    assert.doesNotMatch(JSON.stringify([event.details, event.personal_details]), /bike|kid@example\.com|Kid/, 'the audit keeps the fact, not the message');
    assert.equal((await t.call('privacy_officer', 'POST', `/api/v1/privacy/inbound-messages/${id}/flag-child`)).statusCode, 404);
  });
});
