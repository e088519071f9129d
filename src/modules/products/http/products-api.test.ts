import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { DEMO_RATE_TABLE_CSV, seedDemoProduct } from '../index.ts';

/** Issue #3, "Products and rating", through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
let bezel: TestBezel;
const csrfCookie = 'p'.repeat(43);
const sessions = new Map<string, string>();

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z
  await seedDemoUsers(bezel.deps);
  assert.deepEqual(await seedDemoProduct(bezel.deps), { seeded: true, code: 'jewelry' });
});
after(async () => bezel.close());

type Role = 'customer' | 'underwriter' | 'adjuster' | 'auditor' | 'anonymous';
type Reply = { statusCode: number; json(): Record<string, unknown> & { errors?: { field: string; code: string; message: string }[] } };

async function call(as: Role, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  let cookie = '';
  if (as !== 'anonymous') {
    if (!sessions.has(as)) {
      const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
      sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
    }
    cookie = `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`;
  }
  return (await bezel.app.inject({
    method,
    url,
    headers: { cookie, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie), ...headers },
    ...(body !== undefined && { payload: body as object }),
  })) as unknown as Reply;
}

const ringInNewYork = { state: 'NY', deductible: '250', items: [{ category: 'ring', coverageAmount: '5000.00', keptInSafe: true }] };
const countRateTables = async () =>
  Number(
    (
      await bezel.deps.db
        .selectFrom('rate_table')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('products API', () => {
  test('the demo product: listed, with categories and deductible options; seeding again does nothing', async () => {
    const list = await call('customer', 'GET', '/api/v1/products');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items, [
      { code: 'jewelry', name: 'Personal Jewelry', currency: 'USD', country: 'US', currentVersion: { version: 1, effectiveFrom: '2026-01-01' } },
    ]);
    const product = await call('customer', 'GET', '/api/v1/products/jewelry');
    assert.equal(product.statusCode, 200);
    const version = product.json().version as { definition: { itemCategories: { code: string }[]; deductibleOptions: string[] } };
    assert.deepEqual(
      version.definition.itemCategories.map((category) => category.code),
      ['ring', 'earrings', 'necklace', 'bracelet', 'watch', 'loose_stone', 'other'],
    );
    assert.deepEqual(version.definition.deductibleOptions, ['0', '100', '250', '500', '1000']);
    assert.equal((await call('customer', 'GET', '/api/v1/products/jewelry?asOf=2025-12-31')).json().code, 'no_version_in_force');
    assert.equal((await call('customer', 'GET', '/api/v1/products/no-such-product')).statusCode, 404);
    assert.deepEqual(await seedDemoProduct(bezel.deps), { seeded: false, code: 'jewelry' });
    assert.equal(await countRateTables(), 5);
  });

  test('rating through the API gives the known answer with its worksheet', async () => {
    const rated = await call('customer', 'POST', '/api/v1/products/jewelry/rate', ringInNewYork);
    assert.equal(rated.statusCode, 200, JSON.stringify(rated.json()));
    const worksheet = rated.json() as {
      items: { exactPremium: { amount: string }; premium: { amount: string }; steps: { key: string; value: string; version: number }[] }[];
      total: unknown;
      minimumApplied: boolean;
      ratingDate: string;
    };
    // 5000/100 × 1.10 (ring) × 1.05 (NY) × 0.92 ($250) × 0.95 (safe) = 50.4735 → 50.47
    assert.equal(worksheet.items[0]?.exactPremium.amount, '50.4735');
    assert.equal(worksheet.items[0]?.premium.amount, '50.47');
    assert.deepEqual(worksheet.total, { amount: '50.47', currency: 'USD' });
    assert.equal(worksheet.minimumApplied, false);
    assert.equal(worksheet.ratingDate, '2026-11-21', 'today in the insurer’s time zone');
    assert.deepEqual(
      worksheet.items[0]?.steps.map((step) => `${step.key}=${step.value} v${step.version}`),
      ['ring=1.10 v1', 'NY=1.05 v1', '250.00=0.92 v1', 'kept_in_safe=0.95 v1'],
    );
    // 1000/100 × 1.00 (earrings) × 1.00 (TX) × 0.92 = 9.20 → raised to the 25.00 minimum
    const small = await call('customer', 'POST', '/api/v1/products/jewelry/rate', {
      state: 'TX',
      deductible: '250',
      items: [{ category: 'earrings', coverageAmount: '1000' }],
    });
    assert.deepEqual([small.json().total, small.json().minimumApplied], [{ amount: '25.00', currency: 'USD' }, true]);
  });

  test('items that cannot be rated: 422 with one error per field', async () => {
    const refused = await call('customer', 'POST', '/api/v1/products/jewelry/rate', {
      state: 'NY',
      deductible: '300',
      items: [
        { category: 'tiara', coverageAmount: '1000' },
        { category: 'ring', coverageAmount: '-5' },
        { category: 'watch', coverageAmount: '25000000' },
      ],
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'not_ratable');
    assert.deepEqual(
      refused.json().errors?.map((error) => `${error.field} ${error.code}`),
      ['body.deductible deductible_not_offered'],
      'a deductible not offered is reported before the items are rated',
    );
    const items = await call('customer', 'POST', '/api/v1/products/jewelry/rate', {
      state: 'NY',
      deductible: '250',
      items: [
        { category: 'tiara', coverageAmount: '1000' },
        { category: 'ring', coverageAmount: '-5' },
        { category: 'watch', coverageAmount: '25000000' },
      ],
    });
    assert.deepEqual(
      items.json().errors?.map((error) => `${error.field} ${error.code}: ${error.message}`),
      [
        'body.items.0.category unknown_category: "tiara" is not an item category of this product.',
        'body.items.1.coverageAmount coverage_not_positive: The coverage amount must be more than zero.',
        'body.items.2.coverageAmount coverage_too_large: The coverage amount can be at most 10000000.00.',
      ],
    );
    const elsewhere = await call('customer', 'POST', '/api/v1/products/jewelry/rate', { ...ringInNewYork, state: 'ZZ' });
    assert.equal(elsewhere.json().errors?.[0]?.message, 'This product is not sold in ZZ.');
    const malformed = await call('customer', 'POST', '/api/v1/products/jewelry/rate', {
      ...ringInNewYork,
      items: [{ category: 'ring', coverageAmount: 5000 }],
    });
    assert.equal(malformed.statusCode, 400, 'a number instead of a decimal string');
    assert.equal((await call('anonymous', 'POST', '/api/v1/products/jewelry/rate', ringInNewYork)).statusCode, 401);
  });

  test('a bad CSV returns every line error and loads nothing', async () => {
    const before = await countRateTables();
    const csv = 'key,value\nring,1.10\nearrings,\nnecklace,abc\nbracelet,-1\nring,1.2\ntiara,1\n';
    const refused = await call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'category_rate', csv });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'rate_table_invalid');
    assert.deepEqual(
      refused.json().errors?.map((error) => `${error.field}: ${error.message}`),
      [
        'body.csv.line.3: Line 3: the value for "earrings" is missing.',
        'body.csv.line.4: Line 4: "abc" is not a decimal number like 1.05.',
        'body.csv.line.5: Line 5: the value -1 is negative.',
        'body.csv.line.6: Line 6: "ring" appears twice; it is already on line 2.',
        'body.csv.line.7: Line 7: "tiara" is not a key of this table for this product.',
        'body.csv: The table has no row for "watch".',
        'body.csv: The table has no row for "loose_stone".',
        'body.csv: The table has no row for "other".',
      ],
    );
    assert.equal(await countRateTables(), before, 'nothing half-loaded');
  });

  test('a customer cannot upload or activate tables (403) nor list them; staff can list', async () => {
    const before = await countRateTables();
    const upload = await call('customer', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'safe_factor', csv: 'key,value\nkept_in_safe,0.5\n' });
    assert.equal(upload.statusCode, 403);
    assert.equal(await countRateTables(), before);
    assert.equal((await call('customer', 'GET', '/api/v1/products/jewelry/rate-tables')).statusCode, 403);
    const auditorUpload = await call('auditor', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'safe_factor', csv: 'key,value\nkept_in_safe,0.5\n' });
    assert.equal(auditorUpload.statusCode, 403, 'auditors read and change nothing');
    const listed = await call('adjuster', 'GET', '/api/v1/products/jewelry/rate-tables');
    assert.equal(listed.statusCode, 200);
    assert.ok((listed.json().items as unknown[]).length >= 5);
  });

  test('activating a new table changes quotes dated on or after its effective date, not before', async () => {
    const csv = DEMO_RATE_TABLE_CSV.territory_factor.replace('NY,1.05', 'NY,1.20');
    const uploaded = await call(
      'underwriter',
      'POST',
      '/api/v1/products/jewelry/rate-tables',
      { name: 'territory_factor', csv },
      { 'idempotency-key': 'terr-2027' },
    );
    assert.equal(uploaded.statusCode, 201, JSON.stringify(uploaded.json()));
    const draft = uploaded.json() as { id: string; version: number; status: string; rowCount: number };
    assert.deepEqual([draft.version, draft.status, draft.rowCount], [2, 'draft', 5]);
    const retried = await call(
      'underwriter',
      'POST',
      '/api/v1/products/jewelry/rate-tables',
      { name: 'territory_factor', csv },
      { 'idempotency-key': 'terr-2027' },
    );
    assert.equal(retried.json().id, draft.id, 'a retried upload creates no second draft');
    const premiumOn = async (ratingDate: string) => {
      const rated = await call('customer', 'POST', '/api/v1/products/jewelry/rate', { ...ringInNewYork, ratingDate });
      assert.equal(rated.statusCode, 200, JSON.stringify(rated.json()));
      return (rated.json().total as { amount: string }).amount;
    };
    assert.equal(await premiumOn('2027-06-01'), '50.47', 'a draft rates nothing');

    const past = await call('underwriter', 'POST', `/api/v1/rate-tables/${draft.id}/activate`, { effectiveFrom: '2026-11-20' });
    assert.deepEqual([past.statusCode, past.json().code], [422, 'effective_date_in_past']);
    assert.equal((await call('customer', 'POST', `/api/v1/rate-tables/${draft.id}/activate`, { effectiveFrom: '2027-01-01' })).statusCode, 403);
    const activated = await call('underwriter', 'POST', `/api/v1/rate-tables/${draft.id}/activate`, { effectiveFrom: '2027-01-01' });
    assert.equal(activated.statusCode, 200, JSON.stringify(activated.json()));
    assert.deepEqual([activated.json().status, activated.json().effectiveFrom], ['active', '2027-01-01']);

    // Before 2027-01-01: 5000/100 × 1.10 × 1.05 × 0.92 × 0.95 = 50.4735 → 50.47 (territory v1)
    assert.equal(await premiumOn('2026-12-31'), '50.47');
    assert.equal(await premiumOn('2026-11-21'), '50.47');
    // From 2027-01-01: 5000/100 × 1.10 × 1.20 × 0.92 × 0.95 = 57.684 → 57.68 (territory v2)
    assert.equal(await premiumOn('2027-01-01'), '57.68');
    const worksheet = (await call('customer', 'POST', '/api/v1/products/jewelry/rate', { ...ringInNewYork, ratingDate: '2027-03-01' })).json();
    assert.ok(
      (worksheet.tables as { table: string; version: number; effectiveFrom: string }[]).some(
        (source) => source.table === 'territory_factor' && source.version === 2 && source.effectiveFrom === '2027-01-01',
      ),
    );

    const again = await call('underwriter', 'POST', `/api/v1/rate-tables/${draft.id}/activate`, { effectiveFrom: '2027-02-01' });
    assert.deepEqual([again.statusCode, again.json().code], [409, 'rate_table_not_draft']);
    const other = await call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'territory_factor', csv });
    const clash = await call('underwriter', 'POST', `/api/v1/rate-tables/${other.json().id}/activate`, { effectiveFrom: '2027-01-01' });
    assert.deepEqual([clash.statusCode, clash.json().code], [409, 'effective_date_taken']);

    const detail = await call('adjuster', 'GET', `/api/v1/rate-tables/${draft.id}`);
    assert.deepEqual(
      (detail.json().rows as { key: string; value: string }[]).find((row) => row.key === 'NY'),
      { key: 'NY', value: '1.20' },
    );
    const events = await bezel.deps.db.selectFrom('audit_event').select(['action', 'details']).where('subject_id', '=', draft.id).orderBy('id').execute();
    assert.deepEqual(
      events.map((event) => event.action),
      ['rate_table.uploaded', 'rate_table.activated'],
    );
    assert.deepEqual(events[1]?.details, { product: 'jewelry', name: 'territory_factor', version: 2, effectiveFrom: '2027-01-01', replacesVersion: 1 });
  });
});
