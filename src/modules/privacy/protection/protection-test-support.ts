import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { sql } from 'kysely';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';

/**
 * Shared set-up of the privacy protection tests: a Bezel (PGlite, or PostgreSQL with DATABASE_URL) with
 * demo users and the demo product, calls as a logged-in demo user, and a dump of every row of every table
 * (to prove what the database does not hold).
 */
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
export type Json = Record<string, any>;
export type Reply = { statusCode: number; json(): Json; body: string; rawPayload: Buffer; headers: Record<string, unknown> };
export type Who = 'customer' | 'privacy_officer' | 'admin' | 'auditor';

export const MASTER_KEY_1 = Buffer.alloc(32, 11).toString('base64');
export const MASTER_KEY_2 = Buffer.alloc(32, 22).toString('base64');

export function useProtectionTest(overrides: Record<string, string> = {}) {
  let bezel: TestBezel | undefined;
  const csrfCookie = 'p'.repeat(43);
  const sessions = new Map<Who, string>();
  const running = (): TestBezel => {
    if (!bezel) throw new Error('the test Bezel is not started yet');
    return bezel;
  };
  before(async () => {
    bezel = await createTestBezel(overrides); // the clock stands at 2026-11-21T12:00:00Z
    await seedDemoUsers(bezel.deps);
    await seedDemoProduct(bezel.deps);
  });
  after(async () => bezel?.close());

  async function call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply> {
    const app = running().app;
    if (!sessions.has(as)) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
    }
    return (await app.inject({
      method,
      url,
      headers: { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(running().deps.appSecret, csrfCookie) },
      ...(body !== undefined && { payload: body as object }),
    })) as unknown as Reply;
  }

  /** Every row of every table of the database as JSON text, to search for what must not be there. */
  async function dumpDatabase(): Promise<string> {
    const db = running().deps.db;
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(db);
      for (const row of rows.rows) parts.push(`${table_name} ${row.row}`);
    }
    return parts.join('\n');
  }

  return {
    get bezel() {
      return running();
    },
    call,
    dumpDatabase,
  };
}

/** A few bytes that look like an MP3 header and carry a marker that must never be found in the database. */
export const AUDIO = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), Buffer.from('BEZEL-SECRET-AUDIO-MARKER '.repeat(20))]);

export function recordingBody(overrides: Record<string, unknown> = {}) {
  return {
    callerPhone: '+31 6 1234 5678',
    purpose: 'verify_agreement',
    recordedAt: '2026-11-20T15:30:00Z',
    durationSeconds: 312,
    mediaType: 'audio/mpeg',
    recording: AUDIO.toString('base64'),
    ...overrides,
  };
}
