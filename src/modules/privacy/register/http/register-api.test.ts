import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';
import { personalColumns } from '../../index.ts';

/** PRV-USE-1, PRV-COLLECT-1, PRV-COLLECT-2: the register of processing as a page, JSON and CSV. */
let bezel: TestBezel;
const sessions = new Map<string, string>();

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
});
after(async () => bezel.close());

async function get(as: 'privacy_officer' | 'auditor' | 'customer' | 'admin', url: string, headers: Record<string, string> = {}) {
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return bezel.app.inject({ method: 'GET', url, headers: { cookie: `bezel_session=${sessions.get(as)}`, ...headers } });
}

test('PRV-USE-1: the register names a purpose, categories, tables, provenance, retention and erasure for every personal column', async () => {
  const reply = await get('auditor', '/api/v1/privacy/register');
  assert.equal(reply.statusCode, 200);
  const register = reply.json() as {
    purposes: { purpose: string; tables: { table: string; columns: string[] }[]; retention: string[] }[];
    retentionRules: { id: string }[];
  };
  const listed = new Set(
    register.purposes.flatMap((group) => group.tables.flatMap((table) => table.columns.map((column) => `${group.purpose}|${table.table}.${column}`))),
  );
  for (const entry of personalColumns())
    for (const purpose of entry.declaration.purposes)
      assert.ok(listed.has(`${purpose}|${entry.table}.${entry.column}`), `${entry.table}.${entry.column} under ${purpose}`);
  const security = register.purposes.find((group) => group.purpose === 'essential.service.security');
  assert.ok(security?.tables.some((table) => table.table === 'user_session' && table.columns.includes('ip_address')));
  assert.ok(register.retentionRules.some((rule) => rule.id === 'call_recording_180_days'));
});

test('PRV-COLLECT-2: the register downloads as CSV with provenance per column', async () => {
  const reply = await get('privacy_officer', '/api/v1/privacy/register.csv');
  assert.equal(reply.statusCode, 200);
  assert.match(String(reply.headers['content-type']), /^text\/csv/);
  assert.match(String(reply.headers['content-disposition']), /attachment/);
  const lines = reply.body.split('\r\n');
  assert.equal(lines[0]?.split(',')[5], 'provenance');
  const ip = lines.find((line) => line.startsWith('essential.legal_obligation,application,submitted_ip,'));
  assert.ok(ip, 'the PRV-IP-1 evidence is in the register');
  assert.match(ip, /,policy_life_plus_7_years,7 years,policy_end,keep,/);
  // One row per purpose and personal column, plus the header and the final empty line.
  const rows = personalColumns().reduce((sum, entry) => sum + entry.declaration.purposes.length, 0);
  assert.equal(lines.length, rows + 2);
});

test('PRV-USE-1: the back-office register page groups by purpose, in English and Dutch; customers may not see it', async () => {
  const page = await get('privacy_officer', '/backoffice/privacy/register');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Register of processing/);
  assert.match(page.body, /Providing the insurance service/);
  assert.match(page.body, /180 days from the call/);
  assert.match(page.body, /href="\/api\/v1\/privacy\/register.csv"/);
  const dutch = await bezel.app.inject({
    method: 'GET',
    url: '/backoffice/privacy/register',
    headers: { cookie: `bezel_session=${sessions.get('privacy_officer')}; bezel_lang=nl` },
  });
  assert.match(dutch.body, /Register van verwerkingen/);
  assert.match(dutch.body, /De verzekering uitvoeren/);
  assert.equal((await get('customer', '/backoffice/privacy/register')).statusCode, 403);
  assert.equal((await get('customer', '/api/v1/privacy/register')).statusCode, 403);
  assert.equal((await get('customer', '/api/v1/privacy/register.csv')).statusCode, 403);
  const anonymous = await bezel.app.inject({ method: 'GET', url: '/api/v1/privacy/register' });
  assert.equal(anonymous.statusCode, 401);
});
