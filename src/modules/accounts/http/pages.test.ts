import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, seedDemoUsers } from '../index.ts';

/**
 * The accounts pages through HTTP, as a browser uses them: HTML forms with the CSRF field, cookies
 * kept between requests, redirects followed by hand so each step can be checked.
 */
let bezel: TestBezel;

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
});
after(async () => bezel.close());

type Page = { status: number; body: string; location: string | undefined; headers: Record<string, unknown> };
type InjectedCookie = { name: string; value: string; maxAge?: number; expires?: Date };

/** A tiny browser: a cookie jar, the CSRF token of the last page, and its own IP (rate limits are per IP). */
class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly ip: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: { cookies: InjectedCookie[] }): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string): Promise<Page> {
    const response = await bezel.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(this.cookies.size > 0 && { cookie: this.cookieHeader() }),
        ...(payload !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(payload !== undefined && { payload }),
    });
    this.keep(response as unknown as { cookies: InjectedCookie[] });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (csrf) this.csrf = csrf;
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined, headers: response.headers };
  }

  get(url: string): Promise<Page> {
    return this.send('GET', url);
  }

  post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
    if (options.csrf !== false) body.append('_csrf', this.csrf);
    return this.send('POST', url, body.toString());
  }

  async logIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
    await this.get('/login');
    const page = await this.post('/login', { email, password });
    assert.equal(page.status, 303, page.body);
    return page;
  }
}

let ipCounter = 10;
function browser(): Browser {
  ipCounter += 1;
  return new Browser(`10.0.0.${ipCounter}`);
}

