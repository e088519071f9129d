import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { useClaimApiTest } from './claim-api-test-support.ts';

/**
 * The first-notice pages as a browser uses them (issue #4): urlencoded and multipart forms with the CSRF field,
 * cookies kept, redirects followed by hand. The insured reports from the policy page and follows the claim; a
 * theft without a police report comes back with the problem at its field; a jeweler reports for a customer; an
 * adjuster takes a call, works the queue and assigns the claim in the 360 view. Pages are checked for the basics
 * of accessibility: one h1, every input labelled, no duplicate ids.
 */
const claimTest = useClaimApiTest();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

type Page = { status: number; body: string; location: string | undefined };
type InjectedCookie = { name: string; value: string; maxAge?: number };

/** A tiny browser: a cookie jar and the CSRF token of the last page. */
class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly ip: string,
    readonly language = 'en',
  ) {}

  private async send(method: 'GET' | 'POST', url: string, payload?: string | Buffer, contentType?: string): Promise<Page> {
    const response = await claimTest.bezel.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        accept: 'text/html',
        'accept-language': this.language,
        ...(this.cookies.size > 0 && { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }),
        ...(contentType && { 'content-type': contentType }),
      },
      ...(payload !== undefined && { payload }),
    });
    for (const cookie of response.cookies as InjectedCookie[]) {
      if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (csrf) this.csrf = csrf;
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined };
  }

  get(url: string): Promise<Page> {
    return this.send('GET', url);
  }

  post(url: string, form: Record<string, string | string[]>): Promise<Page> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...form, _csrf: this.csrf }))
      for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
    return this.send('POST', url, params.toString(), 'application/x-www-form-urlencoded');
  }

  /** A multipart form with files, as a browser posts a form with file inputs. */
  postMultipart(url: string, form: Record<string, string>, files: Record<string, { name: string; type: string; content: Buffer }>): Promise<Page> {
    const boundary = '----bezel-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ ...form, _csrf: this.csrf }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const [name, file] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
      parts.push(file.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.send('POST', url, Buffer.concat(parts), `multipart/form-data; boundary=${boundary}`);
  }

  async logIn(email: string): Promise<void> {
    await this.get('/login');
    const page = await this.post('/login', { email, password: DEMO_PASSWORD });
    assert.equal(page.status, 303, page.body);
  }
}

let ipCounter = 10;
async function loggedIn(role: 'customer' | 'customer3' | 'jeweler' | 'adjuster', language = 'en'): Promise<Browser> {
  ipCounter += 1;
  const browser = new Browser(`10.0.4.${ipCounter}`, language);
  await browser.logIn(role === 'customer3' ? 'customer3@example.com' : demoEmail(role));
  return browser;
}

/** The basics an accessibility checker looks at first: one h1, every visible input labelled, ids unique. */
function assertAccessible(html: string, label: string): void {
  assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1, `${label}: one h1`);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  assert.deepEqual(twice, [], `${label}: unique ids`);
  for (const input of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attributes = input[2] ?? '';
    if (/type="(hidden|submit)"/.test(attributes)) continue;
    const id = /\sid="([^"]+)"/.exec(attributes)?.[1];
    assert.ok(id && html.includes(`for="${id}"`), `${label}: the ${input[1]} ${attributes.slice(0, 80)} has a label`);
  }
}

/** The fields of a complete report of the ring lost on 10 January 2027. */
const REPORT = {
  items: '1',
  lossKind: 'loss',
  lossDate: '2027-01-10',
  lossTime: '18:30',
  lossPlace: 'Fifth Avenue, New York',
  lossCountry: 'US',
  narrative: 'The ring slipped off while I was walking home.',
  protectionConfirmed: 'yes',
  reporterName: 'Carla Customer',
  reporterRelation: 'named_insured',
  insuredName: 'Carla Customer',
};

