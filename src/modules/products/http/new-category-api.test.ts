import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { DEMO_DEFINITION, DEMO_RATE_TABLE_CSV, seedDemoProduct } from '../index.ts';

/**
 * Issue #3, "a product is versioned data: item categories … deductible options … rating tables": a new
 * category and a new deductible reach the market in order — their rates are uploaded (declared as new keys),
 * activated, then the version that offers them is published (publishing refuses a version without them).
 */
let bezel: TestBezel;
const csrfCookie = 'n'.repeat(43);
const sessions = new Map<string, string>();
before(async () => {
  bezel = await createTestBezel(); // 2026-11-21
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
});
after(async () => bezel.close());

type Reply = { statusCode: number; json(): Record<string, unknown> & { errors?: { field: string; code: string }[] } };
async function call(as: 'underwriter' | 'customer', method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply> {
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return (await bezel.app.inject({
    method,
    url,
    headers: { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie) },
    ...(body !== undefined && { payload: body as object }),
  })) as unknown as Reply;
}
const rateTables = async () =>
  Number(
    (
      await bezel.deps.db
        .selectFrom('rate_table')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const withBrooch = {
  ...DEMO_DEFINITION,
  itemCategories: [...DEMO_DEFINITION.itemCategories, { code: 'brooch', label: { en: 'Brooch', nl: 'Broche' } }],
  deductibleOptions: [...DEMO_DEFINITION.deductibleOptions, '2500'],
};

describe('a new category and deductible (issue #3, products as data)', () => {
  test('undeclared new keys stay errors (a typing slip is caught); declared ones must be new keys of a table that takes them', async () => {
    const before = await rateTables();
    const csv = `${DEMO_RATE_TABLE_CSV.category_rate.trimEnd()}\nbrooch,1.05\n`;
    const undeclared = await call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'category_rate', csv });
    assert.equal(undeclared.statusCode, 422);
    assert.deepEqual(
      undeclared.json().errors?.map((error) => error.code),
      ['unknown_key'],
    );
    for (const [name, newKeys] of [
      ['category_rate', ['ring']],
      ['category_rate', ['Not A Code!']],
      ['safe_factor', ['in_vault']],
      ['deductible_factor', ['lots']],
    ] as const) {
      const refused = await call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name, csv: DEMO_RATE_TABLE_CSV[name], newKeys });
      assert.equal(refused.statusCode, 422, `${name} ${newKeys}: ${JSON.stringify(refused.json())}`);
      assert.equal(refused.json().code, 'new_keys_invalid');
    }
    assert.equal(await rateTables(), before, 'nothing was loaded');
  });

  test('rates for a brooch and a $2,500 deductible are loaded and activated first; then the version offering them is published and quotes them', async () => {
    const refused = await call('underwriter', 'POST', '/api/v1/products/jewelry/versions', {
      definition: withBrooch,
      effectiveFrom: '2027-01-01',
      broadening: false,
    });
    assert.equal(refused.statusCode, 422, 'not before its rates are in force');

    const tables = [
      ['category_rate', `${DEMO_RATE_TABLE_CSV.category_rate.trimEnd()}\nbrooch,1.05\n`, ['brooch']],
      ['deductible_factor', `${DEMO_RATE_TABLE_CSV.deductible_factor.trimEnd()}\n2500,0.70\n`, ['2500']],
    ] as const;
    for (const [name, csv, newKeys] of tables) {
      const uploaded = await call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name, csv, newKeys });
      assert.equal(uploaded.statusCode, 201, JSON.stringify(uploaded.json()));
      const activated = await call('underwriter', 'POST', `/api/v1/rate-tables/${uploaded.json().id}/activate`, { effectiveFrom: '2026-12-01' });
      assert.equal(activated.statusCode, 200, JSON.stringify(activated.json()));
    }
    const published = await call('underwriter', 'POST', '/api/v1/products/jewelry/versions', {
      definition: withBrooch,
      effectiveFrom: '2027-01-01',
      broadening: false,
    });
    assert.equal(published.statusCode, 201, JSON.stringify(published.json()));

    const quote = await call('customer', 'POST', '/api/v1/products/jewelry/rate', {
      state: 'NY',
      deductible: '2500',
      ratingDate: '2027-01-02',
      items: [{ category: 'brooch', coverageAmount: '10000.00', keptInSafe: false }],
    });
    assert.equal(quote.statusCode, 200, JSON.stringify(quote.json()));
    // 10000/100 × 1.05 (brooch) × 1.05 (NY) × 0.70 ($2,500) = 77.175 → 77.18 (half-up)
    assert.deepEqual(quote.json().total, { amount: '77.18', currency: 'USD' });
  });
});
