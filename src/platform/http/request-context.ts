import type { Actor } from '../auth/actor.ts';
import type { Locale } from '../db/schema.ts';

/**
 * What every request carries once the platform hooks have run (see app.ts):
 * who is acting, in which language, and the CSRF token to embed in forms.
 */
declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    /** Token to put in forms (`_csrf` field) and in the `x-csrf-token` header of htmx/JS calls. */
    csrfToken: string;
    /** Set when the request was authenticated by a browser session cookie. */
    sessionTokenHash: string | null;
  }
}

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
