import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';
import { pageViewCounterOf } from '../use-cases/page-statistics.ts';

/**
 * PRV-COOKIE-1, PRV-CHANGE-1, PRV-BEACON-1 and Global Privacy Control, through HTTP on a real
 * database: the banner, the stored proof, the cookies a browser is given, the notice and the counts.
 */
let bezel: TestBezel;
const CSRF_COOKIE = 'c'.repeat(43);
let csrf = '';

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  csrf = csrfTokenFor(bezel.deps.appSecret, CSRF_COOKIE);
});
after(async () => bezel.close());

type Injected = Awaited<ReturnType<TestBezel['app']['inject']>>;

function page(url: string, cookie = '', headers: Record<string, string> = {}): Promise<Injected> {
  return bezel.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: `bezel_csrf=${CSRF_COOKIE}; ${cookie}`, ...headers } });
}

function choose(fields: Record<string, string | string[]>, cookie = '', headers: Record<string, string> = {}): Promise<Injected> {
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return bezel.app.inject({
    method: 'POST',
    url: '/cookies/consent',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `bezel_csrf=${CSRF_COOKIE}; ${cookie}`,
      'user-agent': 'TestBrowser/1.0',
      ...headers,
    },
    remoteAddress: '203.0.113.77',
    payload: body.toString(),
  });
}

function setCookie(response: Injected, name: string) {
  return response.cookies.find((cookie) => cookie.name === name);
}

async function proofs(consentId: string) {
  return bezel.deps.db.selectFrom('cookie_consent').selectAll().where('consent_id', '=', consentId).orderBy('recorded_at').orderBy('id').execute();
}

