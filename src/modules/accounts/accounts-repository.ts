import { sql } from 'kysely';
import { scopeApiTokens, scopeUsers } from '../../platform/auth/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { precompiled } from '../../platform/db/precompiled.ts';
import type { EmailTokenPurpose, Locale, Role, UserStatus } from '../../platform/db/schema.ts';

/** SQL only; returns the accounts module's own types. */
export type Account = {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  status: UserStatus;
  emailConfirmedAt: string | null;
  createdAt: string;
  roles: Role[];
};

export type AccountWithPassword = Account & { passwordHash: string | null };

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const accountColumns = [
  'app_user.id',
  'app_user.email',
  'app_user.display_name',
  'app_user.locale',
  'app_user.status',
  'app_user.email_confirmed_at',
  'app_user.created_at',
  'app_user.password_hash',
] as const;

type AccountRow = {
  id: string;
  email: string;
  display_name: string;
  locale: Locale;
  status: UserStatus;
  email_confirmed_at: string | null;
  created_at: string;
  password_hash: string | null;
  roles: Role[] | null;
};

function toAccount(row: AccountRow): AccountWithPassword {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    status: row.status,
    emailConfirmedAt: row.email_confirmed_at,
    createdAt: row.created_at,
    roles: [...(row.roles ?? [])].sort(),
    passwordHash: row.password_hash,
  };
}

function withoutPassword({ passwordHash: _hidden, ...account }: AccountWithPassword): Account {
  return account;
}

function selectAccounts(db: Db) {
  return db
    .selectFrom('app_user')
    .select(accountColumns)
    .select(sql<Role[] | null>`(SELECT array_agg(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = app_user.id)`.as('roles'));
}

export async function findAccountByEmailForLogin(db: Db, email: string): Promise<AccountWithPassword | null> {
  const row = await selectAccounts(db).where('app_user.email', '=', email).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function findAccountById(db: Db, id: string): Promise<Account | null> {
  const row = await selectAccounts(db).where('app_user.id', '=', id).executeTakeFirst();
  return row ? withoutPassword(toAccount(row)) : null;
}

const ownAccountQuery = precompiled((db: Db, userId: string) => selectAccounts(db).where('app_user.id', '=', userId));

/** Reads an account only if the actor may reach it: otherwise null, which routes answer with 404. */
export async function findAccountVisibleTo(db: Db, actor: Actor, id: string): Promise<Account | null> {
  // Everyone may read their own account (scopeUsers): the hot path of every page and GET /me skips building the scope.
  const row =
    actor.kind === 'user' && actor.userId === id
      ? (await ownAccountQuery(db, id))[0]
      : await scopeUsers(actor)(selectAccounts(db)).where('app_user.id', '=', id).executeTakeFirst();
  return row ? withoutPassword(toAccount(row)) : null;
}

/** Keyset pagination by (email, id): stable while users are added. */
export async function listAccountsVisibleTo(
  db: Db,
  actor: Actor,
  options: { after?: { email: string; id: string }; limit: number; search?: string },
): Promise<Account[]> {
  let query = scopeUsers(actor)(selectAccounts(db));
  if (options.search)
    query = query.where((eb) => eb.or([eb('app_user.email', 'ilike', `%${options.search}%`), eb('app_user.display_name', 'ilike', `%${options.search}%`)]));
  if (options.after) {
    const { email, id } = options.after;
    query = query.where((eb) => eb.or([eb('app_user.email', '>', email), eb.and([eb('app_user.email', '=', email), eb('app_user.id', '>', id)])]));
  }
  const rows = await query.orderBy('app_user.email').orderBy('app_user.id').limit(options.limit).execute();
  return rows.map((row) => withoutPassword(toAccount(row)));
}

export async function insertAccount(
  db: Db,
  account: {
    id: string;
    email: string;
    displayName: string;
    locale: Locale;
    status: UserStatus;
    passwordHash: string | null;
    now: string;
    emailConfirmedAt: string | null;
  },
  roles: Role[],
  grantedBy: string | null,
): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      id: account.id,
      email: account.email,
      display_name: account.displayName,
      locale: account.locale,
      status: account.status,
      password_hash: account.passwordHash,
      email_confirmed_at: account.emailConfirmedAt,
      created_at: account.now,
      updated_at: account.now,
    })
    .execute();
  if (roles.length > 0) {
    await db
      .insertInto('user_role')
      .values(roles.map((role) => ({ user_id: account.id, role, granted_at: account.now, granted_by: grantedBy })))
      .execute();
  }
}

export async function replaceRoles(db: Db, userId: string, roles: Role[], grantedBy: string | null, now: string): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).where('role', 'not in', roles).execute();
  await db
    .insertInto('user_role')
    .values(roles.map((role) => ({ user_id: userId, role, granted_at: now, granted_by: grantedBy })))
    .onConflict((conflict) => conflict.columns(['user_id', 'role']).doNothing())
    .execute();
}

