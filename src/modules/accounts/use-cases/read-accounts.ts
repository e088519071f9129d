import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Account, type ApiTokenSummary, findAccountVisibleTo, listAccountsVisibleTo, listApiTokensVisibleTo } from '../accounts-repository.ts';

/**
 * Reads. Each goes through the actor's SQL scope: a record out of reach is "not found".
 * Cursors are opaque base64url of the last row's sort key.
 */
export async function getMyAccount(deps: Deps, actor: Actor): Promise<Account> {
  requirePermission(actor, 'profile:read');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const account = await findAccountVisibleTo(deps.db, actor, actor.userId);
  if (!account) throw problems.unauthenticated();
  return account;
}

export async function getAccount(deps: Deps, actor: Actor, userId: string): Promise<Account> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const account = await findAccountVisibleTo(deps.db, actor, userId);
  if (!account) throw problems.notFound();
  return account;
}

export type AccountPage = { items: Account[]; nextCursor: string | null };

export async function listAccounts(
  deps: Deps,
  actor: Actor,
  options: { cursor?: string | undefined; limit: number; search?: string | undefined },
): Promise<AccountPage> {
  requirePermission(actor, 'users:read');
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const items = await listAccountsVisibleTo(deps.db, actor, {
    limit: options.limit + 1,
    ...(after && { after }),
    ...(options.search && { search: options.search }),
  });
  const page = items.slice(0, options.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > options.limit && last ? encodeCursor(last) : null };
}

export async function listMyApiTokens(deps: Deps, actor: Actor): Promise<ApiTokenSummary[]> {
  requirePermission(actor, 'tokens:manage_own');
  return listApiTokensVisibleTo(deps.db, actor);
}

function encodeCursor(account: Account): string {
  return Buffer.from(JSON.stringify([account.email, account.id])).toString('base64url');
}

function decodeCursor(cursor: string): { email: string; id: string } {
  try {
    const [email, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof email === 'string' && typeof id === 'string') return { email, id };
  } catch {
    // fall through to the problem below
  }
  throw problems.validation([{ field: 'query.cursor', code: 'invalid_format', messageKey: 'error.field.invalid_format' }]);
}
