import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { enqueueJob, PermanentJobError } from '../../../platform/jobs/index.ts';
import { type Json, usePolicyApiTest } from '../../policies/http/policy-api-test-support.ts';
import { documentsJobHandlers, generateTransactionDocument, POLICY_TRANSACTION_DOCUMENT_JOB } from '../index.ts';
import { extractPdfText } from '../pdf-text-test-support.ts';

/**
 * JPF-COND-6 / JPF-CANCEL-2 through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL): a policy
 * transaction made through its endpoint, the `documents.policy_transaction` job (enqueued here as the policies
 * module enqueues it), the document listed with the policy's documents and its PDF text checked against a golden file.
 */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
afterEach(() => policyTest.moveClockTo('2026-11-21T12:00:00Z'));

const golden = (name: string) => new URL(`../domain/golden/${name}.txt`, import.meta.url);

async function documentOfTransaction(policyId: string, transactionId: string) {
  const { bezel } = policyTest;
  const payload = { policyId, transactionId };
  await enqueueJob(
    bezel.deps.db,
    { kind: POLICY_TRANSACTION_DOCUMENT_JOB, payload, dedupeKey: `${POLICY_TRANSACTION_DOCUMENT_JOB}:${transactionId}` },
    bezel.deps.clock,
  );
  await bezel.runJobs();
  const listed = await call('customer', 'GET', `/api/v1/policies/${policyId}/documents`);
  assert.equal(listed.statusCode, 200, JSON.stringify(listed.json()));
  const documents = (listed.json().items as Json[]).filter((document) => document.policyTransactionId === transactionId);
  assert.equal(documents.length, 1, 'one document per transaction');
  const [document] = documents;
  assert.ok(document);
  const pdf = await policyTest.bezel.app.inject({ method: 'GET', url: document.contentUrl as string, headers: { cookie: '' } });
  assert.equal(pdf.statusCode, 401, 'anonymous callers do not get it');
  return document;
}

async function pdfText(url: string, policyNumber: string): Promise<string> {
  const reply = (await call('customer', 'GET', url)) as unknown as { statusCode: number; rawPayload: Buffer; headers: Record<string, string> };
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['content-type'], 'application/pdf');
  // The policy number comes from a sequence; the golden file names it POLICY-NUMBER.
  return extractPdfText(reply.rawPayload).replaceAll(policyNumber, 'POLICY-NUMBER');
}

function checkGolden(name: string, text: string) {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
  assert.equal(text, readFileSync(golden(name), 'utf8'));
}

