import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { isUuid } from '../ids.ts';

/**
 * One-time messages after a redirect ("Your profile has been saved."), carried by a short-lived
 * cookie. The cookie holds only a key from the module's allow-list, optionally with the id of the
 * record the message is about; the module reads that record again, within the reader's access, when
 * the message is shown. So no text from a request is ever reflected: a forged cookie can only pick
 * one of the allowed messages about a record its reader may see anyway.
 */

/** What a flash cookie held, once checked: an allowed key and, if any, a well-formed record id. */
export type FlashCookieValue<K extends string> = { key: K; subjectId: string | undefined };

export type FlashCookie<K extends string> = {
  set(reply: FastifyReply, deps: Deps, key: K, subjectId?: string): void;
  /** Reads and clears the cookie; undefined when there is none or it does not hold up. */
  take(deps: Deps, request: FastifyRequest, reply: FastifyReply): FlashCookieValue<K> | undefined;
};

/** A minute is enough to follow the redirect; a message found later would be stale. */
const FLASH_MAX_AGE_SECONDS = 60;

function cookieOptions(deps: Deps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };
}

/** Each module has its own cookie name, so one module's key is never read as another's. */
export function flashCookie<K extends string>(name: string, keys: readonly K[]): FlashCookie<K> {
  const allowed: ReadonlySet<string> = new Set(keys);
  const isKey = (value: string | undefined): value is K => value !== undefined && allowed.has(value);
  return {
    set(reply, deps, key, subjectId) {
      reply.setCookie(name, subjectId === undefined ? key : `${key}~${subjectId}`, { ...cookieOptions(deps), maxAge: FLASH_MAX_AGE_SECONDS });
    },
    take(deps, request, reply) {
      const raw = request.cookies[name];
      if (raw === undefined) return undefined;
      reply.clearCookie(name, cookieOptions(deps));
      const [key, subjectId, ...rest] = raw.split('~');
      if (rest.length > 0 || !isKey(key)) return undefined;
      if (subjectId !== undefined && !isUuid(subjectId)) return undefined;
      return { key, subjectId };
    },
  };
}
