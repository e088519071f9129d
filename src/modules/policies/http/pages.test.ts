import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';

/**
 * The policies pages through HTTP, as a browser uses them: urlencoded forms with the CSRF field,
 * cookies kept between requests, redirects followed by hand (issue #3, "Screens and API").
 */
let bezel: TestBezel;

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z (07:00 in New York)
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  await createUser(
    bezel.deps,
    systemActor('test'),
    { email: 'dora.other@example.com', displayName: 'Dora Other', roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
    SYSTEM_ORIGIN,
  );
});
after(async () => bezel.close());

type Page = { status: number; body: string; location: string | undefined };
type InjectedCookie = { name: string; value: string; maxAge?: number; expires?: Date };

/** A tiny browser: a cookie jar and the CSRF token of the last page. */
class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly ip: string) {}

  private keep(response: { cookies: InjectedCookie[] }): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}): Promise<Page> {
    const response = await bezel.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(this.cookies.size > 0 && { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }),
        ...(payload !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      ...(payload !== undefined && { payload }),
    });
    this.keep(response as unknown as { cookies: InjectedCookie[] });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (csrf) this.csrf = csrf;
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined };
  }

  get(url: string): Promise<Page> {
    return this.send('GET', url);
  }

  post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams({ ...form, _csrf: this.csrf });
    return this.send('POST', url, body.toString(), headers);
  }

  async logIn(email: string): Promise<void> {
    await this.get('/login');
    const page = await this.post('/login', { email, password: DEMO_PASSWORD });
    assert.equal(page.status, 303, page.body);
  }
}

let ipCounter = 10;
async function loggedIn(email: string): Promise<Browser> {
  ipCounter += 1;
  const browser = new Browser(`10.0.1.${ipCounter}`);
  await browser.logIn(email);
  return browser;
}

/** Carla's ring and a pair of pearl earrings in New York with a $250 deductible, as the API test has them. */
const QUOTE = {
  'namedInsureds.0': 'Carla Customer',
  street: '1 Main Street',
  city: 'New York',
  state: 'NY',
  postalCode: '10001',
  deductible: '250',
  'items.0.description': 'Diamond engagement ring, 1 ct, platinum',
  'items.0.category': 'ring',
  'items.0.coverageAmount': '5000.00',
  'items.0.appraisalDate': '2026-10-01',
  'items.0.giftOrEngagementRing': 'yes',
  'items.0.possessor': 'Carla Customer',
  'items.1.description': 'Pearl stud earring, left',
  'items.1.category': 'earrings',
  'items.1.coverageAmount': '1500.00',
  'items.1.appraisalDate': '2026-10-01',
  'items.1.setId': 'pearls',
  'items.2.description': 'Pearl stud earring, right',
  'items.2.category': 'earrings',
  'items.2.coverageAmount': '1500.00',
  'items.2.appraisalDate': '2026-10-01',
  'items.2.setId': 'pearls',
};

