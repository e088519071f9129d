import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { DEMO_DEFINITION } from '../../products/index.ts';
import { getGoverningProductVersion } from '../index.ts';
import { type Json, usePolicyApiTest } from './policy-api-test-support.ts';

/**
 * Product revisions and liberalization (issue #3; JPF-COND-3) through HTTP: an underwriter publishes
 * product versions; a broadening one adopted during a policy's period governs it from the adoption
 * day, without a premium change; a non-broadening one leaves the sold version. One Bezel for the
 * file, so the tests run in order: bad input first (nothing written), then the revisions, then the pages.
 */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
const db = () => policyTest.bezel.deps.db;

const versionsUrl = '/api/v1/products/jewelry/versions';
// The broadened terms: a higher limit per item and a coverage for mysterious disappearance.
const broadened = {
  ...DEMO_DEFINITION,
  maxItemCoverage: '2000000.00',
  coverages: [
    ...DEMO_DEFINITION.coverages,
    { code: 'mysterious_disappearance', label: { en: 'Mysterious disappearance', nl: 'Onverklaarbare vermissing' }, clause: 'Broadened' },
  ],
};
const publishedCount = async () => (await db().selectFrom('audit_event').select('id').where('action', '=', 'product_version.published').execute()).length;
const versionCount = async () => (await db().selectFrom('product_version').select('id').execute()).length;

// 2027-01-15 10:00 in New York: day 46 of the period 2026-12-01 … 2027-11-30.
const JANUARY_15 = '2027-01-15T15:00:00Z';

let policyId = '';

