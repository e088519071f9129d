import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELETE, NOT_PERSONAL, personal } from '../../data-map/declare.ts';
import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { buildAccessPackage, readableSections, WITHHELD } from './package-content.ts';

const RIGHTS = { purposes: ['essential.service'], provenance: ['system'], retention: 'until_erasure', erasure: DELETE } as const;
const map: TableDeclaration[] = [
  {
    table: 'app_user',
    module: 'accounts',
    subjectColumn: 'id',
    columns: { id: NOT_PERSONAL, email: personal('user.contact.email', RIGHTS), password_hash: personal('user.authorization.credentials', RIGHTS) },
  },
  {
    table: 'disclosure',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: { id: NOT_PERSONAL, subject_user_id: NOT_PERSONAL, basis: NOT_PERSONAL },
  },
  { table: 'empty', module: 'x', subjectColumn: 'user_id', columns: { user_id: NOT_PERSONAL } },
];

test('PRV-RIGHT-1: the package follows the data map: tables with rows, column descriptions, credentials withheld, disclosures listed', () => {
  const reached = new Map([
    ['app_user', [{ rowRef: '(0,1)', values: { id: 'u1', email: 'ada@example.com', password_hash: '$argon2id$…', extra: 'not declared' } }]],
    ['disclosure', [{ rowRef: '(0,2)', values: { id: 'd1', subject_user_id: 'u1', basis: 'reinsurance' } }]],
  ]);
  const content = buildAccessPackage(map, reached, 'u1', '2026-11-21T12:00:00Z');
  assert.deepEqual(
    content.tables.map((table) => table.table),
    ['app_user', 'disclosure'],
  );
  assert.deepEqual(content.tables[0]?.rows, [{ id: 'u1', email: 'ada@example.com', password_hash: WITHHELD }]);
  assert.deepEqual(content.tables[0]?.columns[1], {
    name: 'email',
    personal: true,
    category: 'user.contact.email',
    purposes: ['essential.service'],
    provenance: ['system'],
    retention: 'until_erasure',
  });
  assert.deepEqual(content.disclosures, [{ id: 'd1', subject_user_id: 'u1', basis: 'reinsurance' }]);
  assert.deepEqual(readableSections(content)[1], { title: 'disclosure (privacy) — 1', lines: ['id: d1; subject_user_id: u1; basis: reinsurance'] });
});