describe('first notice of loss pages', () => {
  let policy: { id: string; policyNumber: string };
  let second: { id: string; policyNumber: string };
  let third: { id: string; policyNumber: string };
  before(async () => {
    policy = await claimTest.boundPolicy();
    second = await claimTest.boundPolicy();
    third = await claimTest.boundPolicy();
    claimTest.moveClockTo('2027-01-15T15:00:00Z');
  });

  test('the insured reports a loss from the policy page with a photo and follows the claim on its status page', async () => {
    const carla = await loggedIn('customer');
    const policyPage = await carla.get(`/portal/policies/${policy.id}`);
    assert.ok(policyPage.body.includes(`href="/portal/policies/${policy.id}/claims/new"`), 'the policy page links to the report form');
    const form = await carla.get(`/portal/policies/${policy.id}/claims/new`);
    assert.equal(form.status, 200);
    assert.match(form.body, /1\. Diamond engagement ring, 1 ct, platinum \(\$5,000\.00\)/);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assertAccessible(form.body, 'report form');

    const sent = await carla.postMultipart(`/portal/policies/${policy.id}/claims/new`, REPORT, {
      photo1: { name: 'ring.png', type: 'image/png', content: PNG },
    });
    assert.equal(sent.status, 303, sent.body);
    assert.match(sent.location ?? '', /^\/portal\/claims\/[0-9a-f-]{36}$/);
    const status = await carla.get(sent.location ?? '');
    assert.equal(status.status, 200);
    assertAccessible(status.body, 'status page');
    assert.match(status.body, /Your report has been received as claim CL-2027-\d{6}/);
    assert.match(status.body, /<strong>Reported<\/strong>/);
    // JPF-DUTY-4 and JPF-SUIT-1 in plain words.
    assert.match(status.body, /We need from you: Proof of loss, by April 10, 2027 \(JPF-DUTY-4\)/);
    assert.match(status.body, /must be brought by January 10, 2028/);
    assert.match(status.body, /href="\/api\/v1\/files\/[0-9a-f-]{36}">Photo</);
    assert.ok(status.body.includes('Withdraw the claim'));
    const mine = await carla.get('/portal/claims');
    assert.equal(mine.status, 200);
    assert.match(mine.body, /CL-2027-\d{6}/);
    assertAccessible(mine.body, 'my claims');
  });

  test('the status page speaks Dutch to a Dutch reader', async () => {
    const carla = await loggedIn('customer');
    // The language switch, as a reader uses it (their account's language is English).
    await carla.get('/portal/claims');
    assert.equal((await carla.post('/language', { locale: 'nl', returnTo: '/portal/claims' })).status, 303);
    const claims = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', policy.id).execute();
    const page = await carla.get(`/portal/claims/${claims[0]?.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<html lang="nl">/);
    assert.match(page.body, /Wat er nu gebeurt/);
    assert.match(page.body, /uiterlijk 10 april 2027/);
    // The choice is kept with the account: back to English for the other tests.
    assert.equal((await carla.post('/language', { locale: 'en', returnTo: '/portal/claims' })).status, 303);
  });

  test('JPF-DUTY-3: a theft without a police report comes back with the problem at its field and the values kept', async () => {
    const carla = await loggedIn('customer');
    await carla.get(`/portal/policies/${second.id}/claims/new`);
    const page = await carla.post(`/portal/policies/${second.id}/claims/new`, {
      ...REPORT,
      lossKind: 'theft',
      narrative: 'Snatched from my hand on the subway.',
    });
    assert.equal(page.status, 422, page.body.slice(0, 500));
    assert.match(page.body, /class="error-summary"/);
    assert.match(page.body, /<a href="#field-policeReportReference">A theft or other violation of the law must be reported to the police/);
    assert.match(page.body, /Snatched from my hand on the subway\./);
    assertAccessible(page.body, 'refused report');
    const none = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', second.id).execute();
    assert.deepEqual(none, [], 'nothing was written');
    // A bad form (no item, no date) is a 400 with the field messages.
    const bad = await carla.post(`/portal/policies/${second.id}/claims/new`, { ...REPORT, items: [], lossDate: '' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Choose at least one item/);
  });

  test('a disguised file (a PNG named .pdf) is refused at its input and nothing is kept', async () => {
    const carla = await loggedIn('customer');
    await carla.get(`/portal/policies/${second.id}/claims/new`);
    const page = await carla.postMultipart(`/portal/policies/${second.id}/claims/new`, REPORT, {
      photo1: { name: 'ring.pdf', type: 'application/pdf', content: PNG },
    });
    assert.equal(page.status, 422, page.body.slice(0, 500));
    assert.match(page.body, /<a href="#field-photo1">/);
    const files = await claimTest.bezel.deps.db
      .selectFrom('stored_file')
      .select('id')
      .where('purpose', '=', 'claim_photo')
      .where('linked_id', 'is', null)
      .execute();
    assert.deepEqual(files, [], 'the refused report kept no file');
    assert.deepEqual(await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', second.id).execute(), []);
  });

  test('another customer reaches neither the form nor the claim', async () => {
    const other = await loggedIn('customer3');
    assert.equal((await other.get(`/portal/policies/${policy.id}/claims/new`)).status, 404);
    const claims = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', policy.id).execute();
    assert.equal((await other.get(`/portal/claims/${claims[0]?.id}`)).status, 404);
    assert.equal((await other.get('/portal/jeweler/claims/new')).status, 403);
  });

  test('an approved jeweler reports for a customer by policy number and name, then sees it in their list', async () => {
    const julia = await loggedIn('jeweler');
    const form = await julia.get('/portal/jeweler/claims/new');
    assert.equal(form.status, 200);
    assertAccessible(form.body, 'jeweler form');
    const wrongName = await julia.post('/portal/jeweler/claims/new', {
      ...REPORT,
      items: [],
      policyNumber: third.policyNumber,
      itemNumbers: '1',
      insuredName: 'Someone Else',
      reporterName: 'Julia Jeweler',
      reporterRelation: 'jeweler',
      lossKind: 'damage',
    });
    assert.equal(wrongName.status, 404);
    assert.match(wrongName.body, /We found no policy with this number for the insured named/);
    const sent = await julia.post('/portal/jeweler/claims/new', {
      ...REPORT,
      items: [],
      policyNumber: third.policyNumber,
      itemNumbers: '1',
      partDescription: 'Bent prong',
      reporterName: 'Julia Jeweler',
      reporterRelation: 'jeweler',
      lossKind: 'damage',
    });
    assert.equal(sent.status, 303, sent.body.slice(0, 2000));
    const list = await julia.get('/portal/jeweler/claims');
    assert.equal(list.status, 200);
    assert.match(list.body, /CL-2027-\d{6}/);
    const status = await julia.get(sent.location ?? '');
    assert.equal(status.status, 200);
    assert.match(status.body, /Bent prong/);
  });

  test('an adjuster takes a call, finds it in the queue, and assigns it in the claim 360 view', async () => {
    const aditya = await loggedIn('adjuster');
    const lookup = await aditya.get(`/backoffice/claims/new?policyNumber=${second.policyNumber}`);
    assert.equal(lookup.status, 200);
    assert.match(lookup.body, /Diamond engagement ring/);
    assertAccessible(lookup.body, 'phone form');
    assert.equal((await aditya.get('/backoffice/claims/new?policyNumber=JW-1999-999999')).status, 404);
    const sent = await aditya.post('/backoffice/claims/new', {
      ...REPORT,
      policyNumber: second.policyNumber,
      lossKind: 'theft',
      policeReportReference: 'NYPD-77',
    });
    assert.equal(sent.status, 303, sent.body.slice(0, 2000));
    assert.match(sent.location ?? '', /^\/backoffice\/claims\/[0-9a-f-]{36}$/);
    const view = await aditya.get(sent.location ?? '');
    assert.equal(view.status, 200);
    assertAccessible(view.body, 'claim 360');
    assert.match(view.body, /Phone call/);
    assert.match(view.body, new RegExp(`href="/backoffice/policies/${second.id}"`));
    assert.match(view.body, /NYPD-77/);

    const queue = await aditya.get('/backoffice/claims?lossKind=theft');
    assert.equal(queue.status, 200);
    assertAccessible(queue.body, 'queue');
    assert.ok(queue.body.includes(sent.location ?? '-'), 'the new theft is in the queue');
    assert.equal((await aditya.get('/backoffice/claims?status=nonsense')).status, 400);

    const me = (await claimTest.call('adjuster', 'GET', '/api/v1/me')).json().id as string;
    const assigned = await aditya.post(`${sent.location}/assign`, { adjusterUserId: me });
    assert.equal(assigned.status, 303, assigned.body.slice(0, 1000));
    const after = await aditya.get(sent.location ?? '');
    assert.match(after.body, /has been assigned/);
    const mine = await aditya.get('/backoffice/claims?adjuster=me');
    assert.ok(mine.body.includes(sent.location ?? '-'));
  });

  test('the insured withdraws a claim from its status page; the page then says so', async () => {
    const carla = await loggedIn('customer');
    const claims = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', policy.id).execute();
    const path = `/portal/claims/${claims[0]?.id}`;
    await carla.get(path);
    const empty = await carla.post(`${path}/withdraw`, { reason: '' });
    assert.equal(empty.status, 400);
    const done = await carla.post(`${path}/withdraw`, { reason: 'Found it in my coat pocket' });
    assert.equal(done.status, 303);
    const page = await carla.get(path);
    assert.match(page.body, /<strong>Withdrawn<\/strong>/);
    assert.match(page.body, /Found it in my coat pocket/);
    assert.ok(!page.body.includes('Withdraw the claim</h2>'), 'no withdraw form on a withdrawn claim');
  });
});