export async function updateAccount(
  db: Db,
  id: string,
  changes: { displayName?: string; locale?: Locale; status?: UserStatus; passwordHash?: string; emailConfirmedAt?: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      ...(changes.displayName !== undefined && { display_name: changes.displayName }),
      ...(changes.locale !== undefined && { locale: changes.locale }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      ...(changes.emailConfirmedAt !== undefined && { email_confirmed_at: changes.emailConfirmedAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .where('user_role.role', '=', 'admin')
    .where('app_user.status', '=', 'active')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// Sessions

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: string; now: string; expiresAt: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.now,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
      ip_address: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

const sessionActorQuery = precompiled((db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', now)
    .where('app_user.status', '=', 'active')
    .select(['app_user.id', 'app_user.locale', 'app_user.processing_restricted'])
    .select(sql<Role[] | null>`(SELECT array_agg(r.role) FROM user_role r WHERE r.user_id = app_user.id)`.as('roles')),
);

/** One query per request: the session, its live user and the user's roles. */
export async function findSessionActor(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ userId: string; locale: Locale; roles: Role[]; processingRestricted: boolean } | null> {
  const [row] = await sessionActorQuery(db, tokenHash, now);
  return row ? { userId: row.id, locale: row.locale, roles: row.roles ?? [], processingRestricted: row.processing_restricted } : null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Email links

export async function insertEmailToken(
  db: Db,
  token: { tokenHash: string; userId: string; purpose: EmailTokenPurpose; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('email_token')
    .values({ token_hash: token.tokenHash, user_id: token.userId, purpose: token.purpose, created_at: token.now, expires_at: token.expiresAt, used_at: null })
    .execute();
}

/**
 * Marks a link used and returns its user, in one statement: a link works once, even when two
 * requests race with it. Expired, used, or unknown links return null.
 */
export async function consumeEmailToken(db: Db, tokenHash: string, purpose: EmailTokenPurpose, now: string): Promise<string | null> {
  const row = await db
    .updateTable('email_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** The address a link was sent to, so a new password can be checked against it before the link is used. */
export async function findEmailOfLink(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db
    .selectFrom('email_token')
    .innerJoin('app_user', 'app_user.id', 'email_token.user_id')
    .select('app_user.email')
    .where('email_token.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.email ?? null;
}

/** A newer link replaces older ones of the same purpose. */
export async function invalidateEmailTokens(db: Db, userId: string, purpose: EmailTokenPurpose, now: string): Promise<void> {
  await db.updateTable('email_token').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

// API tokens

export async function insertApiToken(
  db: Db,
  token: { id: string; userId: string; name: string; tokenHash: string; prefix: string; scopes: string[]; now: string; expiresAt: string | null },
): Promise<void> {
  await db
    .insertInto('api_token')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      token_prefix: token.prefix,
      scopes: token.scopes,
      created_at: token.now,
      expires_at: token.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

const apiTokenActorQuery = precompiled((db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
    .where('app_user.status', '=', 'active')
    .select(['api_token.id', 'api_token.scopes', 'app_user.id as user_id', 'app_user.locale', 'app_user.processing_restricted'])
    .select(sql<Role[] | null>`(SELECT array_agg(r.role) FROM user_role r WHERE r.user_id = app_user.id)`.as('roles')),
);

export async function findApiTokenActor(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ tokenId: string; userId: string; locale: Locale; roles: Role[]; scopes: string[]; processingRestricted: boolean } | null> {
  const [row] = await apiTokenActorQuery(db, tokenHash, now);
  return row
    ? { tokenId: row.id, userId: row.user_id, locale: row.locale, roles: row.roles ?? [], scopes: row.scopes, processingRestricted: row.processing_restricted }
    : null;
}

export async function listApiTokensVisibleTo(db: Db, actor: Actor): Promise<ApiTokenSummary[]> {
  const rows = await scopeApiTokens(actor)(db.selectFrom('api_token').selectAll()).orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/** Revokes a token the actor owns; null when there is no such token within reach (→ 404). */
export async function revokeApiTokenVisibleTo(db: Db, actor: Actor, id: string, now: string): Promise<'revoked' | 'already_revoked' | null> {
  const token = await scopeApiTokens(actor)(db.selectFrom('api_token').select(['id', 'revoked_at']))
    .where('api_token.id', '=', id)
    .executeTakeFirst();
  if (!token) return null;
  if (token.revoked_at) return 'already_revoked';
  await db.updateTable('api_token').set({ revoked_at: now }).where('id', '=', id).execute();
  return 'revoked';
}
