import type { UserActor } from '../../platform/auth/actor.ts';
import { nowText } from '../../platform/clock.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Authenticator } from '../../platform/http/app.ts';
import { findApiTokenActor, findSessionActor } from './accounts-repository.ts';

/**
 * Tells the platform who is calling. One indexed query per request, nothing cached in memory,
 * so a logout, a disabled user or a revoked token takes effect on the very next request on
 * every instance.
 */
export function createAuthenticator(deps: Pick<Deps, 'db' | 'clock'>): Authenticator {
  return {
    async fromSession(tokenHash) {
      const found = await findSessionActor(deps.db, tokenHash, nowText(deps.clock));
      if (!found) return null;
      const actor: UserActor = {
        kind: 'user',
        userId: found.userId,
        roles: found.roles,
        locale: found.locale,
        via: 'session',
        processingRestricted: found.processingRestricted,
      };
      return actor;
    },
    async fromApiToken(token) {
      const found = await findApiTokenActor(deps.db, sha256Hex(token), nowText(deps.clock));
      if (!found) return null;
      const actor: UserActor = {
        kind: 'user',
        userId: found.userId,
        roles: found.roles,
        locale: found.locale,
        via: 'api_token',
        tokenScopes: found.scopes,
        apiTokenId: found.tokenId,
        processingRestricted: found.processingRestricted,
      };
      return actor;
    },
  };
}