describe('product revisions and liberalization (JPF-COND-3)', () => {
  test('JPF-COND-3: bad revisions are refused with clear errors and nothing is written', async () => {
    const before = { versions: await versionCount(), audits: await publishedCount() };
    const valid = { definition: broadened, effectiveFrom: '2027-01-01', broadening: true, adoptedOn: '2026-11-21' };
    const cases: [label: string, who: 'customer' | 'underwriter', url: string, body: unknown, status: number, code: string][] = [
      ['a customer', 'customer', versionsUrl, valid, 403, 'forbidden'],
      ['an unknown product', 'underwriter', '/api/v1/products/no-such-product/versions', valid, 404, 'not_found'],
      ['no broadening flag', 'underwriter', versionsUrl, { ...valid, broadening: undefined }, 400, 'validation_failed'],
      ['a malformed adoption date', 'underwriter', versionsUrl, { ...valid, adoptedOn: '2026-02-30' }, 400, 'validation_failed'],
      ['a definition that is not an object', 'underwriter', versionsUrl, { ...valid, definition: 'ring' }, 400, 'validation_failed'],
      ['broadening without the adoption date', 'underwriter', versionsUrl, { ...valid, adoptedOn: undefined }, 422, 'product_version_invalid'],
      ['an adoption date after today (2026-11-21)', 'underwriter', versionsUrl, { ...valid, adoptedOn: '2026-11-22' }, 422, 'product_version_invalid'],
      ['an effective date before today', 'underwriter', versionsUrl, { ...valid, effectiveFrom: '2026-11-20' }, 422, 'product_version_invalid'],
      [
        'an effective date not after version 1 (2026-01-01)',
        'underwriter',
        versionsUrl,
        { ...valid, effectiveFrom: '2026-01-01' },
        422,
        'product_version_invalid',
      ],
      ['an invalid definition', 'underwriter', versionsUrl, { ...valid, definition: { ...broadened, itemCategories: [] } }, 422, 'product_version_invalid'],
    ];
    for (const [label, who, url, body, status, code] of cases) {
      const reply = await call(who, 'POST', url, body);
      assert.equal(reply.statusCode, status, `${label}: ${JSON.stringify(reply.json())}`);
      assert.equal(reply.json().code, code, label);
    }

    // Every problem at once, each on its field: the definition's by its path inside the definition.
    const bad = await call('underwriter', 'POST', versionsUrl, {
      definition: { ...broadened, itemCategories: [], defaultDeductible: '300', jurisdictions: 'NY' },
      effectiveFrom: '2026-11-01',
      broadening: true,
    });
    assert.equal(bad.statusCode, 422);
    const fields = (bad.json().errors as Json[]).map((error) => `${error.field} ${error.code}`);
    assert.ok(fields.includes('body.definition.itemCategories invalid_definition'), fields.join('\n'));
    assert.ok(fields.includes('body.definition.jurisdictions invalid_definition'), fields.join('\n'));
    assert.ok(fields.includes('body.effectiveFrom effective_date_in_past'), fields.join('\n'));
    assert.ok(fields.includes('body.adoptedOn adopted_on_required'), fields.join('\n'));
    for (const error of bad.json().errors as Json[]) assert.ok(typeof error.message === 'string' && error.message.length > 10, JSON.stringify(error));

    assert.deepEqual({ versions: await versionCount(), audits: await publishedCount() }, before, 'nothing was written');
    const list = await call('underwriter', 'GET', versionsUrl);
    assert.deepEqual(
      (list.json().items as Json[]).map((version) => version.version),
      [1],
    );
    assert.equal((await call('customer', 'GET', versionsUrl)).statusCode, 403);
  });

  test('issue #3: a version whose categories or deductibles have no rate in the tables in force is refused, listing each missing rate, and nothing is published', async () => {
    const before = { versions: await versionCount(), audits: await publishedCount() };
    const unrated = {
      ...DEMO_DEFINITION,
      itemCategories: [...DEMO_DEFINITION.itemCategories, { code: 'brooch', label: { en: 'Brooch', nl: 'Broche' } }],
      deductibleOptions: [...DEMO_DEFINITION.deductibleOptions, '2500'],
    };
    const reply = await call('underwriter', 'POST', versionsUrl, { definition: unrated, effectiveFrom: '2027-01-01', broadening: false });
    assert.equal(reply.statusCode, 422, JSON.stringify(reply.json()));
    assert.equal(reply.json().code, 'product_version_invalid');
    const errors = reply.json().errors as Json[];
    // The demo tables (version 1, in force from 2026-01-01) rate the 7 demo categories and the 5 demo deductibles only.
    assert.deepEqual(
      errors.map((error) => `${error.field} ${error.code}`),
      ['body.definition rate_missing', 'body.definition rate_missing'],
    );
    assert.match(String(errors[0]?.message), /category_rate version 1 \(in force from 2026-01-01\) has no rate for "brooch"/);
    assert.match(String(errors[1]?.message), /deductible_factor version 1 \(in force from 2026-01-01\) has no rate for "2500.00"/);
    assert.deepEqual({ versions: await versionCount(), audits: await publishedCount() }, before, 'nothing was published');
  });

  test('JPF-COND-3: a broadening revision adopted during the period governs the policy from the adoption day, without extra premium; a non-broadening one leaves the sold version', async () => {
    const policy = await boundPolicy();
    policyId = policy.id;
    const asOf = async (date: string) => {
      const reply = await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=${date}`);
      assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
      return reply.json();
    };
    const sold = await asOf('2027-03-01');
    assert.equal(sold.productTerms.version, 1);
    assert.equal(sold.productTerms.basis, 'sold');
    assert.equal(sold.productTerms.adoptedOn, null);
    const soldVersionId = sold.productTerms.productVersionId as string;
    // JPF-COND-3 applies only while in force: one policy cancelled with effect 2027-01-10 and one voided, both before the
    // broadening revision below is adopted (2027-01-15).
    const cancelled = await boundPolicy();
    const cancellation = await call('customer', 'POST', `/api/v1/policies/${cancelled.id}/cancellation-requests`, { effectiveDate: '2027-01-10' });
    assert.equal(cancellation.json().status, 'executed', JSON.stringify(cancellation.json()));
    const voided = await boundPolicy();
    const voiding = await call('underwriter', 'POST', `/api/v1/policies/${voided.id}/void`, { category: 'fraud', reason: 'The appraisal was forged' });
    assert.equal(voiding.statusCode, 201, JSON.stringify(voiding.json()));

    policyTest.moveClockTo(JANUARY_15);
    // A revision that does not broaden coverage (a lower item limit): new quotes from 2027-02-01 only.
    const narrowing = await call('underwriter', 'POST', versionsUrl, {
      definition: { ...DEMO_DEFINITION, maxItemCoverage: '500000.00' },
      effectiveFrom: '2027-02-01',
      broadening: false,
    });
    assert.equal(narrowing.statusCode, 201, JSON.stringify(narrowing.json()));
    assert.deepEqual(
      { version: narrowing.json().version, status: narrowing.json().status, broadening: narrowing.json().broadening, adoptedOn: narrowing.json().adoptedOn },
      { version: 2, status: 'active', broadening: false, adoptedOn: null },
    );
    for (const date of ['2027-01-15', '2027-03-01', '2027-11-30'])
      assert.deepEqual((await asOf(date)).productTerms, { productVersionId: soldVersionId, version: 1, basis: 'sold', adoptedOn: null }, date);

    // A broadening revision adopted today (2027-01-15, during the period), sold to new customers from 2027-03-01.
    const body = { definition: broadened, effectiveFrom: '2027-03-01', broadening: true, adoptedOn: '2027-01-15' };
    const publish = () => callWithKey('underwriter-publish-v3', body);
    const first = await publish();
    assert.equal(first.statusCode, 201, first.body);
    const again = await publish();
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const v3 = JSON.parse(first.body) as Json;
    assert.equal(JSON.parse(again.body).id, v3.id, 'a retried publish publishes once');
    assert.deepEqual(
      { version: v3.version, broadening: v3.broadening, adoptedOn: v3.adoptedOn, effectiveFrom: v3.effectiveFrom },
      {
        version: 3,
        broadening: true,
        adoptedOn: '2027-01-15',
        effectiveFrom: '2027-03-01',
      },
    );
    assert.equal(await publishedCount(), 2);

    // The day before adoption: the terms as sold. From the adoption day: version 3, by liberalization.
    const dayBefore = await asOf('2027-01-14');
    assert.deepEqual(dayBefore.productTerms, { productVersionId: soldVersionId, version: 1, basis: 'sold', adoptedOn: null });
    for (const date of ['2027-01-15', '2027-03-01', '2027-11-30']) {
      const view = await asOf(date);
      assert.deepEqual(view.productTerms, { productVersionId: v3.id, version: 3, basis: 'liberalization', adoptedOn: '2027-01-15' }, date);
      // No extra premium: the term premium and the transactions are those of the sold policy.
      assert.deepEqual(view.termPremium, sold.termPremium);
      assert.deepEqual(view.termPremium, { amount: '53.13', currency: 'USD' });
      assert.equal(view.transactions.length, sold.transactions.length);
    }

    // Cancelled (effective 2027-01-10) or voided before the adoption day: the terms as sold, on every date.
    for (const ended of [cancelled.id, voided.id])
      for (const date of ['2027-01-09', '2027-01-15', '2027-03-01']) {
        const terms = await call('customer', 'GET', `/api/v1/policies/${ended}/as-of?date=${date}`);
        assert.deepEqual(terms.json().productTerms, { productVersionId: soldVersionId, version: 1, basis: 'sold', adoptedOn: null }, `${ended} ${date}`);
      }

    // The claims module's entry: the governing version with its (broadened) definition; out of reach is 404.
    const governing = await getGoverningProductVersion(policyTest.bezel.deps, systemActor('test'), policy.id, '2027-02-10');
    assert.equal(governing.version, 3);
    assert.equal(governing.basis, 'liberalization');
    assert.equal(governing.appliesFrom, '2027-01-15');
    assert.ok(governing.definition.coverages.some((coverage) => coverage.code === 'mysterious_disappearance'));
    await assert.rejects(getGoverningProductVersion(policyTest.bezel.deps, systemActor('test'), randomUUID(), '2027-02-10'), { code: 'not_found' });
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}/as-of?date=2027-02-10`)).statusCode, 404);

    // Versions take effect in the order of their numbers: the next one after 2027-03-01.
    const early = await call('underwriter', 'POST', versionsUrl, { definition: broadened, effectiveFrom: '2027-02-15', broadening: false });
    assert.equal(early.statusCode, 422);
    assert.deepEqual(
      (early.json().errors as Json[]).map((error) => error.code),
      ['effective_date_not_after_latest'],
    );
    const list = await call('underwriter', 'GET', versionsUrl);
    assert.deepEqual(
      (list.json().items as Json[]).map((version) => [version.version, version.broadening, version.adoptedOn]),
      [
        [3, true, '2027-01-15'],
        [2, false, null],
        [1, false, null],
      ],
    );
  });

  test('JPF-COND-3: the back office publishes a version from a form and shows the product terms of a policy', async () => {
    const session = await pageSession('underwriter');
    const page = await session('GET', '/backoffice/products/jewelry/versions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<textarea[^>]*name="definition"/);
    assert.match(page.body, /&quot;itemCategories&quot;|"itemCategories"/);
    assert.match(page.body, /Broadens coverage, adopted 2027-01-15/);

    // Broadening without the adoption date: the form again, with the error, and nothing saved.
    const before = await versionCount();
    const definition = JSON.stringify(broadened);
    const refused = await session('POST', '/backoffice/products/jewelry/versions', { definition, effectiveFrom: '2027-04-01', broadening: 'yes' });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /needs the date the insurer adopted it/);
    const notJson = await session('POST', '/backoffice/products/jewelry/versions', { definition: '{"itemCategories": [', effectiveFrom: '2027-04-01' });
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.body, /not valid JSON/);
    assert.equal(await versionCount(), before);

    const published = await session('POST', '/backoffice/products/jewelry/versions', { definition, effectiveFrom: '2027-04-01', adoptedOn: '' });
    assert.equal(published.statusCode, 303, published.body);
    assert.equal(published.headers.location, '/backoffice/products/jewelry/versions');
    const after = await session('GET', '/backoffice/products/jewelry/versions');
    assert.match(after.body, /Version 4 is published, in force from 2027-04-01/);

    // The policy 360 view: the sold version before the adoption, the broadening revision from it.
    const before360 = await session('GET', `/backoffice/policies/${policyId}?asOf=2027-01-14`);
    assert.equal(before360.statusCode, 200);
    assert.match(before360.body, /Product terms.*version 1 \(as sold\)/s);
    const view = await session('GET', `/backoffice/policies/${policyId}?asOf=2027-02-10`);
    assert.match(view.body, /Product terms.*version 3 \(liberalization, adopted 2027-01-15\)/s);

    // The link from the products page, for those who may publish.
    assert.match((await session('GET', '/backoffice/products')).body, /href="\/backoffice\/products\/jewelry\/versions"/);
    const customer = await pageSession('customer');
    assert.equal((await customer('GET', '/backoffice/products/jewelry/versions')).statusCode, 403);
  });
});