describe('policy transaction documents through the API', () => {
  test('JPF-COND-6: a newly purchased item gets its written document (golden file), listed with the policy’s transactions and documents', async () => {
    const policy = await boundPolicy();
    await policyTest.bezel.runJobs(); // the declarations page
    policyTest.moveClockTo('2027-01-31T17:00:00Z');
    const added = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, {
      description: 'Gold bracelet, 18 ct',
      category: 'bracelet',
      coverageAmount: '1000.00',
      purchaseDate: '2027-01-01',
      receiptReceivedOn: '2027-01-20',
      appraisalReceivedOn: '2027-01-20',
      keptInSafe: false,
    });
    assert.equal(added.statusCode, 201, JSON.stringify(added.json()));
    const transactionId = added.json().transactionId as string;

    const listed = await call('customer', 'GET', `/api/v1/policies/${policy.id}/transactions`);
    assert.equal(listed.statusCode, 200, JSON.stringify(listed.json()));
    const items = listed.json().items as Json[];
    assert.deepEqual(
      items.map((t) => [t.sequenceNo, t.kind, t.effectiveDate, t.premiumChange.amount]),
      [
        [1, 'issue', '2026-12-01', '53.13'],
        // 9.66 × 334 / 365 = 8.8395… → 8.84 (new-purchase-api.test.ts)
        [2, 'new_purchase', '2027-01-01', '8.84'],
      ],
    );
    assert.equal(items[1]?.recordedAt, '2027-01-31T17:00:00Z');
    assert.equal(items[1]?.itemChanges[0].item.coverageAmount, '1000.00');
    const one = await call('customer', 'GET', `/api/v1/policies/${policy.id}/transactions/${transactionId}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().id, transactionId);
    // Out of reach or not the policy's: 404; not a UUID: 400.
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}/transactions`)).statusCode, 404);
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}/transactions/${transactionId}`)).statusCode, 404);
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}/transactions/${policy.id}`)).statusCode, 404);
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}/transactions/nope`)).statusCode, 400);

    const document = await documentOfTransaction(policy.id, transactionId);
    assert.equal(document.kind, 'policy_change');
    assert.equal(document.locale, 'en');
    checkGolden('api-new-purchase-en', await pdfText(document.contentUrl, policy.policyNumber));
    assert.equal((await call('customer3', 'GET', document.contentUrl)).statusCode, 404);

    // A rerun (the job again, or the use case) answers the same document: same hash, still one.
    const again = await generateTransactionDocument(policyTest.bezel.deps, systemActor('test'), policy.id, transactionId);
    assert.equal(again.id, document.id);
    assert.equal(again.sha256, document.sha256);
    const rows = await policyTest.bezel.deps.db.selectFrom('document').select('id').where('policy_transaction_id', '=', transactionId).execute();
    assert.equal(rows.length, 1);
  });

  test('JPF-CANCEL-2 / JPF-COND-2: the insurer’s cancellation makes the notice addressed to the declarations address (golden file)', async () => {
    const policy = await boundPolicy();
    // Notice today 2026-11-21 in New York; NY: 15 days → effective 2026-12-06 (cancellation-api.test.ts).
    const done = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/insurer-cancellation`, {
      effectiveDate: '2026-12-06',
      reason: 'Material misrepresentation',
    });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    const transactionId = done.json().transactionId as string;
    const transaction = await call('customer', 'GET', `/api/v1/policies/${policy.id}/transactions/${transactionId}`);
    assert.deepEqual(transaction.json().insurerNotice, {
      date: '2026-11-21',
      days: 15,
      source: 'state_rule',
      state: 'NY',
      earliestEffectiveDate: '2026-12-06',
      mailedAt: '2026-11-21T12:00:00Z',
      name: 'Carla Customer',
      address: '1 Main Street, New York, NY 10001, US',
    });

    const document = await documentOfTransaction(policy.id, transactionId);
    assert.equal(document.kind, 'cancellation_notice');
    const text = await pdfText(document.contentUrl, policy.policyNumber);
    for (const line of ['To | Carla Customer', 'Mailing address | 1 Main Street, New York, NY 10001, US', 'Notice period | 15 days', 'Refund | $52.40'])
      assert.ok(text.includes(line), `expected "${line}" in\n${text}`);
    checkGolden('api-cancellation-notice-en', text);
  });

  test('a malformed payload or a transaction of another policy is a permanent job failure, and nothing is stored', async () => {
    const handler = documentsJobHandlers(policyTest.bezel.deps)[POLICY_TRANSACTION_DOCUMENT_JOB];
    assert.ok(handler);
    const context = {} as Parameters<typeof handler>[1];
    await assert.rejects(handler({ policyId: 42 }, context), PermanentJobError);
    const policy = await boundPolicy();
    const other = await boundPolicy();
    const [issue] = (await call('customer', 'GET', `/api/v1/policies/${other.id}/transactions`)).json().items as Json[];
    assert.ok(issue);
    await assert.rejects(handler({ policyId: policy.id, transactionId: '0190a000-0000-7000-8000-00000000beef' }, context), PermanentJobError);
    const before = await policyTest.bezel.deps.db.selectFrom('document').select('id').where('policy_id', '=', policy.id).execute();
    await assert.rejects(handler({ policyId: policy.id, transactionId: issue.id }, context), PermanentJobError);
    const after = await policyTest.bezel.deps.db.selectFrom('document').select('id').where('policy_id', '=', policy.id).execute();
    assert.equal(after.length, before.length);
  });
});
