import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, seedDemoUsers } from '../../accounts/index.ts';
import { listInvoices, recordPayment } from '../../billing/index.ts';
import { bindPolicy, type QuoteApplicationInput, quoteApplication } from '../../policies/index.ts';
import { DEMO_PRODUCT, seedDemoProduct } from '../../products/index.ts';

/**
 * Shared set-up of the fulfilment tests: a Bezel with the demo product and customers made on demand, each
 * with a quoted application or a bound (and paid) policy, made through the real use cases.
 */
export type Person = { actor: UserActor; email: string; name: string };

export type FulfilmentTest = {
  readonly bezel: TestBezel;
  customer(name: string): Promise<Person>;
  quote(person: Person, namedInsured?: string): Promise<{ applicationId: string; premium: string }>;
  boundPolicy(person: Person, options?: { paid?: boolean }): Promise<{ policyId: string; policyNumber: string; applicationId: string }>;
  quoteInput(namedInsured: string): QuoteApplicationInput;
};

export function useFulfilmentTest(): FulfilmentTest {
  let bezel: TestBezel | undefined;
  const running = () => {
    if (!bezel) throw new Error('the test Bezel is not started yet');
    return bezel;
  };
  before(async () => {
    bezel = await createTestBezel(); // 2026-11-21T12:00:00Z
    await seedDemoUsers(bezel.deps);
    await seedDemoProduct(bezel.deps);
  });
  after(async () => bezel?.close());

  const quoteInput = (namedInsured: string): QuoteApplicationInput => ({
    productCode: DEMO_PRODUCT.code,
    namedInsureds: [namedInsured],
    otherInsureds: [],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: [
      {
        description: `Diamond ring of ${namedInsured}`,
        category: 'ring',
        coverageAmount: '5000.00',
        appraisalDate: '2026-10-01',
        keptInSafe: false,
        giftOrEngagementRing: false,
      },
    ],
  });

  return {
    get bezel() {
      return running();
    },
    quoteInput,
    async customer(name) {
      const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.com`;
      const account = await createUser(
        running().deps,
        systemActor('test'),
        { email, displayName: name, roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
        SYSTEM_ORIGIN,
      );
      return { actor: { kind: 'user', userId: account.id, roles: ['customer'], locale: 'en', via: 'session' }, email, name };
    },
    async quote(person, namedInsured = person.name) {
      const application = await quoteApplication(running().deps, person.actor, quoteInput(namedInsured), {
        requestId: null,
        ip: '203.0.113.9',
        userAgent: 'test',
      });
      return { applicationId: application.id, premium: application.premium.toFixed() };
    },
    async boundPolicy(person, options = {}) {
      const deps = running().deps;
      const { applicationId } = await this.quote(person);
      const policy = await bindPolicy(deps, person.actor, applicationId, { inceptionDate: '2026-12-01' }, SYSTEM_ORIGIN);
      if (options.paid ?? true) {
        const [invoice] = await listInvoices(deps, systemActor('test'), { policyId: policy.id });
        assert.ok(invoice);
        await recordPayment(
          deps,
          systemActor('test'),
          { reference: invoice.structuredReference, amount: invoice.amount, currency: invoice.currency, receivedOn: '2026-11-21' },
          SYSTEM_ORIGIN,
        );
      }
      return { policyId: policy.id, policyNumber: policy.policyNumber, applicationId };
    },
  };
}
