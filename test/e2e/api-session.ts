import assert from 'node:assert/strict';
import { csrfTokenFor } from '../../src/platform/http/csrf.ts';
import type { RunningBezel } from './support.ts';

/** Set-up of the agent and underwriter journeys through the JSON API (not SQL), as an integration would call it. */

/** A JSON API session of one user: session cookie, CSRF cookie and header, as a browser's fetch would send them. */
export async function apiSession(server: RunningBezel, email: string, password: string) {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const session = /bezel_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const csrfCookie = 'e'.repeat(43);
  const headers = {
    'content-type': 'application/json',
    cookie: `bezel_session=${session}; bezel_csrf=${csrfCookie}`,
    'x-csrf-token': csrfTokenFor(server.bezel.deps.appSecret, csrfCookie),
  };
  return async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${server.baseUrl}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const json = (await response.json()) as Record<string, unknown>;
    return { status: response.status, json };
  };
}
