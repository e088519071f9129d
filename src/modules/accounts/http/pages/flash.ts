import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { type MessageParams, translate } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { Flash, FlashKind } from '../../../../platform/ui/layout.tsx';
import { getAccount, listMyApiTokens } from '../../use-cases/read-accounts.ts';

/**
 * One-time messages after a redirect ("Your profile has been saved."), carried by a short-lived
 * cookie. The cookie holds only a key from the list below, optionally with the id of the record the
 * message is about; the record's name is read again, within the reader's access, when the message is
 * shown. So no text from a request is ever reflected: a forged cookie can only pick one of these
 * messages about a record its reader may see anyway.
 */
export const FLASH_COOKIE = 'bezel_flash';

type FlashSubject = 'user' | 'api_token' | null;

const FLASHES = {
  'confirm_email.confirmed': { kind: 'success', subject: null },
  'password_reset.complete.done': { kind: 'success', subject: null },
  'account.profile.saved': { kind: 'success', subject: null },
  'account.tokens.revoked': { kind: 'success', subject: 'api_token' },
  'users.create.done': { kind: 'success', subject: 'user' },
  'users.roles.done': { kind: 'success', subject: 'user' },
  'users.disable.done': { kind: 'success', subject: 'user' },
  'users.enable.done': { kind: 'success', subject: 'user' },
} as const satisfies Record<string, { kind: FlashKind; subject: FlashSubject }>;

export type FlashKey = keyof typeof FLASHES;

function isFlashKey(value: string | undefined): value is FlashKey {
  return value !== undefined && Object.hasOwn(FLASHES, value);
}

function cookieOptions(deps: Deps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };
}

export function setFlash(reply: FastifyReply, deps: Deps, key: FlashKey, subjectId?: string): void {
  reply.setCookie(FLASH_COOKIE, subjectId === undefined ? key : `${key}~${subjectId}`, { ...cookieOptions(deps), maxAge: 60 });
}

/** Reads and clears the flash; null when there is none or it does not hold up. */
export async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const raw = request.cookies[FLASH_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(FLASH_COOKIE, cookieOptions(deps));
  const [key, subjectId, ...rest] = raw.split('~');
  if (rest.length > 0 || !isFlashKey(key)) return undefined;
  const entry: { kind: FlashKind; subject: FlashSubject } = FLASHES[key];
  if (entry.subject === null) return subjectId === undefined ? { kind: entry.kind, message: translate(request.locale, key) } : undefined;
  if (subjectId === undefined || !isUuid(subjectId)) return undefined;
  const params = await subjectParams(deps, request.actor, entry.subject, subjectId);
  return params ? { kind: entry.kind, message: translate(request.locale, key, params) } : undefined;
}

async function subjectParams(deps: Deps, actor: Actor, subject: 'user' | 'api_token', id: string): Promise<MessageParams | null> {
  try {
    if (subject === 'user') {
      const account = await getAccount(deps, actor, id);
      return { name: account.displayName, email: account.email };
    }
    const token = (await listMyApiTokens(deps, actor)).find((candidate) => candidate.id === id);
    return token ? { name: token.name } : null;
  } catch (error) {
    // Out of the reader's reach (logged out meanwhile, no access): the message is simply dropped.
    if (error instanceof AppError) return null;
    throw error;
  }
}
