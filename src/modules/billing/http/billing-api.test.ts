import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { newId } from '../../../platform/ids.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { createRefund, type Invoice, issueInvoice } from '../index.ts';

/** Issue #3, "Basic billing", through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
let bezel: TestBezel;
const csrfCookie = 'b'.repeat(43);
const sessions = new Map<string, string>();
const OTHER_EMAIL = 'olga.other@example.com';
let customerId = '';
const CAMT053_SAMPLE = readFileSync(new URL('../domain/fixtures/camt053-sample.xml', import.meta.url), 'utf8');

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z
  await seedDemoUsers(bezel.deps);
  await createUser(
    bezel.deps,
    systemActor('test'),
    { email: OTHER_EMAIL, displayName: 'Olga Other', roles: ['customer'], locale: 'en', password: 'olga has a long password' },
    SYSTEM_ORIGIN,
  );
  const row = await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('customer')).executeTakeFirstOrThrow();
  customerId = row.id;
});
after(async () => bezel.close());

type As = 'customer' | 'other' | 'billing' | 'auditor';
type Reply = { statusCode: number; json(): Record<string, unknown> & { errors?: { field: string; code: string; message: string }[] } };

async function call(as: As, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  if (!sessions.has(as)) {
    const email = as === 'other' ? OTHER_EMAIL : demoEmail(as);
    const password = as === 'other' ? 'olga has a long password' : DEMO_PASSWORD;
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return (await bezel.app.inject({
    method,
    url,
    headers: {
      cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
      'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie),
      ...headers,
    },
    ...(body !== undefined && { payload: body as object }),
  })) as unknown as Reply;
}

/** As the policies module will: inside its own transaction, for the demo customer. */
async function invoiceFor(amount: string, policyId = newId(), policyNumber = 'JP-000123'): Promise<Invoice> {
  return bezel.deps.db
    .transaction()
    .execute((trx) =>
      issueInvoice(
        { ...bezel.deps, db: trx },
        systemActor('policies-test'),
        { holderUserId: customerId, policyId, policyNumber, kind: 'premium', amount, currency: 'USD', issuedOn: '2026-11-21', dueOn: '2026-12-01' },
        SYSTEM_ORIGIN,
      ),
    );
}

