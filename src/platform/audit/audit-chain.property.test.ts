import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { asSuperuserAttacker, chainSeqs, oneToN, recordEvents, testClock } from './audit-test-support.ts';
import { sealAuditEvents } from './seal-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

type Step =
  | { kind: 'record'; details: Record<string, unknown>[] }
  | { kind: 'late' }
  | { kind: 'seal'; batchSize: number; maxBatches: number }
  | { kind: 'erase' };

// PostgreSQL text and jsonb cannot hold U+0000; everything else goes, including non-BMP characters.
const noNul = (value: unknown) => !JSON.stringify(value).includes('\\u0000');
const details = fc
  .dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }), { maxKeys: 4 })
  .filter(noNul);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), details: fc.array(details, { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('late' as const) }),
  fc.record({ kind: fc.constant('seal' as const), batchSize: fc.integer({ min: 1, max: 7 }), maxBatches: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('erase' as const) }),
);

describe('audit chain (property)', () => {
  let database: TestDatabase;
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
  });

  it('for any events and any batch sizes, the chain is 1..n and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const db = database.db;
        await asSuperuserAttacker(database, async (query) => {
          await query('DELETE FROM audit_event');
        });
        const reserved: string[] = [];
        let recorded = 0;
        for (const current of steps) {
          clock.advance({ milliseconds: 1 });
          if (current.kind === 'record') {
            await recordEvents(db, clock, current.details.length, (index) => current.details[index] ?? {});
            recorded += current.details.length;
          } else if (current.kind === 'late') {
            // An id taken now whose row commits at the end, after later ids were (maybe) sealed.
            const { rows } = await sql<{ id: string }>`SELECT nextval('audit_event_id_seq')::text AS id`.execute(db);
            reserved.push(rows[0]?.id as string);
          } else if (current.kind === 'seal') {
            await sealAuditEvents(db, clock, { batchSize: current.batchSize, maxBatches: current.maxBatches });
            const partial = await verifyAuditChain(db, { pageSize: 3 });
            assert.equal(partial.ok, true);
          } else {
            // Erasure of personal data may hit any row, sealed or not.
            await db.updateTable('audit_event').set({ personal_details: null }).execute();
          }
        }
        for (const id of reserved) {
          await sql`INSERT INTO audit_event (id, occurred_at, actor_type, action, subject_type) VALUES (${id}, ${clock.now().toString()}, 'system', 'job.late', 'job')`.execute(
            db,
          );
        }
        const total = recorded + reserved.length;
        await sealAuditEvents(db, clock, { batchSize: 1 + (total % 5) });
        assert.deepEqual(await chainSeqs(db), oneToN(total));
        assert.deepEqual(await verifyAuditChain(db, { pageSize: 4 }), { ok: true, checked: total, unsealed: 0 });
      }),
      { numRuns: 60 },
    );
  });
});
