import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ring, usePolicyApiTest } from './policy-api-test-support.ts';

const { bezel, call } = (() => {
  const api = usePolicyApiTest();
  return { bezel: () => api.bezel, call: api.call };
})();

const application = (otherInsureds: unknown) => ({
  namedInsureds: ['Carla Customer'],
  otherInsureds,
  mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
  timeZone: 'America/New_York',
  deductible: '250',
  items: [ring],
});

const applications = async () =>
  Number(
    (
      await bezel()
        .deps.db.selectFrom('application')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the insureds of a policy (JPF-DEF-2)', () => {
  test('JPF-DEF-2: a spouse, a resident relative and a minor in care are recorded with their relation and stay on the bound policy', async () => {
    const others = [
      { name: 'Cees Customer', relation: 'spouse' },
      { name: 'Oma Customer', relation: 'resident_relative' },
      { name: 'Kim Customer', relation: 'minor_in_care' },
    ];
    const quoted = await call('customer', 'POST', '/api/v1/applications', application(others));
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    assert.deepEqual(quoted.json().otherInsureds, others);
    const bound = await call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    const policy = await call('customer', 'GET', `/api/v1/policies/${bound.json().id}`);
    assert.equal(policy.statusCode, 200);
    assert.deepEqual(policy.json().namedInsureds, ['Carla Customer']);
    assert.deepEqual(policy.json().otherInsureds, others);
  });

  test('JPF-DEF-2: a relation the policy form does not make an insured (a friend, a lodger) is refused with a validation problem and nothing is written', async () => {
    const before = await applications();
    for (const relation of ['friend', 'lodger', '']) {
      const refused = await call('customer', 'POST', '/api/v1/applications', application([{ name: 'Nina Neighbour', relation }]));
      assert.equal(refused.statusCode, 400, JSON.stringify(refused.json()));
      assert.ok(JSON.stringify(refused.json()).includes('otherInsureds'), 'the problem names the field');
    }
    assert.equal(await applications(), before);
  });
});