async function countRows(table: 'application' | 'policy'): Promise<number> {
  const row = await bezel.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('portal: quote, bind, policy', () => {
  let policyPath = '';

  test('a customer quotes a ring and a pair of earrings without JavaScript, sees the premium 82.11, binds and sees the schedule', async () => {
    const carla = await loggedIn(demoEmail('customer'));
    const form = await carla.get('/portal/quote');
    assert.equal(form.status, 200);
    assert.match(form.body, /hx-post="\/portal\/quote\/premium"/, 'the instant premium panel re-rates with htmx');
    assert.match(form.body, /<option value="earrings">Earrings<\/option>/);

    // The htmx fragment: ring 53.13 + 2 × 14.49 = 82.11 (see policies-api.test.ts for the arithmetic).
    const fragment = await carla.post('/portal/quote/premium', QUOTE, { 'hx-request': 'true' });
    assert.equal(fragment.status, 200);
    assert.doesNotMatch(fragment.body, /<html/, 'a fragment, not a page');
    assert.match(fragment.body, /Annual premium: \$82\.11/);

    const applied = await carla.post('/portal/quote', QUOTE);
    assert.equal(applied.status, 303, applied.body);
    assert.match(applied.location ?? '', /^\/portal\/applications\/[0-9a-f-]{36}$/);
    const application = await carla.get(applied.location ?? '');
    assert.equal(application.status, 200);
    const shown = text(application.body);
    assert.match(shown, /Status Approved/);
    assert.match(shown, /\$82\.11/);
    assert.match(shown, /How the premium is calculated/);
    assert.match(shown, /\$53\.13/, 'the worksheet shows the ring’s premium');

    const bindPath = /action="(\/portal\/applications\/[^"]+\/bind)"/.exec(application.body)?.[1];
    assert.ok(bindPath, 'an approved application offers to bind');
    const tooEarly = await carla.post(bindPath, { inceptionDate: '2026-11-01' });
    assert.equal(tooEarly.status, 422, 'a start in the past is refused on the form');
    assert.match(tooEarly.body, /cannot start before today/);

    const bound = await carla.post(bindPath, { inceptionDate: '2026-12-01' });
    assert.equal(bound.status, 303, bound.body);
    policyPath = bound.location ?? '';
    assert.match(policyPath, /^\/portal\/policies\/[0-9a-f-]{36}$/);
    const policy = await carla.get(policyPath);
    assert.equal(policy.status, 200);
    const page = text(policy.body);
    assert.match(page, /Your policy JW-2026-\d{6} is issued/, 'the flash after binding');
    assert.match(page, /Policy JW-2026-\d{6}/);
    assert.match(page, /December 1, 2026 to November 30, 2027/);
    assert.match(page, /Carla Customer/);
    assert.match(page, /1 Main Street, New York, NY 10001/);
    assert.match(page, /Diamond engagement ring, 1 ct, platinum Ring/);
    assert.match(page, /Pearl stud earring, right Earrings pearls/);
    assert.match(page, /\$5,000\.00/);
    assert.match(page, /Deductible \$250\.00/);
    assert.match(page, /RF\d{2} /, 'the invoice with its structured reference, printed in groups');

    const again = await carla.get(policyPath);
    assert.doesNotMatch(again.body, /is issued/, 'the flash shows once');
    const list = await carla.get('/portal/policies');
    assert.match(list.body, new RegExp(`href="${policyPath}"`));
  });

  test('another customer gets 404 on the policy page', async () => {
    assert.ok(policyPath);
    const dora = await loggedIn('dora.other@example.com');
    const page = await dora.get(policyPath);
    assert.equal(page.status, 404);
    assert.doesNotMatch(page.body, /Carla Customer/);
  });

  test('a bad form (unknown category, missing name) comes back with errors and 400, and writes nothing', async () => {
    const carla = await loggedIn(demoEmail('customer'));
    await carla.get('/portal/quote');
    const before = await countRows('application');
    const bad = await carla.post('/portal/quote', { ...QUOTE, 'namedInsureds.0': '', 'items.1.category': 'tiara' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#field-namedInsureds-0">This field is required\./);
    assert.match(bad.body, /href="#field-items-1-category">Choose a kind of jewelry from the list\./);
    assert.match(bad.body, /value="Pearl stud earring, left"/, 'what was typed is kept');
    assert.equal(await countRows('application'), before, 'nothing was written');

    // In Dutch, the same errors in formal Dutch.
    await carla.post('/language', { locale: 'nl', returnTo: '/portal/quote' });
    const dutch = await carla.post('/portal/quote', { ...QUOTE, 'namedInsureds.0': '' });
    assert.equal(dutch.status, 400);
    assert.match(dutch.body, /Dit veld is verplicht\./);
    await carla.post('/language', { locale: 'en', returnTo: '/portal/quote' });

    // A rule of the use case (the possessor of an engagement ring is a named insured) lands on its field.
    const rule = await carla.post('/portal/quote', { ...QUOTE, 'items.0.possessor': 'Someone Else' });
    assert.equal(rule.status, 422);
    assert.match(rule.body, /href="#field-items-0-possessor">Someone Else has this gift or engagement ring/);
    assert.equal(await countRows('application'), before);
  });
});

describe('back office: referral queue', () => {
  test('a referred application waits for an underwriter, who approves it from the queue; the customer can then bind', async () => {
    const carla = await loggedIn(demoEmail('customer'));
    await carla.get('/portal/quote');
    const applied = await carla.post('/portal/quote', {
      ...QUOTE,
      'items.0.description': 'Sapphire necklace',
      'items.0.category': 'necklace',
      'items.0.coverageAmount': '150000.00',
      'items.0.giftOrEngagementRing': '',
      'items.0.possessor': '',
      'items.1.description': 'Ruby earring, left',
      'items.2.description': 'Ruby earring, right',
    });
    assert.equal(applied.status, 303, applied.body);
    const applicationPath = applied.location ?? '';
    const referred = text((await carla.get(applicationPath)).body);
    assert.match(referred, /An underwriter will review your application/);
    assert.match(referred, /Item 1 is insured for \$150,000\.00, more than \$100,000\.00/);
    assert.doesNotMatch(referred, /Buy the policy/);

    assert.equal((await carla.get('/backoffice/referrals')).status, 403, 'customers do not see the queue');

    const uma = await loggedIn(demoEmail('underwriter'));
    const queue = await uma.get('/backoffice/referrals');
    assert.equal(queue.status, 200);
    const id = applicationPath.split('/').at(-1) ?? '';
    assert.match(queue.body, new RegExp(`href="/backoffice/applications/${id}"`));
    assert.match(text(queue.body), /more than \$100,000\.00/);

    const review = await uma.get(`/backoffice/applications/${id}`);
    assert.equal(review.status, 200);
    const noReason = await uma.post(`/backoffice/applications/${id}/decision`, { decision: 'approve', reason: '' });
    assert.equal(noReason.status, 400, 'a reason is required');
    assert.match(noReason.body, /href="#field-reason">This field is required\./);

    const approved = await uma.post(`/backoffice/applications/${id}/decision`, { decision: 'approve', reason: 'Appraisal and photos checked' });
    assert.equal(approved.status, 303, approved.body);
    assert.equal(approved.location, '/backoffice/referrals');
    const after = text((await uma.get('/backoffice/referrals')).body);
    assert.match(after, /The decision on the application of Carla Customer is recorded\./);
    assert.doesNotMatch((await uma.get('/backoffice/referrals')).body, new RegExp(id));

    const nowApproved = await carla.get(applicationPath);
    assert.match(text(nowApproved.body), /Status Approved/);
    assert.match(nowApproved.body, /Buy the policy/);
    const policiesBefore = await countRows('policy');
    assert.equal((await carla.post(`/backoffice/applications/${id}/decision`, { decision: 'decline', reason: 'x' })).status, 403);
    assert.equal(await countRows('policy'), policiesBefore);
  });
});
