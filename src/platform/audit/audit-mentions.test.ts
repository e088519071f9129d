import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { HASHED_COLUMN_NAMES } from './audit-hash.ts';
import { asSuperuserAttacker, staffActor, testClock } from './audit-test-support.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { sealAuditEvents } from './seal-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

/**
 * audit_event.mentions (migration 0022, docs/decisions/0015-erasure-lookups.md): the database keeps, beside
 * personal_details, the SHA-256 of each normalised string value and of each of its words of 4 characters or
 * more, so erasure finds the events that name a person through an index (PRV-RIGHT-3, issue #5).
 */
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('audit_event.mentions', () => {
  let database: TestDatabase;
  let db: Db;
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await asSuperuserAttacker(database, async (query) => {
      await query('DELETE FROM audit_event');
    });
  });

  async function record(personalDetails?: Record<string, unknown>): Promise<void> {
    await db
      .transaction()
      .execute((trx) => recordAuditEvent(trx, { actor: staffActor, action: 'policy.searched', subject: { type: 'search' }, personalDetails }, clock));
  }

  it('PRV-RIGHT-3: every writer gets them: normalised whole values, their words of 4+ characters, nested values, no numbers', async () => {
    // NFD "é" (e + U+0301) becomes NFC "é"; case and runs of spaces are folded; "de" and "ann" are too short as words;
    // the trailing full stop of "Mail JO@X.NL." is not part of the address.
    await record({ query: '  Jose\u0301   DE Vries ', nested: { notes: ['Mail JO@X.NL.', 7] }, short: 'Ann' });
    await record();
    const rows = await db.selectFrom('audit_event').select(['personal_details', 'mentions']).orderBy('id').execute();
    const expected = ['josé de vries', 'josé', 'vries', 'mail jo@x.nl.', 'mail', 'jo@x.nl', 'ann'].map(sha).sort();
    assert.deepEqual([...(rows[0]?.mentions ?? [])].sort(), expected);
    assert.equal(rows[1]?.mentions, null, 'an event without personal details has none');
  });

  it('PRV-RIGHT-3: the lookup keys hash the same way, so a name typed differently finds the event', async () => {
    await record({ query: 'josé de vries' });
    const { rows } = await sql<{ keys: string[] }>`SELECT audit_mention_keys(${['JOSÉ  de Vries']}::text[], ${['Piet Vries']}::text[]) AS keys`.execute(db);
    // Whole "josé de vries"; with words "piet vries" and "piet", "vries".
    assert.deepEqual([...(rows[0]?.keys ?? [])].sort(), ['josé de vries', 'piet vries', 'piet', 'vries'].map(sha).sort());
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE mentions && ${rows[0]?.keys ?? []}::text[]`.execute(db);
    assert.equal(found.rows[0]?.n, 1);
  });

  it('PRV-RIGHT-3: they are outside the hashed part and go with personal_details, so the chain still verifies after erasure', async () => {
    assert.ok(!(HASHED_COLUMN_NAMES as readonly string[]).includes('mentions'));
    await record({ email: 'erin@example.com' });
    await sealAuditEvents(db, clock);
    // What erasure does (person-data-repository.ts scrubAuditMentions), through the append-only trigger.
    await sql`UPDATE audit_event SET personal_details = NULL WHERE mentions && ${[sha('erin@example.com')]}::text[]`.execute(db);
    const row = await db.selectFrom('audit_event').select(['personal_details', 'mentions']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { personal_details: null, mentions: null });
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('PRV-RIGHT-3: the erasure lookup can use the GIN index instead of reading every event', async () => {
    await record({ email: 'erin@example.com' });
    const plan = await db.transaction().execute(async (trx) => {
      // The table is tiny here, so the planner is told not to scan it; it must then have an index for the lookup.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM audit_event WHERE mentions && ${[sha('x')]}::text[]`.execute(trx);
      return rows.map((line) => line['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /audit_event_mentions/);
  });
});
