import type { ComponentChildren } from 'preact';
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
    /** Set by a module's hook for the layout to show on every page (platform code imports no module). */
    pageSlots?: PageSlots;
  }
}

/** What a module adds around every page: the privacy module's cookie banner and cookie settings link (PRV-COOKIE-1). */
export type PageSlots = { banner?: ComponentChildren; footerLinks?: ComponentChildren };

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
