import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { systemActor } from '../../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';

/** Shared set-up of the privacy request tests: demo users plus a second customer, calls with session + CSRF. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
export type Json = Record<string, any>;
export type Reply = { statusCode: number; body: string; json(): Json; headers: Record<string, unknown> };
export type Who = 'customer' | 'customer3' | 'privacy_officer' | 'auditor' | 'underwriter';

export type RequestsTest = {
  readonly bezel: TestBezel;
  call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply>;
  anonymous(method: 'GET' | 'POST', url: string, body?: unknown, ip?: string): Promise<Reply>;
  uploadPdf(as: Who): Promise<Reply>;
  userId(as: Who): string;
  /** Forgets the sessions (after moving the clock far, they have expired). */
  forgetSessions(): void;
  /** Runs the outbox and returns the mails sent to `to`. */
  mailsTo(to: string): Promise<{ subject: string; text: string }[]>;
  auditActions(requestId: string): Promise<{ action: string; outcome: string }[]>;
};

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

export function useRequestsTest(): RequestsTest {
  let bezel: TestBezel | undefined;
  const csrfCookie = 'p'.repeat(43);
  const sessions = new Map<string, string>();
  const emails: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const running = (): TestBezel => {
    if (!bezel) throw new Error('the test Bezel is not started yet');
    return bezel;
  };

  before(async () => {
    bezel = await createTestBezel();
    await seedDemoUsers(bezel.deps);
    for (const role of ['customer', 'privacy_officer', 'auditor', 'underwriter'] as const) emails[role] = demoEmail(role);
    await createUser(
      bezel.deps,
      systemActor('test'),
      { email: 'customer3@example.com', displayName: 'Cora Three', roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
      SYSTEM_ORIGIN,
    );
    emails.customer3 = 'customer3@example.com';
    const rows = await bezel.deps.db.selectFrom('app_user').select(['id', 'email']).execute();
    for (const [who, email] of Object.entries(emails)) ids[who] = rows.find((row) => row.email === email)?.id ?? '';
  });
  after(async () => bezel?.close());

  const headersOf = (as: Who) => ({
    cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
    'x-csrf-token': csrfTokenFor(running().deps.appSecret, csrfCookie),
  });

  async function login(as: Who) {
    if (sessions.has(as)) return;
    const login = await running().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }

  return {
    get bezel() {
      return running();
    },
    async call(as, method, url, body) {
      await login(as);
      return (await running().app.inject({ method, url, headers: headersOf(as), ...(body !== undefined && { payload: body as object }) })) as unknown as Reply;
    },
    async anonymous(method, url, body, ip = '203.0.113.7') {
      return (await running().app.inject({ method, url, remoteAddress: ip, ...(body !== undefined && { payload: body as object }) })) as unknown as Reply;
    },
    async uploadPdf(as) {
      await login(as);
      return (await running().app.inject({
        method: 'POST',
        url: '/api/v1/files?purpose=other&fileName=authorisation.pdf',
        headers: { ...headersOf(as), 'content-type': 'application/pdf' },
        payload: PDF,
      })) as unknown as Reply;
    },
    userId: (as) => ids[as] ?? '',
    forgetSessions: () => sessions.clear(),
    async mailsTo(to) {
      await running().runJobs();
      return (await running().mails()).filter((mail) => mail.to.includes(to)).map((mail) => ({ subject: mail.subject, text: mail.text }));
    },
    async auditActions(requestId) {
      const rows = await running()
        .deps.db.selectFrom('audit_event')
        .select(['action', 'outcome'])
        .where('subject_type', '=', 'privacy_request')
        .where('subject_id', '=', requestId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ action: row.action, outcome: row.outcome }));
    },
  };
}
