import type { Actor } from '../auth/actor.ts';
import { type Clock, FixedClock } from '../clock.ts';
import type { Database, Db } from '../db/database.ts';
import { recordAuditEvent } from './record-audit-event.ts';

/** Helpers shared by the audit tests; not used by production code. */

export const staffActor: Actor = { kind: 'user', userId: 'user-1', roles: ['adjuster'], locale: 'en', via: 'session', purpose: 'claim review' };

export function testClock(): FixedClock {
  return new FixedClock('2026-11-21T13:38:59.123456Z');
}

/** Records `count` events, each in its own committed transaction, as a use case would. */
export async function recordEvents(db: Db, clock: Clock, count: number, details: (index: number) => Record<string, unknown> = (index) => ({ index })) {
  for (let index = 0; index < count; index += 1) {
    await db.transaction().execute((trx) =>
      recordAuditEvent(
        trx,
        {
          actor: staffActor,
          action: 'claim.view',
          subject: { type: 'claim', id: `claim-${index}` },
          details: details(index),
          personalDetails: { ip: '192.0.2.1' },
        },
        clock,
      ),
    );
  }
}

export type SqlQuery = (text: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Plays a superuser attacker: switches the append-only trigger off, runs `work`, and switches it
 * back on. The production role cannot do this (it does not own the table); tests use it to check
 * that verify notices what the trigger would have refused.
 */
export async function asSuperuserAttacker(database: Database, work: (query: SqlQuery) => Promise<void>): Promise<void> {
  await database.withConnection(async ({ query }) => {
    await query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    try {
      await work((text, parameters) => query(text, parameters));
    } finally {
      await query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    }
  });
}

/** chain_seq of every sealed event in chain order, as numbers. */
export async function chainSeqs(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('audit_event').select('chain_seq').where('chain_seq', 'is not', null).orderBy('chain_seq').execute();
  return rows.map((row) => Number(row.chain_seq));
}

export function oneToN(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index + 1);
}

/** The error a database driver raised, reduced to what the tests compare (both drivers set `code`). */
export function databaseError(error: unknown): { code: string | undefined; message: string } {
  const { code, message } = error as { code?: string; message: string };
  return { code, message };
}