async function countRows(table: 'app_user' | 'user_session' | 'audit_event' | 'api_token'): Promise<number> {
  const row = await bezel.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function userByEmail(email: string) {
  return bezel.deps.db.selectFrom('app_user').select(['id', 'status', 'locale', 'display_name']).where('email', '=', email).executeTakeFirst();
}

async function rolesOf(userId: string): Promise<string[]> {
  const rows = await bezel.deps.db.selectFrom('user_role').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((row) => row.role);
}

async function newestLink(email: string, path: string): Promise<string> {
  await bezel.runJobs();
  const mails = (await bezel.mails()).filter((mail) => mail.to.includes(email));
  const link = mails.flatMap((mail) => mail.links).findLast((href) => href.includes(path));
  assert.ok(link, `a mail to ${email} with a ${path} link`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

describe('log in and out', () => {
  test('the login page is a form with a CSRF field, not cached', async () => {
    const page = await browser().get('/login');
    assert.equal(page.status, 200);
    assert.match(page.body, /^<!doctype html><html lang="en">/);
    assert.match(page.body, /<form method="post" action="\/login"/);
    assert.match(page.body, /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]+"/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('a login post without the CSRF token is refused with the form-expired page and writes nothing', async () => {
    const visitor = browser();
    await visitor.get('/login');
    const [sessions, events] = [await countRows('user_session'), await countRows('audit_event')];
    const page = await visitor.post('/login', { email: 'customer@demo.bezel.test', password: DEMO_PASSWORD }, { csrf: false });
    assert.equal(page.status, 403);
    assert.match(page.body, /This form has expired/);
    assert.equal(visitor.cookies.has('bezel_session'), false);
    assert.equal(await countRows('user_session'), sessions);
    assert.equal(await countRows('audit_event'), events);
  });

  test('anonymous → login → back to the portal, which greets the customer by name', async () => {
    const carla = browser();
    const gate = await carla.get('/portal');
    assert.equal(gate.status, 303);
    assert.equal(gate.location, '/login?next=%2Fportal');
    const form = await carla.get(gate.location);
    assert.match(form.body, /action="\/login\?next=%2Fportal"/);
    const login = await carla.post('/login?next=%2Fportal', { email: 'Customer@Demo.Bezel.test ', password: DEMO_PASSWORD });
    assert.equal(login.status, 303);
    assert.equal(login.location, '/portal');
    const portal = await carla.get('/portal');
    assert.equal(portal.status, 200);
    assert.match(portal.body, /Welcome, Carla Customer\. You have no policies yet\./);
    assert.match(portal.body, /<a href="\/portal" aria-current="page">My portal<\/a>/);
    const home = await carla.get('/');
    assert.equal(home.location, '/portal');
  });

  test('a wrong password comes back on the form with 401, the email kept and the password not', async () => {
    const visitor = browser();
    await visitor.get('/login');
    const page = await visitor.post('/login', { email: 'customer@demo.bezel.test', password: 'not the password' });
    assert.equal(page.status, 401);
    assert.match(page.body, /class="error-summary"/);
    assert.match(page.body, /The email address or password is not right\./);
    assert.match(page.body, /value="customer@demo\.bezel\.test"/);
    assert.doesNotMatch(page.body, /not the password/);
  });

  test('an empty form is a 400 with a message at each field', async () => {
    const visitor = browser();
    await visitor.get('/login');
    const page = await visitor.post('/login', {});
    assert.equal(page.status, 400);
    assert.match(page.body, /<a href="#field-email">This field is required\.<\/a>/);
    assert.match(page.body, /<a href="#field-password">This field is required\.<\/a>/);
  });

  test('too many attempts show the rate-limit message with Retry-After', async () => {
    const visitor = browser();
    await visitor.get('/login');
    let page: Page | undefined;
    for (let attempt = 0; attempt < 11; attempt += 1) page = await visitor.post('/login', { email: 'secretary@demo.bezel.test', password: 'guessing wrongly' });
    assert.equal(page?.status, 429);
    assert.match(page?.body ?? '', /Too many attempts\. Please wait \d+ seconds/);
    assert.ok(Number(page?.headers['retry-after']) > 0);
  });

  test('log out ends the session and says so', async () => {
    const adam = browser();
    await adam.logIn('agent@demo.bezel.test');
    const out = await adam.post('/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.location, '/login?loggedOut=1');
    assert.equal(adam.cookies.has('bezel_session'), false);
    const login = await adam.get(out.location);
    assert.match(login.body, /You have been logged out\./);
    assert.equal((await adam.get('/portal')).status, 303);
    assert.equal((await adam.get('/')).location, '/login');
  });
});

describe('redirect targets stay on this site', () => {
  for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
    test(`login with next=${JSON.stringify(next)} lands on /`, async () => {
      const visitor = browser();
      await visitor.get('/login');
      const page = await visitor.post(`/login?next=${encodeURIComponent(next)}`, { email: 'underwriter@demo.bezel.test', password: DEMO_PASSWORD });
      assert.equal(page.status, 303);
      assert.equal(page.location, '/');
    });
  }

  test('the language switch ignores returnTo=//evil.example', async () => {
    const visitor = browser();
    await visitor.get('/login');
    const page = await visitor.post('/language', { locale: 'nl', returnTo: '//evil.example' });
    assert.equal(page.status, 303);
    assert.equal(page.location, '/');
  });
});

describe('access', () => {
  test('a customer gets the 403 page in the back office', async () => {
    const carla = browser();
    await carla.logIn('customer@demo.bezel.test');
    for (const url of ['/backoffice', '/backoffice/users']) {
      const page = await carla.get(url);
      assert.equal(page.status, 403, url);
      assert.match(page.body, /No access/);
    }
  });

  test('staff land in the back office with their own work', async () => {
    const uma = browser();
    await uma.logIn('underwriter@demo.bezel.test');
    assert.equal((await uma.get('/')).location, '/backoffice');
    const page = await uma.get('/backoffice');
    assert.equal(page.status, 200);
    assert.match(page.body, /Your work queues, Uma Underwriter\./);
    assert.match(page.body, /No applications are waiting for review\./);
    assert.equal((await uma.get('/portal')).status, 403);
  });
});

describe('language', () => {
  test('the switch sets the cookie and <html lang>, and is saved to the profile', async () => {
    const adam = browser();
    await adam.logIn('agent@demo.bezel.test');
    await adam.get('/portal');
    const switched = await adam.post('/language', { locale: 'nl', returnTo: '/portal' });
    assert.equal(switched.status, 303);
    assert.equal(switched.location, '/portal');
    assert.equal(adam.cookies.get('bezel_lang'), 'nl');
    const page = await adam.get('/portal');
    assert.match(page.body, /<html lang="nl">/);
    assert.match(page.body, /Welkom, Adam Agent\. U hebt nog geen klanten\./);
    assert.equal((await userByEmail('agent@demo.bezel.test'))?.locale, 'nl');
    // Form errors speak the chosen language too.
    await adam.get('/account');
    const bad = await adam.post('/account/profile', { displayName: ' ', locale: 'nl' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Er is een probleem/);
    assert.match(bad.body, /Dit veld is verplicht\./);
  });

  test('works without a login, with only the cookie', async () => {
    const visitor = browser();
    await visitor.get('/register');
    const switched = await visitor.post('/language', { locale: 'nl', returnTo: '/register' });
    assert.equal(switched.location, '/register');
    const page = await visitor.get('/register');
    assert.match(page.body, /<html lang="nl">/);
    assert.match(page.body, /Account aanmaken/);
  });
});

describe('register and confirm', () => {
  test('register → check your email → the link shows a button → confirmed once → log in', async () => {
    const nina = browser();
    await nina.get('/register');
    const mismatch = await nina.post('/register', {
      displayName: 'Nina New',
      email: 'nina@example.com',
      password: 'a long enough passphrase',
      passwordConfirm: 'something else',
      locale: 'en',
    });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body, /The two passwords are not the same\./);
    assert.match(mismatch.body, /value="Nina New"/);
    assert.equal(await userByEmail('nina@example.com'), undefined);
    const page = await nina.post('/register', {
      displayName: 'Nina New',
      email: 'Nina@Example.com',
      password: 'a long enough passphrase',
      passwordConfirm: 'a long enough passphrase',
      locale: 'en',
    });
    assert.equal(page.status, 200);
    assert.match(page.body, /Check your email/);
    assert.match(page.body, /We have sent a confirmation link to nina@example\.com\. Open it within 48 hours/);
    const link = await newestLink('nina@example.com', '/confirm-email');
    const confirmPage = await nina.get(link);
    assert.equal(confirmPage.status, 200);
    assert.match(confirmPage.body, /<form method="post" action="\/confirm-email"/);
    assert.equal((await userByEmail('nina@example.com'))?.status, 'pending_confirmation', 'opening the link confirms nothing');
    const token = new URLSearchParams(link.split('?')[1]).get('token') ?? '';
    const confirmed = await nina.post('/confirm-email', { token });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.location, '/login');
    assert.match((await nina.get('/login')).body, /Your email address is confirmed\. You can now log in\./);
    assert.doesNotMatch((await nina.get('/login')).body, /Your email address is confirmed/, 'the flash is shown once');
    const again = await nina.post('/confirm-email', { token });
    assert.equal(again.status, 400);
    assert.match(again.body, /This link has expired or has already been used\./);
    assert.match(again.body, /<a href="\/password-reset">Ask for a new link<\/a>/);
    await nina.logIn('nina@example.com', 'a long enough passphrase');
  });

  test('a malformed link says so without a 500', async () => {
    const page = await browser().get('/confirm-email?token=nope');
    assert.equal(page.status, 400);
    assert.match(page.body, /This link has expired or has already been used\./);
  });
});

describe('password reset', () => {
  test('the same answer for unknown addresses; the link sets a new password once', async () => {
    const visitor = browser();
    await visitor.get('/password-reset');
    const unknown = await visitor.post('/password-reset', { email: 'nobody@demo.bezel.test' });
    const known = await visitor.post('/password-reset', { email: 'billing@demo.bezel.test' });
    assert.equal(unknown.status, 200);
    assert.equal(known.status, 200);
    assert.match(known.body, /If an account exists for billing@demo\.bezel\.test, we have sent a link to it\./);
    assert.equal(unknown.body.replaceAll('nobody', 'billing').replace(/Request id: [^<]+/, ''), known.body.replace(/Request id: [^<]+/, ''));
    const link = await newestLink('billing@demo.bezel.test', '/reset-password');
    const form = await visitor.get(link);
    assert.equal(form.status, 200);
    const token = new URLSearchParams(link.split('?')[1]).get('token') ?? '';
    const short = await visitor.post('/reset-password', { token, password: 'short', passwordConfirm: 'short' });
    assert.equal(short.status, 400);
    assert.match(short.body, /Use at least 12 characters\./);
    const done = await visitor.post('/reset-password', { token, password: 'a brand new passphrase', passwordConfirm: 'a brand new passphrase' });
    assert.equal(done.status, 303);
    assert.match((await visitor.get('/login')).body, /Your password has been changed\./);
    const replay = await visitor.post('/reset-password', { token, password: 'yet another passphrase', passwordConfirm: 'yet another passphrase' });
    assert.equal(replay.status, 400);
    assert.match(replay.body, /This link has expired or has already been used\./);
    await visitor.logIn('billing@demo.bezel.test', 'a brand new passphrase');
  });
});

describe('back-office users', () => {
  test('an admin sees the users table and creates a staff user through the form', async () => {
    const ada = browser();
    await ada.logIn('admin@demo.bezel.test');
    const list = await ada.get('/backoffice/users');
    assert.equal(list.status, 200);
    assert.match(list.body, /<caption[^>]*>All user accounts<\/caption>/);
    assert.match(list.body, /customer@demo\.bezel\.test/);
    assert.match(list.body, /<form method="post" action="\/backoffice\/users"/);
    const created = await ada.post('/backoffice/users', {
      email: 'Ann.Adjuster@Example.com',
      displayName: 'Ann Adjuster',
      locale: 'nl',
      roles: ['adjuster', 'billing'],
    });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/backoffice/users');
    const after = await ada.get('/backoffice/users');
    assert.match(after.body, /The user ann\.adjuster@example\.com has been created and invited by email\./);
    const ann = await userByEmail('ann.adjuster@example.com');
    assert.ok(ann);
    assert.equal(ann.locale, 'nl');
    assert.deepEqual(await rolesOf(ann.id), ['adjuster', 'billing']);
    const taken = await ada.post('/backoffice/users', { email: 'ann.adjuster@example.com', displayName: 'Ann Again', roles: 'adjuster' });
    assert.equal(taken.status, 409);
    assert.match(taken.body, /There is already a user with this email address\./);
  });

  test('a bad form comes back with the error summary and 400, and creates nothing', async () => {
    const ada = browser();
    await ada.logIn('admin@demo.bezel.test');
    await ada.get('/backoffice/users');
    const users = await countRows('app_user');
    const page = await ada.post('/backoffice/users', { email: 'not-an-email', displayName: 'Nobody' });
    assert.equal(page.status, 400);
    assert.match(page.body, /<div class="error-summary" role="alert"/);
    assert.match(page.body, /<a href="#field-email">Enter an email address like name@example\.com\.<\/a>/);
    assert.match(page.body, /<a href="#field-roles">Choose at least one role\.<\/a>/);
    assert.match(page.body, /aria-invalid="true"/);
    assert.match(page.body, /value="Nobody"/);
    assert.equal(await countRows('app_user'), users);
  });

  test('search, pagination, and the detail page with roles and status', async () => {
    const ada = browser();
    await ada.logIn('admin@demo.bezel.test');
    const found = await ada.get('/backoffice/users?search=jeweler');
    assert.match(found.body, /jeweler@demo\.bezel\.test/);
    assert.doesNotMatch(found.body, /customer@demo\.bezel\.test/);
    const userId = /href="\/backoffice\/users\/([0-9a-f-]{36})"/.exec(found.body)?.[1] ?? '';
    const detail = await ada.get(`/backoffice/users/${userId}`);
    assert.equal(detail.status, 200);
    assert.match(detail.body, /Roles of Julia Jeweler/);
    const roles = await ada.post(`/backoffice/users/${userId}/roles`, { roles: ['jeweler', 'partner'] });
    assert.equal(roles.status, 303);
    assert.match((await ada.get(roles.location ?? '')).body, /The roles of Julia Jeweler have been saved\./);
    assert.deepEqual(await rolesOf(userId), ['jeweler', 'partner']);
    const disabled = await ada.post(`/backoffice/users/${userId}/status`, { status: 'disabled' });
    assert.equal(disabled.status, 303);
    assert.match((await ada.get(disabled.location ?? '')).body, /The account of Julia Jeweler has been disabled\./);
    assert.equal((await userByEmail('jeweler@demo.bezel.test'))?.status, 'disabled');
    assert.equal((await ada.get('/backoffice/users/not-a-uuid')).status, 404);
  });

  test('more users than fit on a page: a next-page link, and a way back to the first', async () => {
    for (let n = 10; n < 40; n += 1) {
      await createUser(
        bezel.deps,
        systemActor('test'),
        { email: `pager-${n}@example.com`, displayName: `Pager ${n}`, roles: ['customer'], locale: 'en' },
        SYSTEM_ORIGIN,
      );
    }
    const ada = browser();
    await ada.logIn('admin@demo.bezel.test');
    const first = await ada.get('/backoffice/users?search=example.com');
    const next = /href="(\/backoffice\/users\?search=example\.com&amp;cursor=[^"]+)" rel="next"/.exec(first.body)?.[1];
    assert.ok(next, 'a next-page link that keeps the search');
    const second = await ada.get(next.replaceAll('&amp;', '&'));
    assert.equal(second.status, 200);
    assert.match(second.body, /<a href="\/backoffice\/users\?search=example\.com">First page<\/a>/);
    const firstRow = /<td>([^<]+@example\.com)<\/td>/.exec(first.body)?.[1] ?? '';
    assert.ok(firstRow && !second.body.includes(`<td>${firstRow}</td>`), 'the second page does not repeat the first');
    assert.equal((await ada.get('/backoffice/users?cursor=garbage')).status, 400);
  });

  test('the last administrator keeps the role: 409 on the page', async () => {
    const ada = browser();
    await ada.logIn('admin@demo.bezel.test');
    const self = await userByEmail('admin@demo.bezel.test');
    await ada.get(`/backoffice/users/${self?.id}`);
    const page = await ada.post(`/backoffice/users/${self?.id}/roles`, { roles: 'auditor' });
    assert.equal(page.status, 409);
    assert.match(page.body, /You cannot remove the last active administrator\./);
    assert.deepEqual(await rolesOf(self?.id ?? ''), ['admin']);
  });

  test('an auditor reads the list but gets no forms, and cannot post them', async () => {
    const otto = browser();
    await otto.logIn('auditor@demo.bezel.test');
    const list = await otto.get('/backoffice/users');
    assert.equal(list.status, 200);
    assert.match(list.body, /admin@demo\.bezel\.test/);
    assert.doesNotMatch(list.body, /method="post" action="\/backoffice\/users/);
    const users = await countRows('app_user');
    const refused = await otto.post('/backoffice/users', { email: 'sneaky@example.com', displayName: 'Sneaky', roles: 'admin' });
    assert.equal(refused.status, 403);
    assert.equal(await countRows('app_user'), users);
  });
});

describe('my account', () => {
  test('a new API token is shown once, works against the API, and can be revoked', async () => {
    const otto = browser();
    await otto.logIn('auditor@demo.bezel.test');
    const page = await otto.get('/account');
    assert.equal(page.status, 200);
    assert.match(page.body, /name="scopes" value="users:read"/);
    assert.doesNotMatch(page.body, /value="users:manage"/, 'only scopes the user holds are offered');
    const created = await otto.post('/account/tokens', { name: 'Export', scopes: ['profile:read', 'users:read'], expiresInDays: '30' });
    assert.equal(created.status, 201);
    assert.equal(created.location, undefined);
    assert.equal(created.headers['cache-control'], 'no-store');
    const secret = /value="(bzl_[A-Za-z0-9_-]+)"/.exec(created.body)?.[1];
    assert.ok(secret, 'the secret is on the page');
    assert.match(created.body, /Copy this token now/);
    const me = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, 'auditor@demo.bezel.test');
    const later = await otto.get('/account');
    assert.ok(!later.body.includes(secret), 'never shown again');
    assert.match(later.body, new RegExp(`<code>${secret.slice(0, 10)}…</code>`));
    const tokenId = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(later.body)?.[1];
    const revoked = await otto.post(`/account/tokens/${tokenId}/revoke`, {});
    assert.equal(revoked.status, 303);
    assert.match((await otto.get('/account')).body, /The token Export has been revoked\./);
    const after = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(after.statusCode, 401);
    const twice = await otto.post(`/account/tokens/${tokenId}/revoke`, {});
    assert.equal(twice.status, 409);
    assert.match(twice.body, /This token was already revoked\./);
  });

  test('token forms are checked: no scope, bad expiry, scopes beyond the user’s own', async () => {
    const carla = browser();
    await carla.logIn('customer@demo.bezel.test');
    await carla.get('/account');
    const tokens = await countRows('api_token');
    const empty = await carla.post('/account/tokens', { name: '', expiresInDays: 'soon' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Choose at least one scope\./);
    assert.match(empty.body, /Enter a whole number of days from 1 to 730\./);
    const beyond = await carla.post('/account/tokens', { name: 'Too much', scopes: 'users:manage' });
    assert.equal(beyond.status, 403);
    assert.match(beyond.body, /A token cannot have more rights than you have: users:manage\./);
    assert.equal(await countRows('api_token'), tokens);
  });

  test('the profile saves the name and language', async () => {
    const bea = browser();
    await bea.logIn('privacy-officer@demo.bezel.test');
    const page = await bea.get('/account');
    assert.match(page.body, /readonly[^>]*value="privacy-officer@demo\.bezel\.test"/);
    const saved = await bea.post('/account/profile', { displayName: 'Priya P. Privacy', locale: 'nl' });
    assert.equal(saved.status, 303);
    const after = await bea.get('/account');
    assert.match(after.body, /<html lang="nl">/);
    assert.match(after.body, /Uw profiel is opgeslagen\./);
    const stored = await userByEmail('privacy-officer@demo.bezel.test');
    assert.equal(stored?.display_name, 'Priya P. Privacy');
    assert.equal(stored?.locale, 'nl');
  });

  test('pages that need a login send anonymous visitors to it and back', async () => {
    const visitor = browser();
    assert.equal((await visitor.get('/account')).location, '/login?next=%2Faccount');
    assert.equal((await visitor.get('/backoffice/users?search=x')).location, '/login?next=%2Fbackoffice%2Fusers%3Fsearch%3Dx');
  });
});
