import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
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

/**
 * One user's account. When staff open someone else's record, the view is audited with the purpose
 * they gave (DESIGN §5: staff access to personal data is recorded with its reason).
 */
export async function getAccount(deps: Deps, actor: Actor, userId: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Account> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const account = await findAccountVisibleTo(trx, actor, userId);
    if (!account) throw problems.notFound();
    if (actor.kind === 'user' && actor.userId !== userId) {
      await recordAuditEvent(trx, { actor, action: 'user.viewed', subject: { type: 'user', id: userId }, requestId: origin.requestId }, deps.clock);
    }
    return account;
  });
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
