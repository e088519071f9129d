import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { ROLES, systemActor } from '../../../platform/auth/actor.ts';
import type { Role } from '../../../platform/db/schema.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { listInvoices, recordPayment } from '../../billing/index.ts';
import { seedDemoProduct } from '../../products/index.ts';

/**
 * Shared set-up of the policy API tests: a Bezel with demo users and the demo product, calls as a
 * logged-in user (session cookie + CSRF header), and a bound, paid policy for a ring.
 */
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
export type Json = Record<string, any>;
export type Reply = { statusCode: number; json(): Json };
/** Any demo user (one per role, seed-demo-users.ts) or a second customer. */
export type Who = Role | 'customer3';

export type PolicyApiTest = {
  readonly bezel: TestBezel;
  call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply>;
  /** Uploads a file (POST /api/v1/files) as the user; returns the reply. */
  upload(as: Who, purpose: string, bytes: Buffer, contentType: string): Promise<Reply>;
  /** Applies for a ring (premium 53.13: 5000/100 × 1.10 × 1.05 NY × 0.92 $250) and binds from 2026-12-01 (365 days, last day 2027-11-30). */
  boundPolicy(namedInsureds?: string[], options?: { paid?: boolean }): Promise<{ id: string; policyNumber: string }>;
  /** Moves the clock; sessions expire over weeks, so callers log in again at the new time. */
  moveClockTo(instant: string): void;
};

export const ring = {
  description: 'Diamond engagement ring, 1 ct, platinum',
  category: 'ring',
  coverageAmount: '5000.00',
  appraisalDate: '2026-10-01',
  giftOrEngagementRing: true,
  possessor: 'Carla Customer',
};

/** Registers before/after hooks for the file and returns its helpers. */
export function usePolicyApiTest(): PolicyApiTest {
  let bezel: TestBezel | undefined;
  const csrfCookie = 'c'.repeat(43);
  const sessions = new Map<string, string>();
  const emails: Record<string, string> = {};
  const running = (): TestBezel => {
    if (!bezel) throw new Error('the test Bezel is not started yet');
    return bezel;
  };

  before(async () => {
    bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z (07:00 in New York)
    await seedDemoUsers(bezel.deps);
    await seedDemoProduct(bezel.deps);
    for (const role of ROLES) emails[role] = demoEmail(role);
    await createUser(
      bezel.deps,
      systemActor('test'),
      { email: 'customer3@example.com', displayName: 'customer3', roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
      SYSTEM_ORIGIN,
    );
    emails.customer3 = 'customer3@example.com';
  });
  after(async () => bezel?.close());

  async function call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply> {
    const app = running().app;
    if (!sessions.has(as)) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
    }
    return (await app.inject({
      method,
      url,
      headers: { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(running().deps.appSecret, csrfCookie) },
      ...(body !== undefined && { payload: body as object }),
    })) as unknown as Reply;
  }

  async function upload(as: Who, purpose: string, bytes: Buffer, contentType: string): Promise<Reply> {
    await call(as, 'GET', '/api/v1/me');
    return (await running().app.inject({
      method: 'POST',
      url: `/api/v1/files?purpose=${purpose}`,
      headers: {
        cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
        'x-csrf-token': csrfTokenFor(running().deps.appSecret, csrfCookie),
        'content-type': contentType,
      },
      payload: bytes,
    })) as unknown as Reply;
  }

  async function boundPolicy(namedInsureds: string[] = ['Carla Customer'], options: { paid?: boolean } = {}) {
    const quoted = await call('customer', 'POST', '/api/v1/applications', {
      namedInsureds,
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [ring],
    });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    assert.deepEqual(quoted.json().premium, { amount: '53.13', currency: 'USD' });
    const bound = await call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    const policy = bound.json() as { id: string; policyNumber: string };
    if (options.paid ?? true) {
      const deps = running().deps;
      const [invoice] = await listInvoices(deps, systemActor('test'), { policyId: policy.id });
      assert.ok(invoice);
      await recordPayment(
        deps,
        systemActor('test'),
        { reference: invoice.structuredReference, amount: invoice.amount, currency: invoice.currency, receivedOn: '2026-11-21' },
        SYSTEM_ORIGIN,
      );
    }
    return policy;
  }

  return {
    get bezel() {
      return running();
    },
    call,
    upload,
    boundPolicy,
    moveClockTo(instant: string) {
      running().clock.set(instant);
      sessions.clear();
    },
  };
}
