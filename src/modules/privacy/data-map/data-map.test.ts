import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/test-database.ts';
import { isRetentionRuleId } from '../domain/retention-rules.ts';
import { DATA_MAP, declaredColumnNames, personalColumns } from './index.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

async function databaseColumns(): Promise<string[]> {
  const rows = await database.withConnection(({ query }) =>
    query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    ),
  );
  return rows.map((row) => `${row.table_name}.${row.column_name}`);
}

test('PRV-COLLECT-1: every column of the migrated database is declared in the data map', async () => {
  const declared = new Set(declaredColumnNames());
  const undeclared = (await databaseColumns()).filter((name) => !declared.has(name)).sort();
  assert.deepEqual(undeclared, [], `columns the data map does not declare:\n  ${undeclared.join('\n  ')}`);
});

test('PRV-COLLECT-1: every declaration of the data map names a column the database has', async () => {
  const present = new Set(await databaseColumns());
  const stale = declaredColumnNames()
    .filter((name) => !present.has(name))
    .sort();
  assert.deepEqual(stale, [], `declarations without a column:\n  ${stale.join('\n  ')}`);
});

test('PRV-COLLECT-1: each table is declared once, by one module', () => {
  const tables = DATA_MAP.map((declaration) => declaration.table);
  const twice = tables.filter((table, index) => tables.indexOf(table) !== index);
  assert.deepEqual(twice, []);
  for (const declaration of DATA_MAP) {
    if (declaration.subjectColumn !== null)
      assert.ok(declaration.columns[declaration.subjectColumn], `${declaration.table}.${declaration.subjectColumn} is its subject column`);
  }
});

test('PRV-USE-1 / PRV-COLLECT-2 / PRV-RET-1: every personal column has a purpose, a provenance, a known retention rule and an erasure action', () => {
  const columns = personalColumns();
  assert.ok(columns.length > 40, 'the map declares the personal columns of every module');
  for (const { table, column, declaration } of columns) {
    const name = `${table}.${column}`;
    assert.ok(declaration.purposes.length > 0, `${name} has a purpose`);
    assert.ok(declaration.provenance.length > 0, `${name} has a provenance`);
    assert.ok(isRetentionRuleId(declaration.retention), `${name}: unknown retention rule ${declaration.retention}`);
    if (declaration.erasure.action === 'keep') assert.ok(declaration.erasure.basis.trim().length > 10, `${name} says why it is kept`);
  }
});

test('PRV-IP-1 / PRV-RET-1: the application evidence is kept while the policy lives, invoices 7 years', () => {
  const submittedIp = personalColumns('application').find((entry) => entry.column === 'submitted_ip');
  assert.equal(submittedIp?.declaration.retention, 'policy_life_plus_7_years');
  assert.equal(submittedIp?.declaration.erasure.action, 'keep');
  const amount = personalColumns('invoice').find((entry) => entry.column === 'amount');
  assert.equal(amount?.declaration.retention, 'invoice_7_years');
  assert.equal(amount?.declaration.erasure.action, 'keep');
  // jsonb holding named insureds and addresses is personal as a whole.
  assert.equal(personalColumns('application').find((entry) => entry.column === 'mailing_address')?.declaration.category, 'user.contact.address');
});
