import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Role } from '../../../platform/db/schema.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createUser, DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { insertWorksheet, type SettlementMethod } from '../settlement-repository.ts';
import { type ClaimApiTest, type Reply, useClaimApiTest, type Who } from './claim-api-test-support.ts';

/**
 * Set-up of the reserve, payment and jeweler order tests: everything useClaimApiTest gives, plus calls as any user
 * (a second adjuster, a second jeweler) with extra headers (Idempotency-Key), user ids, a stored worksheet
 * (insertWorksheet, the function the worksheet part uses), payment authority and registered jewelers.
 */
export type WorksheetLineInput = { lineNo: number; itemNo: number | null; payable: string; totalLoss?: boolean; method?: SettlementMethod };

export type PaymentTest = ClaimApiTest & {
  /** Calls as the user with that e-mail address (logging in once). */
  callAs(email: string, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  emailOf(who: Who): string;
  userIdOf(email: string): Promise<string>;
  /** Creates an active user with a password (DEMO_PASSWORD); returns its id. */
  createPerson(email: string, displayName: string, roles: Role[]): Promise<string>;
  seedWorksheet(claimId: string, lines: WorksheetLineInput[], version?: number): Promise<string>;
  setAuthority(email: string, limit: string): Promise<void>;
  /** The privacy officer registers the jeweler as a recipient (PRV-DISC-3). */
  registerJeweler(email: string, name: string): Promise<void>;
  /**
   * Binds `count` of Carla's ring policies at the start clock (2026-11-21) and moves the clock into their period
   * (2027-01-15): call it once, in a `before` hook, so every test has a fresh policy without moving the clock back
   * (logins are rate-limited).
   */
  preparePolicies(count: number): Promise<void>;
  /** A covered claim (lost 2027-01-10) on the ring of a prepared policy, with a worksheet and the reserve set. */
  coveredClaim(options?: { reserve?: string; payable?: string; totalLoss?: boolean; policyId?: string }): Promise<{ policyId: string; claimId: string }>;
};

export function usePaymentTest(): PaymentTest {
  const t = useClaimApiTest();
  const csrfCookie = 'p'.repeat(43);
  const sessions = new Map<string, string>();

  async function callAs(email: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const { app, deps } = t.bezel;
    let session = sessions.get(email);
    if (!session) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      session = login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value ?? '';
      sessions.set(email, session);
    }
    return (await app.inject({
      method,
      url,
      headers: {
        'x-csrf-token': csrfTokenFor(deps.appSecret, csrfCookie),
        ...headers,
        // Extra cookies (the language choice) join the session's.
        cookie: [`bezel_session=${session}; bezel_csrf=${csrfCookie}`, headers.cookie].filter(Boolean).join('; '),
      },
      ...(body !== undefined && { payload: body as object }),
    })) as unknown as Reply;
  }

  const emailOf = (who: Who) => (who === 'customer3' ? 'customer3@example.com' : demoEmail(who));

  async function userIdOf(email: string): Promise<string> {
    const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return row.id;
  }

  async function createPerson(email: string, displayName: string, roles: Role[]): Promise<string> {
    const account = await createUser(t.bezel.deps, systemActor('test'), { email, displayName, roles, locale: 'en', password: DEMO_PASSWORD }, SYSTEM_ORIGIN);
    return account.id;
  }

  async function seedWorksheet(claimId: string, lines: WorksheetLineInput[], version = 1): Promise<string> {
    const { deps } = t.bezel;
    const id = newId();
    const payable = lines.map((line) => Money.of(line.payable, 'USD'));
    await insertWorksheet(deps.db, {
      id,
      claimId,
      version,
      lines: lines.map((line, index) => ({
        lineNo: line.lineNo,
        itemNo: line.itemNo,
        description: `Line ${line.lineNo}`,
        method: line.method ?? 'replace',
        payable: payable[index] as Money,
        totalLoss: line.totalLoss ?? false,
        detail: {},
      })),
      totalPayable: Money.sum(payable, 'USD'),
      reason: null,
      createdBy: await userIdOf(demoEmail('adjuster')),
      createdAt: nowText(deps.clock),
    });
    return id;
  }

  async function setAuthority(email: string, limit: string): Promise<void> {
    const reply = await t.call('admin', 'POST', '/api/v1/payment-authorities', { userId: await userIdOf(email), limit, currency: 'USD' });
    assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
  }

  async function registerJeweler(email: string, name: string): Promise<void> {
    const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/recipients', { name, type: 'jeweler', userId: await userIdOf(email) });
    assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  }

  async function coveredClaim(options: { reserve?: string; payable?: string; totalLoss?: boolean; policyId?: string } = {}) {
    const policyId = options.policyId ?? prepared.shift();
    if (!policyId) throw new Error('no prepared policy left: raise the count of preparePolicies');
    const claim = await t.seedClaim(policyId, { status: 'covered', lossDate: '2027-01-10' });
    // Carla's ring: 5000.00 − 250.00 deductible = 4750.00.
    await seedWorksheet(claim.id, [{ lineNo: 1, itemNo: 1, payable: options.payable ?? '4750.00', totalLoss: options.totalLoss ?? false }]);
    const reserve = await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/reserve`, { amount: options.reserve ?? '4750.00' });
    assert.equal(reserve.statusCode, 200, JSON.stringify(reserve.json()));
    return { policyId, claimId: claim.id };
  }

  const prepared: string[] = [];
  async function preparePolicies(count: number): Promise<void> {
    for (let index = 0; index < count; index++) prepared.push((await t.boundPolicy()).id);
    moveClockTo('2027-01-15T15:00:00Z');
  }

  const moveInner = t.moveClockTo;
  /** Sessions expire over weeks: both the demo users' and these are logged in again at the new time. */
  function moveClockTo(instant: string): void {
    moveInner(instant);
    sessions.clear();
  }

  return Object.assign(t, {
    moveClockTo,
    preparePolicies,
    callAs,
    emailOf,
    userIdOf,
    createPerson,
    seedWorksheet,
    setAuthority,
    registerJeweler,
    coveredClaim,
  });
}
