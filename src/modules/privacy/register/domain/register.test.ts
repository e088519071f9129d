import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { RETENTION_RULES } from '../../domain/retention-rules.ts';
import { csvField, registerByPurpose, registerCsv } from './register.ts';

const MAP: TableDeclaration[] = [
  {
    table: 'person',
    module: 'accounts',
    subjectColumn: 'id',
    columns: {
      id: { personal: false },
      name: {
        personal: true,
        category: 'user.name',
        purposes: ['essential.service', 'marketing.communications.email'],
        provenance: ['data_subject', 'agent'],
        retention: 'until_erasure',
        erasure: { action: 'anonymise' },
        description: 'Name, "as given"',
      },
    },
  },
  {
    table: 'bill',
    module: 'billing',
    subjectColumn: null,
    columns: {
      amount: {
        personal: true,
        category: 'user.insurance.payment',
        purposes: ['essential.service'],
        provenance: ['system'],
        retention: 'invoice_7_years',
        erasure: { action: 'keep', basis: 'Tax law, 7 years' },
      },
    },
  },
];

test('PRV-USE-1: the register lists each purpose with its categories, tables, provenance, retention and erasure', () => {
  const groups = registerByPurpose(MAP);
  assert.deepEqual(
    groups.map((group) => group.purpose),
    ['essential.service', 'marketing.communications.email'],
  );
  const service = groups[0];
  assert.deepEqual(service?.categories, ['user.insurance.payment', 'user.name']);
  assert.deepEqual(service?.tables, [
    { table: 'bill', columns: ['amount'] },
    { table: 'person', columns: ['name'] },
  ]);
  assert.deepEqual(service?.provenance, ['agent', 'data_subject', 'system']);
  assert.deepEqual(service?.retention, ['invoice_7_years', 'until_erasure']);
  assert.deepEqual(service?.erasure, [{ action: 'anonymise' }, { action: 'keep', basis: 'Tax law, 7 years' }]);
  // Non-personal columns are not in the register.
  assert.ok(!groups.some((group) => group.entries.some((entry) => entry.column === 'id')));
});

test('PRV-COLLECT-2: the CSV has one row per purpose and column, with provenance, period and quoting', () => {
  const csv = registerCsv(MAP, RETENTION_RULES);
  const lines = csv.split('\r\n');
  assert.equal(
    lines[0],
    'purpose,table,column,module,category,provenance,retention_rule,retention_period,retention_trigger,erasure,erasure_basis,sensitive,description',
  );
  assert.equal(lines[1], 'essential.service,person,name,accounts,user.name,data_subject;agent,until_erasure,,erasure,anonymise,,no,"Name, ""as given"""');
  assert.equal(
    lines[2],
    'marketing.communications.email,person,name,accounts,user.name,data_subject;agent,until_erasure,,erasure,anonymise,,no,"Name, ""as given"""',
  );
  assert.equal(
    lines[3],
    'essential.service,bill,amount,billing,user.insurance.payment,system,invoice_7_years,7 years,document_date,keep,"Tax law, 7 years",no,',
  );
  assert.equal(lines[4], '');
  assert.equal(lines.length, 5);
});

test('PRV-USE-1: CSV fields are quoted when needed and never start a formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
  // Property: a quoted field, unquoted by the RFC 4180 rule, gives back the value (after the formula guard).
  fc.assert(
    fc.property(fc.string(), (value) => {
      const field = csvField(value);
      const unquoted = field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
      const expected = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
      assert.equal(unquoted, expected);
      if (!field.startsWith('"')) assert.ok(!/[",\r\n]/.test(field));
    }),
  );
});