describe('cookie banner (PRV-COOKIE-1)', () => {
  test('PRV-COOKIE-1: a first visit shows the banner, Refuse as easy as Accept, a settings link, and only functional cookies', async () => {
    const response = await page('/privacy');
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /class="cookie-banner"/);
    const accept = /<button[^>]*value="accept_all"[^>]*>/.exec(html)?.[0];
    const refuse = /<button[^>]*value="refuse_all"[^>]*>/.exec(html)?.[0];
    assert.ok(accept && refuse);
    // Same element, same class: the same size and the same level.
    assert.equal(accept.replace('accept_all', 'X'), refuse.replace('refuse_all', 'X'));
    assert.match(html, /href="\/cookies\?returnTo=%2Fprivacy"[^>]*>Choose</);
    assert.match(html, /<footer[\s\S]*href="\/cookies\?returnTo=%2Fprivacy">Cookie settings</);
    assert.deepEqual(
      response.cookies.map((cookie) => cookie.name),
      [],
      'nothing beyond the functional CSRF cookie the browser already has',
    );
  });

  test('PRV-COOKIE-1: refusing is stored as proof (version, categories, method, masked IP, user agent) and sets no analytics cookie', async () => {
    const refused = await choose({ choice: 'refuse_all', returnTo: '/privacy?x=1' });
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/privacy?x=1');
    assert.equal(setCookie(refused, 'bezel_analytics'), undefined);
    const consent = setCookie(refused, 'bezel_consent');
    assert.ok(consent);
    assert.equal(consent.httpOnly, true);
    const consentId = consent.value.split('.')[0] ?? '';
    const [proof, ...more] = await proofs(consentId);
    assert.equal(more.length, 0);
    assert.deepEqual(
      { version: proof?.notice_version, analytics: proof?.analytics, advertising: proof?.advertising, method: proof?.method, gpc: proof?.gpc },
      { version: 1, analytics: false, advertising: false, method: 'refuse_all', gpc: false },
    );
    assert.equal(proof?.masked_ip, '203.0.113.0', 'IPv4: the last octet zeroed');
    assert.equal(proof?.user_agent, 'TestBrowser/1.0');
    assert.equal(proof?.user_id, null);
    assert.equal(proof?.recorded_at, '2026-11-21T12:00:00Z');
    const audit = await bezel.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('subject_id', '=', proof?.id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal((audit.details as { method: string }).method, 'refuse_all');
    // The next page has no banner, but still the settings link.
    const next = await page('/privacy', `bezel_consent=${consent.value}`);
    assert.doesNotMatch(next.body, /class="cookie-banner"/);
    assert.match(next.body, />Cookie settings</);
    assert.equal(setCookie(next, 'bezel_analytics'), undefined);
  });

  test('PRV-COOKIE-1: analytics chosen per category sets the analytics cookie; changing one’s mind removes it; proofs share the consent id', async () => {
    const chosen = await choose({ choice: 'custom', categories: ['analytics'], returnTo: '/cookies' });
    assert.equal(chosen.statusCode, 303);
    const analytics = setCookie(chosen, 'bezel_analytics');
    assert.ok(analytics?.value, 'analytics accepted: the analytics cookie is set');
    const consent = setCookie(chosen, 'bezel_consent');
    assert.ok(consent);
    const settings = await page('/cookies', `bezel_consent=${consent.value}`);
    assert.match(settings.body, /value="analytics"[^>]*checked/);
    assert.doesNotMatch(settings.body, /value="advertising"[^>]*checked/);
    bezel.clock.advance({ seconds: 1 });
    const refused = await choose({ choice: 'refuse_all', returnTo: '/' }, `bezel_consent=${consent.value}; bezel_analytics=${analytics.value}`);
    const cleared = setCookie(refused, 'bezel_analytics');
    assert.ok(
      cleared && (cleared.value === '' || (cleared.expires !== undefined && cleared.expires.getTime() <= Date.now())),
      'the analytics cookie is removed',
    );
    const consentId = consent.value.split('.')[0] ?? '';
    const all = await proofs(consentId);
    assert.deepEqual(
      all.map((proof) => [proof.method, proof.analytics, proof.advertising]),
      [
        ['custom', true, false],
        ['refuse_all', false, false],
      ],
    );
  });

  test('PRV-COOKIE-1: a choice without the CSRF token is refused and nothing is stored', async () => {
    const before = await bezel.deps.db
      .selectFrom('cookie_consent')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const forged = await bezel.app.inject({
      method: 'POST',
      url: '/cookies/consent',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `bezel_csrf=${CSRF_COOKIE}` },
      payload: 'choice=accept_all&returnTo=%2F',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(setCookie(forged, 'bezel_analytics'), undefined);
    const afterwards = await bezel.deps.db
      .selectFrom('cookie_consent')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterwards.n, before.n);
  });

  test('PRV-COOKIE-1: a forged consent cookie counts as no answer; an outside return address is not followed', async () => {
    const forged = await page('/privacy', `bezel_consent=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.1.11.${'A'.repeat(22)}`);
    assert.match(forged.body, /class="cookie-banner"/);
    assert.equal(setCookie(forged, 'bezel_analytics'), undefined);
    const away = await choose({ choice: 'accept_all', returnTo: '//evil.example/' });
    assert.equal(away.headers.location, '/');
  });

  test('PRV-COOKIE-1: a logged-in user’s choice names the user', async () => {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail('customer'), password: DEMO_PASSWORD } });
    const session = setCookie(login, 'bezel_session');
    assert.ok(session);
    const chosen = await choose({ choice: 'accept_all', returnTo: '/portal' }, `bezel_session=${session.value}`);
    assert.equal(chosen.statusCode, 303);
    const consentId = setCookie(chosen, 'bezel_consent')?.value.split('.')[0] ?? '';
    const [proof] = await proofs(consentId);
    const user = await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('customer')).executeTakeFirstOrThrow();
    assert.equal(proof?.user_id, user.id);
    assert.equal(proof?.method, 'accept_all');
  });
});

