/**
 * The SQL that Bezel runs for an API-token GET /api/v1/me, written out by hand (the text Kysely
 * compiles from findApiTokenActor and findAccountVisibleTo in accounts-repository.ts, for a
 * customer, whose user scope adds `app_user.id = $2`). The bare baseline route runs exactly these
 * two statements with the plain driver, so the difference to Bezel is Bezel's own plumbing.
 * If those repository functions change, change these too (see docs/operations/performance.md).
 */
export const TOKEN_ACTOR_SQL =
  'select "api_token"."id", "api_token"."scopes", "app_user"."id" as "user_id", "app_user"."locale", ' +
  '(SELECT array_agg(r.role) FROM user_role r WHERE r.user_id = app_user.id) as "roles" ' +
  'from "api_token" inner join "app_user" on "app_user"."id" = "api_token"."user_id" ' +
  'where "api_token"."token_hash" = $1 and "api_token"."revoked_at" is null ' +
  'and ("api_token"."expires_at" is null or "api_token"."expires_at" > $2) and "app_user"."status" = $3';

export const ACCOUNT_SQL =
  'select "app_user"."id", "app_user"."email", "app_user"."display_name", "app_user"."locale", "app_user"."status", ' +
  '"app_user"."email_confirmed_at", "app_user"."created_at", "app_user"."password_hash", ' +
  '(SELECT array_agg(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = app_user.id) as "roles" ' +
  'from "app_user" where "app_user"."id" = $1 and "app_user"."id" = $2';

export type TokenActorRow = { id: string; scopes: string[]; user_id: string; locale: string; roles: string[] | null };

export type AccountRow = {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  status: string;
  email_confirmed_at: string | null;
  created_at: string;
  password_hash: string | null;
  roles: string[] | null;
};
