import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { usePolicyApiTest } from '../../policies/http/policy-api-test-support.ts';
import { DEMO_RATE_TABLE_CSV } from '../index.ts';

/**
 * The products back-office pages through HTTP, as a browser uses them (issue #3: "products and rate
 * tables with impact test"): forms with the CSRF field, multipart for the CSV upload, cookies kept,
 * redirects followed by hand. The set-up binds two ring policies for the impact test.
 */
const api = usePolicyApiTest();

type Page = { status: number; body: string; location: string | undefined };

class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly ip: string) {}

  private async send(method: 'GET' | 'POST', url: string, payload?: string | Buffer, contentType?: string): Promise<Page> {
    const response = await api.bezel.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(this.cookies.size > 0 && { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }),
        ...(contentType !== undefined && { 'content-type': contentType }),
      },
      ...(payload !== undefined && { payload }),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
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

  post(url: string, form: Record<string, string>): Promise<Page> {
    return this.send('POST', url, new URLSearchParams({ ...form, _csrf: this.csrf }).toString(), 'application/x-www-form-urlencoded');
  }

  /** As a browser posts the upload form: multipart, with the file part (empty when none is chosen). */
  postMultipart(url: string, fields: Record<string, string>, file: { name: string; content: Buffer } | null): Promise<Page> {
    const boundary = '----bezel-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...fields }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\nContent-Type: text/csv\r\n\r\n`),
      file?.content ?? Buffer.from(''),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.send('POST', url, Buffer.concat(parts), `multipart/form-data; boundary=${boundary}`);
  }

  async logIn(email: string): Promise<void> {
    await this.get('/login');
    const page = await this.post('/login', { email, password: DEMO_PASSWORD });
    assert.equal(page.status, 303, page.body);
  }
}

let ipCounter = 10;
async function loggedIn(role: 'underwriter' | 'customer' | 'adjuster'): Promise<Browser> {
  ipCounter += 1;
  const browser = new Browser(`10.0.3.${ipCounter}`);
  await browser.logIn(demoEmail(role));
  return browser;
}

const TABLES = '/backoffice/products/jewelry/rate-tables';
const raisedRing = DEMO_RATE_TABLE_CSV.category_rate.replace('ring,1.10', 'ring,1.21');