describe('Global Privacy Control', () => {
  test('PRV-COOKIE-1: Sec-GPC: 1 is recorded once as a refusal (method gpc), without a banner', async () => {
    const first = await page('/privacy', '', { 'sec-gpc': '1' });
    assert.doesNotMatch(first.body, /class="cookie-banner"/);
    const consent = setCookie(first, 'bezel_consent');
    assert.ok(consent);
    assert.equal(setCookie(first, 'bezel_analytics'), undefined);
    const consentId = consent.value.split('.')[0] ?? '';
    const again = await page('/privacy', `bezel_consent=${consent.value}`, { 'sec-gpc': '1' });
    assert.equal(setCookie(again, 'bezel_consent'), undefined, 'recorded once');
    const all = await proofs(consentId);
    assert.deepEqual(
      all.map((proof) => [proof.method, proof.analytics, proof.advertising, proof.gpc]),
      [['gpc', false, false, true]],
    );
  });

  test('PRV-COOKIE-1: with GPC on, even "Accept all" leaves analytics and advertising off', async () => {
    const chosen = await choose({ choice: 'accept_all', returnTo: '/' }, '', { 'sec-gpc': '1' });
    assert.equal(setCookie(chosen, 'bezel_analytics'), undefined);
    const consentId = setCookie(chosen, 'bezel_consent')?.value.split('.')[0] ?? '';
    const [proof] = await proofs(consentId);
    assert.deepEqual([proof?.method, proof?.analytics, proof?.advertising, proof?.gpc], ['accept_all', false, false, true]);
  });

  test('PRV-COOKIE-1: /.well-known/gpc.json says GPC is supported', async () => {
    const response = await bezel.app.inject({ method: 'GET', url: '/.well-known/gpc.json' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = response.json() as { gpc: boolean; lastUpdate: string };
    assert.equal(body.gpc, true);
    assert.match(body.lastUpdate, /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('privacy notice versions (PRV-CHANGE-1)', () => {
  test('PRV-CHANGE-1: /privacy shows the notice in force and its history; a new version asks again and the proof names it', async () => {
    const answered = await choose({ choice: 'refuse_all', returnTo: '/privacy' });
    const consent = setCookie(answered, 'bezel_consent');
    assert.ok(consent);
    const v1 = await page('/privacy', `bezel_consent=${consent.value}`);
    assert.match(v1.body, /Version 1, published 2026-01-01/);
    assert.doesNotMatch(v1.body, /class="cookie-banner"/);

    await bezel.deps.db
      .insertInto('privacy_notice_version')
      .values({
        version: 2,
        published_on: '2026-11-21',
        summary_en: 'Summary two.',
        summary_nl: 'Samenvatting twee.',
        changes_en: 'Added satisfaction surveys.',
        changes_nl: 'Tevredenheidsonderzoeken toegevoegd.',
      })
      .execute();
    try {
      const v2 = await page('/privacy', `bezel_consent=${consent.value}`);
      assert.match(v2.body, /Version 2, published 2026-11-21/);
      assert.match(v2.body, /Added satisfaction surveys\./);
      assert.match(v2.body, /First version of this privacy notice\./, 'the history keeps version 1');
      assert.match(v2.body, /class="cookie-banner"/, 'the banner asks again');
      assert.match(v2.body, /Our privacy notice has changed/);
      bezel.clock.advance({ seconds: 1 });
      const again = await choose({ choice: 'refuse_all', returnTo: '/privacy' }, `bezel_consent=${consent.value}`);
      const consentId = consent.value.split('.')[0] ?? '';
      assert.deepEqual(
        (await proofs(consentId)).map((proof) => proof.notice_version),
        [1, 2],
      );
      const next = await page('/privacy', `bezel_consent=${setCookie(again, 'bezel_consent')?.value}`);
      assert.doesNotMatch(next.body, /class="cookie-banner"/);
      const api = await bezel.app.inject({ method: 'GET', url: '/api/v1/privacy/notice', headers: { 'accept-language': 'nl' } });
      assert.equal((api.json() as { current: { version: number; changes: string } }).current.changes, 'Tevredenheidsonderzoeken toegevoegd.');
    } finally {
      await bezel.deps.db.deleteFrom('cookie_consent').where('notice_version', '=', 2).execute();
      await bezel.deps.db.deleteFrom('privacy_notice_version').where('version', '=', 2).execute();
    }
  });
});

describe('publishing a notice version (PRV-CHANGE-1)', () => {
  test('PRV-CHANGE-1: a privacy officer publishes a version for a date; from that date the banner asks again', async () => {
    const login = async (role: 'customer' | 'privacy_officer') => {
      const response = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(role), password: DEMO_PASSWORD } });
      return `bezel_session=${setCookie(response, 'bezel_session')?.value}; bezel_csrf=${CSRF_COOKIE}`;
    };
    const texts = {
      summaryEn: 'Summary three.',
      summaryNl: 'Samenvatting drie.',
      changesEn: 'Surveys by an outside firm.',
      changesNl: 'Onderzoeken door een extern bureau.',
    };
    const publish = async (cookie: string, publishedOn: string) =>
      bezel.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/notice-versions',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { publishedOn, ...texts },
      });
    assert.equal((await publish(await login('customer'), '2026-12-01')).statusCode, 403);
    const officer = await login('privacy_officer');
    const past = await publish(officer, '2026-11-20');
    assert.equal(past.statusCode, 422);
    assert.equal((past.json() as { code: string }).code, 'notice_version_invalid');
    const published = await publish(officer, '2026-12-01');
    assert.equal(published.statusCode, 201, published.body);
    assert.deepEqual(published.json(), { version: 2 });

    const answered = setCookie(await choose({ choice: 'refuse_all', returnTo: '/' }), 'bezel_consent');
    assert.ok(answered);
    const before = await page('/privacy', `bezel_consent=${answered.value}`);
    assert.match(before.body, /Version 1, published/, 'not in force before its date');
    assert.doesNotMatch(before.body, /class="cookie-banner"/);
    const now = bezel.clock.now();
    bezel.clock.set('2026-12-01T12:00:00Z');
    try {
      const after = await page('/privacy', `bezel_consent=${answered.value}`);
      assert.match(after.body, /Version 2, published 2026-12-01/);
      assert.match(after.body, /class="cookie-banner"/, 'the banner asks again');
    } finally {
      bezel.clock.set(now);
    }
  });
});

describe('page statistics (PRV-BEACON-1)', () => {
  test('PRV-BEACON-1: page views are counted per route pattern per day, with no identifier, cookie or IP', async () => {
    const countOf = async (path: string) => {
      // Views are written every few seconds (PageViewCounter); the statistics page flushes first, as here.
      await pageViewCounterOf(bezel.deps).flush();
      return Number(
        (await bezel.deps.db.selectFrom('page_view_count').select('views').where('day', '=', '2026-11-21').where('path', '=', path).executeTakeFirst())
          ?.views ?? 0,
      );
    };
    const before = await countOf('/cookies');
    await page('/cookies');
    await page('/cookies?returnTo=%2Fsecret-query');
    assert.equal(await countOf('/cookies'), before + 2);
    // API calls are no page views.
    await bezel.app.inject({ method: 'GET', url: '/api/v1/privacy/notice' });
    const columns = await bezel.deps.db.selectFrom('page_view_count').selectAll().limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(columns).sort(), ['day', 'path', 'views']);
    const paths = await bezel.deps.db.selectFrom('page_view_count').select('path').execute();
    assert.ok(
      paths.every((row) => !row.path.includes('?')),
      'no query strings',
    );
  });

  test('PRV-BEACON-1: the counts are shown to privacy officers, not to customers', async () => {
    const login = async (role: 'customer' | 'privacy_officer') => {
      const response = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(role), password: DEMO_PASSWORD } });
      return `bezel_session=${setCookie(response, 'bezel_session')?.value}`;
    };
    const officer = await page('/backoffice/privacy/page-statistics', await login('privacy_officer'));
    assert.equal(officer.statusCode, 200);
    assert.match(officer.body, /<code>\/cookies<\/code>/);
    const customer = await page('/backoffice/privacy/page-statistics', await login('customer'));
    assert.equal(customer.statusCode, 403);
    const api = await bezel.app.inject({ method: 'GET', url: '/api/v1/privacy/page-statistics?days=7', headers: { cookie: await login('privacy_officer') } });
    assert.equal(api.statusCode, 200);
    const body = api.json() as { from: string; to: string; counts: { path: string; views: number }[] };
    assert.equal(body.from, '2026-11-15');
    assert.equal(body.to, '2026-11-21');
    assert.ok(body.counts.some((row) => row.path === '/cookies' && row.views >= 2));
  });
});
