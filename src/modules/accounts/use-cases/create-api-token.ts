import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { isPermission, permissionsOf, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type ApiTokenSummary, insertApiToken } from '../accounts-repository.ts';
import { accountErrors } from '../errors.ts';

export const API_TOKEN_PREFIX = 'bzl_';

export type CreatedApiToken = ApiTokenSummary & { token: string };

/**
 * A bearer token for an integration (issue #2, point 3). Its scopes are a subset of the creator's
 * own permissions; the secret is shown once and only its SHA-256 is kept. A token cannot create
 * another token with more scopes than itself, since its permissions are already narrowed.
 */
export async function createApiToken(
  deps: Deps,
  actor: Actor,
  input: { name: string; scopes: string[]; expiresInDays?: number | undefined },
  origin: RequestOrigin,
): Promise<CreatedApiToken> {
  requirePermission(actor, 'tokens:manage_own');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const scopes = [...new Set(input.scopes)].sort();
  const unknown = scopes.filter((scope) => !isPermission(scope));
  if (unknown.length > 0) throw problems.validation([{ field: 'body.scopes', code: 'invalid_value', messageKey: 'error.field.invalid_value' }]);
  const held = permissionsOf(actor);
  const beyond = scopes.filter((scope) => !held.has(scope as never));
  if (beyond.length > 0) throw accountErrors.scopeNotAllowed(beyond);
  const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const id = newId();
  const now = nowText(deps.clock);
  const expiresAt = input.expiresInDays
    ? deps.clock
        .now()
        .add({ hours: 24 * input.expiresInDays })
        .toString()
    : null;
  await inTransaction(deps.db, async (trx) => {
    await insertApiToken(trx, {
      id,
      userId: actor.userId,
      name: input.name.trim(),
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, 10),
      scopes,
      now,
      expiresAt,
    });
    await recordAuditEvent(
      trx,
      { actor, action: 'api_token.created', subject: { type: 'api_token', id }, details: { scopes, expiresAt }, requestId: origin.requestId },
      deps.clock,
    );
  });
  return { id, name: input.name.trim(), prefix: secret.slice(0, 10), scopes, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null, token: secret };
}