const count = async (table: 'payment' | 'payment_allocation' | 'refund') =>
  Number(
    (
      await bezel.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('billing API', () => {
  test('an invoice issued for a customer: the customer sees it, another customer gets 404; a payment settles it and the balance is 0', async () => {
    const invoice = await invoiceFor('120.00');
    assert.match(invoice.structuredReference, /^RF\d{2}\d{9}$/);
    const mine = await call('customer', 'GET', '/api/v1/invoices');
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(
      (mine.json().items as { id: string }[]).map((item) => item.id),
      [invoice.id],
    );
    const one = await call('customer', 'GET', `/api/v1/invoices/${invoice.id}`);
    assert.deepEqual(
      [one.json().amount, one.json().outstanding, one.json().status],
      [{ amount: '120.00', currency: 'USD' }, { amount: '120.00', currency: 'USD' }, 'open'],
    );
    assert.equal((await call('other', 'GET', `/api/v1/invoices/${invoice.id}`)).statusCode, 404);
    assert.deepEqual((await call('other', 'GET', '/api/v1/invoices')).json().items, []);
    assert.equal((await call('other', 'GET', `/api/v1/billing/policies/${invoice.policyId}/balance`)).statusCode, 404);
    assert.equal(
      (
        await call('customer', 'POST', '/api/v1/payments', {
          reference: invoice.structuredReference,
          amount: '120.00',
          currency: 'USD',
          receivedOn: '2026-11-21',
        })
      ).statusCode,
      403,
    );

    // Written as printed, in groups of four and small letters: the same reference.
    const printed = invoice.structuredReference.toLowerCase().replace(/(.{4})/g, '$1 ');
    const paid = await call(
      'billing',
      'POST',
      '/api/v1/payments',
      { reference: printed, amount: '120.00', currency: 'USD', receivedOn: '2026-11-21' },
      { 'idempotency-key': 'pay-1' },
    );
    assert.equal(paid.statusCode, 201, JSON.stringify(paid.json()));
    assert.equal(paid.json().outcome, 'exact');
    assert.equal((paid.json().invoice as { status: string }).status, 'paid');
    const again = await call(
      'billing',
      'POST',
      '/api/v1/payments',
      { reference: printed, amount: '120.00', currency: 'USD', receivedOn: '2026-11-21' },
      { 'idempotency-key': 'pay-1' },
    );
    assert.equal(again.json().paymentId, paid.json().paymentId, 'a retried request records the payment once');
    const balance = await call('customer', 'GET', `/api/v1/billing/policies/${invoice.policyId}/balance`);
    assert.deepEqual(balance.json(), {
      policyId: invoice.policyId,
      invoiced: { amount: '120.00', currency: 'USD' },
      paid: { amount: '120.00', currency: 'USD' },
      outstanding: { amount: '0.00', currency: 'USD' },
      refundsPayable: { amount: '0.00', currency: 'USD' },
    });
  });

  test('a payment with an unknown reference or a typo: a clear error, nothing written', async () => {
    const invoice = await invoiceFor('50.00');
    const before = [await count('payment'), await count('payment_allocation')];
    const unknown = await call('billing', 'POST', '/api/v1/payments', {
      reference: 'RF18539007547034',
      amount: '50.00',
      currency: 'USD',
      receivedOn: '2026-11-21',
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'payment_unmatched');
    assert.equal(unknown.json().detail, 'No invoice has the reference RF18539007547034. Nothing was recorded; check the reference on the bank transfer.');
    assert.equal(unknown.json().errors?.[0]?.field, 'body.reference');
    const typo = `${invoice.structuredReference.slice(0, -1)}${invoice.structuredReference.endsWith('9') ? '8' : '9'}`;
    const refused = await call('billing', 'POST', '/api/v1/payments', { reference: typo, amount: '50.00', currency: 'USD', receivedOn: '2026-11-21' });
    assert.equal(refused.json().code, 'reference_invalid');
    const negative = await call('billing', 'POST', '/api/v1/payments', {
      reference: invoice.structuredReference,
      amount: '-5',
      currency: 'USD',
      receivedOn: '2026-11-21',
    });
    assert.equal(negative.json().code, 'amount_invalid');
    const unknownField = await call('billing', 'POST', '/api/v1/payments', {
      reference: invoice.structuredReference,
      amount: '5',
      currency: 'USD',
      receivedOn: '2026-11-21',
      x: 1,
    });
    assert.equal(unknownField.statusCode, 400);
    assert.deepEqual([await count('payment'), await count('payment_allocation')], before);
    assert.equal((await call('billing', 'GET', `/api/v1/invoices/${invoice.id}`)).json().status, 'open');
  });

  test('CSV import: one matched, one unmatched, one duplicate line; importing it again records nothing twice', async () => {
    const invoice = await invoiceFor('80.00');
    const csv = [
      'date,amount,currency,reference,transaction_id',
      `2026-11-20,100.00,USD,${invoice.structuredReference},CSV-1`, // 20.00 over-paid: credit
      '2026-11-20,12.00,USD,RF18539007547034,CSV-2', // a valid reference no invoice has
      `2026-11-20,100.00,USD,${invoice.structuredReference},CSV-1`, // the bank sent the line twice
    ].join('\n');
    const first = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'csv', content: csv });
    assert.equal(first.statusCode, 200, JSON.stringify(first.json()));
    assert.deepEqual(
      (first.json().lines as { line: number; outcome: string; reason?: string; allocation?: string }[]).map((line) => [
        line.line,
        line.outcome,
        line.reason ?? line.allocation,
      ]),
      [
        [2, 'matched', 'overpayment'],
        [3, 'unmatched', 'payment_unmatched'],
        [4, 'duplicate', undefined],
      ],
    );
    const payments = await count('payment');
    const second = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'csv', content: csv });
    assert.deepEqual([second.json().matched, second.json().unmatched, second.json().duplicates], [0, 1, 2]);
    assert.equal(await count('payment'), payments, 'no double payment');
    const paid = await call('customer', 'GET', `/api/v1/invoices/${invoice.id}`);
    assert.deepEqual([paid.json().status, paid.json().paid], ['paid', { amount: '80.00', currency: 'USD' }]);

    const broken = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'csv', content: `${csv}\n2026-13-01,1.00,USD,x,CSV-9` });
    assert.equal(broken.statusCode, 422);
    assert.deepEqual(
      broken.json().errors?.map((error) => `${error.field} ${error.code}`),
      ['body.content.line.5 invalid_date'],
    );
    assert.equal(await count('payment'), payments);
  });

  test('CAMT.053 import: the structured credit is matched, free text is not, the bank charge is skipped', async () => {
    const invoice = await invoiceFor('120.00');
    const xml = CAMT053_SAMPLE.replace('RF18539007547034', invoice.structuredReference);
    const report = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'camt053', content: xml });
    assert.equal(report.statusCode, 200, JSON.stringify(report.json()));
    assert.deepEqual([report.json().matched, report.json().unmatched, report.json().duplicates, report.json().skipped], [1, 1, 0, 1]);
    assert.equal((await call('billing', 'GET', `/api/v1/invoices/${invoice.id}`)).json().status, 'paid');
    const again = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'camt053', content: xml });
    assert.deepEqual([again.json().matched, again.json().duplicates], [0, 1]);
    const notXml = await call('billing', 'POST', '/api/v1/bank-statements', { format: 'camt053', content: '<Document>' });
    assert.equal(notXml.json().code, 'statement_invalid');
  });

  test('JPF-CANCEL-3: a refund is its own billing transaction, payable until marked paid, never more than was paid', async () => {
    const policyId = newId();
    const invoice = await invoiceFor('200.00', policyId, 'JP-000777');
    await call('billing', 'POST', '/api/v1/payments', { reference: invoice.structuredReference, amount: '200.00', currency: 'USD', receivedOn: '2026-11-21' });
    const refundFor = (amount: string) =>
      bezel.deps.db
        .transaction()
        .execute((trx) =>
          createRefund(
            { ...bezel.deps, db: trx },
            systemActor('policies-test'),
            { policyId, policyNumber: 'JP-000777', amount, currency: 'USD', reason: 'JPF-CANCEL-1 unearned premium' },
            SYSTEM_ORIGIN,
          ),
        );
    await assert.rejects(refundFor('200.01'), (error: { code?: string }) => error.code === 'refund_exceeds_paid');
    const refund = await refundFor('150.00');
    await assert.rejects(refundFor('50.01'), (error: { code?: string }) => error.code === 'refund_exceeds_paid', 'with the first refund, only 50.00 is left');

    const listed = await call('customer', 'GET', '/api/v1/refunds?status=payable');
    assert.deepEqual(
      (listed.json().items as { id: string; amount: unknown; status: string }[]).map((item) => [item.id, item.amount, item.status]),
      [[refund.id, { amount: '150.00', currency: 'USD' }, 'payable']],
    );
    assert.deepEqual((await call('other', 'GET', '/api/v1/refunds')).json().items, []);
    assert.deepEqual((await call('customer', 'GET', `/api/v1/billing/policies/${policyId}/balance`)).json().refundsPayable, {
      amount: '150.00',
      currency: 'USD',
    });
    assert.equal((await call('customer', 'POST', `/api/v1/refunds/${refund.id}/paid`, { paidOn: '2026-11-22' })).statusCode, 403);
    assert.equal((await call('auditor', 'POST', `/api/v1/refunds/${refund.id}/paid`, { paidOn: '2026-11-22' })).statusCode, 403, 'auditors read only');

    const paid = await call('billing', 'POST', `/api/v1/refunds/${refund.id}/paid`, { paidOn: '2026-11-22', paymentReference: 'OUT-1' });
    assert.equal(paid.statusCode, 200, JSON.stringify(paid.json()));
    assert.deepEqual([paid.json().status, paid.json().paidOn, paid.json().paidReference], ['paid', '2026-11-22', 'OUT-1']);
    assert.equal((await call('billing', 'POST', `/api/v1/refunds/${refund.id}/paid`, { paidOn: '2026-11-23' })).json().code, 'refund_already_paid');
    assert.deepEqual((await call('customer', 'GET', `/api/v1/billing/policies/${policyId}/balance`)).json().refundsPayable, {
      amount: '0.00',
      currency: 'USD',
    });
    const audit = await bezel.deps.db.selectFrom('audit_event').select('action').where('subject_id', '=', refund.id).orderBy('id').execute();
    assert.deepEqual(
      audit.map((event) => event.action),
      ['refund.created', 'refund.paid'],
    );
  });
});
