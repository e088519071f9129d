import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { DEMO_PASSWORD, demoEmail } from '../../src/modules/accounts/index.ts';
import { listInvoices, recordPayment } from '../../src/modules/billing/index.ts';
import { bindPolicy, quoteApplication } from '../../src/modules/policies/index.ts';
import { DEMO_PRODUCT } from '../../src/modules/products/index.ts';
import { systemActor, type UserActor } from '../../src/platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../src/platform/request-origin.ts';
import type { RunningBezel } from './support.ts';

/**
 * Set-up shared by the claims journeys (issue #4). The e2e Bezel runs on the real clock, so a policy is bound from
 * today in New York (through the policy use cases, as the agent and privacy journeys do when the journey is not about
 * the policy) and its first premium is recorded as received; losses are reported dated today.
 */

export const TIME_ZONE = 'America/New_York';
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

export type PolicyItem = { description: string; category: string; coverageAmount: string; setId?: string };

/** Today where the policies of these journeys are (the loss date and the policy's first day). */
export function today(): Temporal.PlainDate {
  return Temporal.Now.plainDateISO(TIME_ZONE);
}

/** A day as the English pages write it: "February 19, 2027". */
export function longDate(day: Temporal.PlainDate): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day.toString()}T00:00:00Z`));
}

/** A customer's actor (the use cases that bind their policy act as them). */
export async function userActor(server: RunningBezel, email: string): Promise<UserActor> {
  const user = await server.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { kind: 'user', userId: user.id, roles: ['customer'], locale: 'en', via: 'session' };
}

/** Binds a New York policy from today for the customer (email), with these items, and records its first premium paid. */
export async function policyFromToday(
  server: RunningBezel,
  email: string,
  namedInsured: string,
  items: readonly PolicyItem[],
): Promise<{ id: string; policyNumber: string }> {
  const deps = server.bezel.deps;
  const actor = await userActor(server, email);
  const application = await quoteApplication(
    deps,
    actor,
    {
      productCode: DEMO_PRODUCT.code,
      namedInsureds: [namedInsured],
      otherInsureds: [],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: TIME_ZONE,
      deductible: '250',
      items: items.map((item) => ({
        description: item.description,
        category: item.category,
        coverageAmount: item.coverageAmount,
        appraisalDate: '2026-10-01',
        keptInSafe: false,
        giftOrEngagementRing: false,
        setId: item.setId ?? null,
      })),
    },
    SYSTEM_ORIGIN,
  );
  const policy = await bindPolicy(deps, actor, application.id, { inceptionDate: today().toString() }, SYSTEM_ORIGIN);
  const [invoice] = await listInvoices(deps, systemActor('e2e'), { policyId: policy.id });
  assert.ok(invoice, 'the first invoice');
  await recordPayment(
    deps,
    systemActor('e2e'),
    { reference: invoice.structuredReference, amount: invoice.amount, currency: invoice.currency, receivedOn: today().toString() },
    SYSTEM_ORIGIN,
  );
  return { id: policy.id, policyNumber: policy.policyNumber };
}

/** Console errors (a CSP violation shows here); a refused form's own 400/422 answer is expected and left out. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/the server responded with a status of (400|422)\b/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Logs in through the login page and waits until the user has left it. */
export async function logIn(page: Page, server: RunningBezel, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export { DEMO_PASSWORD, demoEmail };
