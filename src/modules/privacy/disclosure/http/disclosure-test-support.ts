import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Role } from '../../../../platform/db/schema.ts';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';

/** Shared set-up of the disclosure API tests: a Bezel with one demo user per role, and calls as any of them. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
export type Json = Record<string, any>;
export type Reply = { statusCode: number; body: string; headers: Record<string, unknown>; json(): Json };

export type DisclosureTest = {
  readonly bezel: TestBezel;
  call(as: Role, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  userId(role: Role): Promise<string>;
  auditEvents(
    action: string,
  ): Promise<{ actor_id: string | null; subject_id: string | null; purpose: string | null; outcome: string; details: Json; personal_details: Json | null }[]>;
};

export function useDisclosureTest(): DisclosureTest {
  let bezel: TestBezel | undefined;
  const csrfCookie = 'd'.repeat(43);
  const sessions = new Map<string, string>();
  const running = (): TestBezel => {
    if (!bezel) throw new Error('the test Bezel is not started yet');
    return bezel;
  };
  before(async () => {
    bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z
    await seedDemoUsers(bezel.deps);
  });
  after(async () => bezel?.close());

  return {
    get bezel() {
      return running();
    },
    async call(as, method, url, body, headers = {}) {
      const app = running().app;
      if (!sessions.has(as)) {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
        assert.equal(login.statusCode, 200, login.body);
        sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
      }
      return (await app.inject({
        method,
        url,
        headers: {
          cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
          'x-csrf-token': csrfTokenFor(running().deps.appSecret, csrfCookie),
          ...headers,
        },
        ...(body !== undefined && { payload: body as object }),
      })) as unknown as Reply;
    },
    async userId(role) {
      return (await running().deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()).id;
    },
    async auditEvents(action) {
      return (await running()
        .deps.db.selectFrom('audit_event')
        .select(['actor_id', 'subject_id', 'purpose', 'outcome', 'details', 'personal_details'])
        .where('action', '=', action)
        .orderBy('id')
        .execute()) as never;
    },
  };
}
