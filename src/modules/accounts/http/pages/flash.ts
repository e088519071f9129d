import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { type MessageParams, translate } from '../../../../platform/i18n/index.ts';
import { flashCookie } from '../../../../platform/ui/flash.ts';
import type { Flash, FlashKind } from '../../../../platform/ui/layout.tsx';
import { getAccount, listMyApiTokens } from '../../use-cases/read-accounts.ts';

/**
 * The accounts pages' one-time messages after a redirect (see platform/ui/flash.ts for why the
 * cookie holds only a key and a record id). The messages about a user or an API token name it, so
 * that record is read again, within the reader's access, when the message is shown.
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

const cookie = flashCookie(FLASH_COOKIE, Object.keys(FLASHES) as FlashKey[]);

export function setFlash(reply: FastifyReply, deps: Deps, key: FlashKey, subjectId?: string): void {
  cookie.set(reply, deps, key, subjectId);
}

/** Reads and clears the flash; undefined when there is none or it does not hold up. */
export async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = cookie.take(deps, request, reply);
  if (taken === undefined) return undefined;
  const { key, subjectId } = taken;
  const entry: { kind: FlashKind; subject: FlashSubject } = FLASHES[key];
  if (entry.subject === null) return subjectId === undefined ? { kind: entry.kind, message: translate(request.locale, key) } : undefined;
  if (subjectId === undefined) return undefined;
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
