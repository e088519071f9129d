import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { ANONYMISE, DELETE, keep, NOT_PERSONAL, personal } from '../../data-map/declare.ts';
import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { type ColumnType, decideRow, type RowContext, scrubJson } from './erasure-plan.ts';

const TEXT: ColumnType = { dataType: 'text', nullable: false, hasDefault: false };
const NULLABLE: ColumnType = { dataType: 'text', nullable: true, hasDefault: false };
const RECORD = { purposes: ['essential.service'], provenance: ['data_subject'] } as const;

const table: TableDeclaration = {
  table: 'example',
  module: 'test',
  subjectColumn: 'user_id',
  columns: {
    id: NOT_PERSONAL,
    user_id: NOT_PERSONAL,
    name: personal('user.name', { ...RECORD, retention: 'policy_life_plus_7_years', erasure: keep('contract') }),
    note: personal('user.content.private', { ...RECORD, retention: 'until_erasure', erasure: ANONYMISE }),
    ip: personal('user.device.ip_address', { ...RECORD, retention: 'session_30_days', erasure: DELETE }),
  },
};

function context(overrides: Partial<RowContext> = {}): RowContext {
  return {
    table,
    values: { id: 'r1', user_id: 'u1', name: 'Ada', note: 'likes pearls', ip: '203.0.113.9' },
    columnTypes: { name: TEXT, note: TEXT, ip: NULLABLE },
    tiedPolicies: [{ id: 'p1', status: 'expired', lastDay: '2024-05-31' }],
    legalHold: null,
    today: Temporal.PlainDate.from('2026-11-21'),
    userId: 'u1',
    rowRef: '(0,1)',
    ...overrides,
  };
}

test('PRV-RIGHT-3: a keep runs while its retention runs; anonymise and delete columns go now (known answers)', () => {
  // Policy ended 2024-05-31: kept until 2031-05-31, so the name stays; the note is anonymised, the IP nulled.
  const decision = decideRow(context());
  assert.equal(decision.kind, 'update');
  if (decision.kind !== 'update') return;
  assert.deepEqual(Object.keys(decision.set).sort(), ['ip', 'note']);
  assert.deepEqual(decision.set.ip, { to: 'null' });
  assert.match(String((decision.set.note as { value: string }).value), /^erased-[0-9a-f]{10}$/);
  assert.deepEqual(decision.kept, [{ kind: 'basis', basis: 'contract' }]);
});

test('PRV-RIGHT-3: after the policy’s life plus 7 years the kept value goes too (2018-12-31 + 7 years = 2025-12-31 < 2026-11-21)', () => {
  const decision = decideRow(context({ tiedPolicies: [{ id: 'p1', status: 'expired', lastDay: '2018-12-31' }] }));
  assert.equal(decision.kind, 'update');
  if (decision.kind === 'update') assert.deepEqual(Object.keys(decision.set).sort(), ['ip', 'name', 'note']);
});

test('PRV-RIGHT-3: a policy in force keeps everything; a legal hold keeps everything with its reason', () => {
  assert.deepEqual(decideRow(context({ tiedPolicies: [{ id: 'p1', status: 'in_force', lastDay: '2027-11-30' }] })), {
    kind: 'keep',
    kept: [{ kind: 'policy_in_force' }],
  });
  assert.deepEqual(decideRow(context({ legalHold: 'Lawsuit 17' })), { kind: 'keep', kept: [{ kind: 'legal_hold', reason: 'Lawsuit 17' }] });
});

test('PRV-RIGHT-3: a row whose personal columns all say delete is deleted', () => {
  const onlyDelete: TableDeclaration = { ...table, columns: { id: NOT_PERSONAL, ip: table.columns.ip ?? NOT_PERSONAL } };
  assert.deepEqual(decideRow(context({ table: onlyDelete })), { kind: 'delete' });
});

test('PRV-RIGHT-3: scrubbing JSON keeps its shape, numbers, dates and ids, and no other string (property)', () => {
  const keepable = fc.oneof(fc.integer().map(String), fc.constantFrom('2026-11-21', 'USD', '123e4567-e89b-42d3-a456-426614174000'));
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const scrubbed = scrubJson(value);
      const walk = (before: unknown, after: unknown): boolean => {
        if (typeof before === 'string') return after === before || after === 'erased';
        if (Array.isArray(before)) return Array.isArray(after) && before.length === after.length && before.every((item, index) => walk(item, after[index]));
        if (before !== null && typeof before === 'object')
          return Object.entries(before).every(([key, inner]) => walk(inner, (after as Record<string, unknown>)[key]));
        return Object.is(before, after) || before === after;
      };
      return walk(value, scrubbed);
    }),
  );
  fc.assert(fc.property(keepable, (text) => scrubJson(text) === text));
  assert.deepEqual(scrubJson({ name: 'Ada Lovelace', amount: '5000.00', items: [{ description: 'Pearls', on: '2026-10-01' }] }), {
    name: 'erased',
    amount: '5000.00',
    items: [{ description: 'erased', on: '2026-10-01' }],
  });
});
