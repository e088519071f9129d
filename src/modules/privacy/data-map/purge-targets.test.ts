import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retentionRule } from '../domain/retention-rules.ts';
import { columnDeclaration, personalColumns, tableDeclaration } from './index.ts';
import { PURGE_TARGETS } from './purge-targets.ts';

test('PRV-RET-1: every purge target applies a rule the data map declares for that table', () => {
  for (const target of PURGE_TARGETS) {
    const declaration = tableDeclaration(target.table);
    assert.ok(declaration, `${target.table} is in the data map`);
    assert.ok(retentionRule(target.rule).period, `${target.table}: ${target.rule} has a period`);
    const rules = new Set(personalColumns(target.table).map((entry) => entry.declaration.retention));
    assert.ok(rules.has(target.rule), `${target.table}: the map gives no personal column the rule ${target.rule}`);
    for (const column of [
      target.anchor.column,
      ...target.key,
      ...target.holds.userColumns,
      ...target.holds.policyColumns,
      ...(target.where ?? []).map((c) => c.column),
    ])
      assert.ok(columnDeclaration(target.table, column), `${target.table}.${column} is declared`);
    if (target.action.kind === 'delete') {
      // A row is deleted only when every personal column in it may go by then: none is kept by a longer rule.
      const longer = personalColumns(target.table).filter((entry) => entry.declaration.retention !== target.rule);
      assert.deepEqual(
        longer.map((entry) => entry.column),
        [],
        `${target.table}: deleting rows would also drop columns kept by other rules`,
      );
    } else {
      for (const column of target.action.columns) {
        const declared = columnDeclaration(target.table, column);
        assert.ok(declared?.personal, `${target.table}.${column} is personal`);
        assert.equal(declared.retention, target.rule, `${target.table}.${column} has the rule ${target.rule}`);
      }
    }
  }
});

test('PRV-REC-1: call recordings are purged 180 days after the call', () => {
  const target = PURGE_TARGETS.find((entry) => entry.table === 'call_recording');
  assert.equal(target?.rule, 'call_recording_180_days');
  assert.equal(target?.anchor.column, 'recorded_at');
  assert.equal(target?.action.kind, 'delete');
});