async function callWithKey(key: string, body: unknown) {
  const session = await pageSession('underwriter');
  return session('POST', versionsUrl, body, { 'idempotency-key': key, 'content-type': 'application/json' });
}

/** A logged-in session for pages (form posts) and raw API calls with extra headers. */
async function pageSession(role: 'underwriter' | 'customer') {
  const app = policyTest.bezel.app;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(role), password: DEMO_PASSWORD } });
  assert.equal(login.statusCode, 200, login.body);
  const csrfCookie = 'd'.repeat(43);
  // Cookies set by the answers (the flash message) go with the next request, as a browser's would.
  const jar = new Map([
    ['bezel_session', login.cookies.find((c) => c.name === 'bezel_session')?.value ?? ''],
    ['bezel_csrf', csrfCookie],
  ]);
  const csrf = csrfTokenFor(policyTest.bezel.deps.appSecret, csrfCookie);
  return async (method: 'GET' | 'POST', url: string, form?: unknown, headers: Record<string, string> = {}) => {
    const json = headers['content-type'] === 'application/json';
    const response = await app.inject({
      method,
      url,
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        'x-csrf-token': csrf,
        accept: json ? 'application/json' : 'text/html',
        ...(form !== undefined && !json && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      ...(form !== undefined && {
        payload: json ? JSON.stringify(form) : new URLSearchParams(form as Record<string, string>).toString(),
      }),
    });
    for (const set of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (set.value === '' || (set.maxAge !== undefined && set.maxAge <= 0)) jar.delete(set.name);
      else jar.set(set.name, set.value);
    }
    return response;
  };
}