async function rateTableCount(): Promise<number> {
  const db = api.bezel.deps.db;
  const [tables, rows] = await Promise.all([
    db
      .selectFrom('rate_table')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('rate_table_row')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(tables.n) * 100_000 + Number(rows.n);
}

/** Pages obey the CSP: no inline style attributes or scripts (the chart's look is in bezel.css). */
function assertNoInlineStyleOrScript(body: string): void {
  assert.doesNotMatch(body, /\sstyle=/);
  assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/);
}

describe('products back-office pages (issue #3)', () => {
  before(async () => {
    await api.boundPolicy();
    await api.boundPolicy();
  });

  test('staff see the products with versions, categories, deductibles, jurisdiction rules and the liberalization flag (JPF-COND-3)', async () => {
    const adjuster = await loggedIn('adjuster');
    const page = await adjuster.get('/backoffice/products');
    assert.equal(page.status, 200, page.body);
    for (const text of [
      'Personal Jewelry (jewelry)',
      'Versions of Personal Jewelry',
      'Does not broaden coverage',
      'Ring (ring)',
      '$250.00',
      'NY',
      'Rate tables of',
    ])
      assert.ok(page.body.includes(text), text);
    assertNoInlineStyleOrScript(page.body);
    const tables = await adjuster.get(TABLES);
    assert.equal(tables.status, 200);
    assert.ok(tables.body.includes('category_rate, version 1'));
    assert.ok(tables.body.includes('2026-01-01'));
    // Reading is for all staff; uploading is for underwriters and admins: no form for an adjuster.
    assert.ok(!tables.body.includes('id="upload"'));
  });

  test('a customer gets 403 on every products page; anonymous visitors are sent to log in', async () => {
    const customer = await loggedIn('customer');
    for (const url of ['/backoffice/products', TABLES, `${TABLES}/${randomUUID()}/activate`]) assert.equal((await customer.get(url)).status, 403, url);
    await customer.get(TABLES);
    const before = await rateTableCount();
    assert.equal((await customer.postMultipart(TABLES, { name: 'category_rate', csv: raisedRing }, null)).status, 403);
    assert.equal(await rateTableCount(), before);
    const anonymous = new Browser('10.0.3.200');
    const page = await anonymous.get('/backoffice/products');
    assert.equal(page.status, 303);
    assert.match(page.location ?? '', /^\/login\?next=/);
  });

  test('an upload with errors lists every bad line and stores nothing', async () => {
    const underwriter = await loggedIn('underwriter');
    await underwriter.get(TABLES);
    const before = await rateTableCount();
    const bad = 'key,value\nring,1.21\nearrings,abc\ntiara,1.00\nring,1.30\n';
    const page = await underwriter.postMultipart(TABLES, { name: 'category_rate', csv: bad }, null);
    assert.equal(page.status, 422, page.body);
    for (const line of [
      'Line 3: &quot;abc&quot; is not a decimal number like 1.05.',
      'Line 4: &quot;tiara&quot; is not a key of this table for this product.',
      'Line 5: &quot;ring&quot; appears twice; it is already on line 2.',
      'The table has no row for &quot;necklace&quot;.',
    ])
      assert.ok(page.body.includes(line), line);
    assert.ok(page.body.includes('Nothing was saved'));
    assert.equal(await rateTableCount(), before);
    // The same through a urlencoded post (no file input at all), and with nothing given.
    const typed = await underwriter.post(TABLES, { name: 'category_rate', csv: bad });
    assert.equal(typed.status, 422);
    const empty = await underwriter.postMultipart(TABLES, { name: 'category_rate', csv: '' }, null);
    assert.equal(empty.status, 400);
    assert.ok(empty.body.includes('Choose a CSV file or paste the CSV.'));
    const noName = await underwriter.postMultipart(TABLES, { csv: raisedRing }, null);
    assert.equal(noName.status, 400);
    assert.ok(noName.body.includes('Choose which table the file is for.'));
    const binary = await underwriter.postMultipart(
      TABLES,
      { name: 'category_rate', csv: '' },
      { name: 'rates.csv', content: Buffer.from([0xff, 0xfe, 0x00, 0x81]) },
    );
    assert.equal(binary.status, 400);
    assert.ok(binary.body.includes('The file is not a text (UTF-8) CSV file.'));
    assert.equal(await rateTableCount(), before);
  });

  test('upload as a file, impact test with its chart, then activation only with the confirmation', async () => {
    const underwriter = await loggedIn('underwriter');
    await underwriter.get(TABLES);
    // A file wins over the text area.
    const uploaded = await underwriter.postMultipart(
      TABLES,
      { name: 'category_rate', csv: 'ignored' },
      { name: 'rates.csv', content: Buffer.from(raisedRing) },
    );
    assert.equal(uploaded.status, 303, uploaded.body);
    const draft = await api.bezel.deps.db
      .selectFrom('rate_table')
      .select(['id', 'version', 'status'])
      .where('name', '=', 'category_rate')
      .where('status', '=', 'draft')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    const list = await underwriter.get(TABLES);
    assert.ok(list.body.includes(`Version ${draft.version} of category_rate was uploaded as a draft.`));
    assert.ok(list.body.includes(`${TABLES}/${draft.id}/activate`));

    const activateUrl = `${TABLES}/${draft.id}/activate`;
    const confirm = await underwriter.get(activateUrl);
    assert.equal(confirm.status, 200, confirm.body);
    // Two ring policies: 2 × 53.13 = 106.26 now; 2 × 58.44 = 116.88 with ring 1.21; change 10.62 (+9.99 %).
    for (const text of ['$106.26', '$116.88', '$10.62 (+9.99 %)', 'lowest $5.31, median $5.31, highest $5.31', '2 policies re-rated, of 2 in force'])
      assert.ok(confirm.body.includes(text), text);
    // The chart: an image with a name and a description, and the same numbers as a table.
    assert.match(confirm.body, /<svg class="impact-chart" role="img"[^>]*aria-labelledby="impact-chart-title impact-chart-desc"/);
    assert.ok(confirm.body.includes('<title id="impact-chart-title">Distribution of premium change</title>'));
    assert.ok(confirm.body.includes('2 policies, 2 up, 0 down, 0 unchanged'));
    assert.match(confirm.body, /<th scope="row">Up by more than 5 %, at most 10 %<\/th><td class="numeric">2<\/td><td class="numeric">100.00 %<\/td>/);
    assertNoInlineStyleOrScript(confirm.body);

    // Without ticking the confirmation nothing happens.
    const unconfirmed = await underwriter.post(activateUrl, { effectiveFrom: '2026-12-01' });
    assert.equal(unconfirmed.status, 400);
    assert.ok(unconfirmed.body.includes('Confirm that you reviewed the impact test.'));
    const pastDate = await underwriter.post(activateUrl, { effectiveFrom: '2026-11-01', confirm: 'reviewed' });
    assert.equal(pastDate.status, 422);
    const stillDraft = await api.bezel.deps.db.selectFrom('rate_table').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow();
    assert.equal(stillDraft.status, 'draft');

    const activated = await underwriter.post(activateUrl, { effectiveFrom: '2026-12-01', confirm: 'reviewed' });
    assert.equal(activated.status, 303, activated.body);
    assert.equal(activated.location, TABLES);
    const after = await underwriter.get(TABLES);
    assert.ok(after.body.includes(`Version ${draft.version} of category_rate is active from 2026-12-01.`));
    // An active table has no impact test any more: 409.
    assert.equal((await underwriter.get(activateUrl)).status, 409);
  });

  test('bad addresses: unknown table, malformed id, unknown product, sample out of range', async () => {
    const underwriter = await loggedIn('underwriter');
    assert.equal((await underwriter.get(`${TABLES}/${randomUUID()}/activate`)).status, 404);
    assert.equal((await underwriter.get(`${TABLES}/not-an-id/activate`)).status, 404);
    assert.equal((await underwriter.get('/backoffice/products/nope/rate-tables')).status, 404);
    await underwriter.get(TABLES);
    const uploaded = await underwriter.postMultipart(TABLES, { name: 'safe_factor', csv: 'key,value\nkept_in_safe,0.90\n' }, null);
    assert.equal(uploaded.status, 303, uploaded.body);
    const draft = await api.bezel.deps.db
      .selectFrom('rate_table')
      .select('id')
      .where('name', '=', 'safe_factor')
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    for (const sample of ['0', '100000000', 'x']) assert.equal((await underwriter.get(`${TABLES}/${draft.id}/activate?sample=${sample}`)).status, 400, sample);
    const one = await underwriter.get(`${TABLES}/${draft.id}/activate?sample=1`);
    assert.equal(one.status, 200);
    // No ring is kept in a safe: the safe factor changes nothing.
    assert.ok(one.body.includes('1 policies re-rated, of 2 in force (sample size 1)'));
    assert.ok(one.body.includes('1 policies, 0 up, 0 down, 1 unchanged'));
  });
});
