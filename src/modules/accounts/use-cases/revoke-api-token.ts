import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { revokeApiTokenVisibleTo } from '../accounts-repository.ts';
import { accountErrors } from '../errors.ts';

/** Revokes one of the actor's own tokens; it stops working on the next request. */
export async function revokeApiToken(deps: Deps, actor: Actor, tokenId: string, origin: RequestOrigin): Promise<void> {
  requirePermission(actor, 'tokens:manage_own');
  await inTransaction(deps.db, async (trx) => {
    const result = await revokeApiTokenVisibleTo(trx, actor, tokenId, nowText(deps.clock));
    if (result === null) throw problems.notFound();
    if (result === 'already_revoked') throw accountErrors.tokenAlreadyRevoked();
    await recordAuditEvent(trx, { actor, action: 'api_token.revoked', subject: { type: 'api_token', id: tokenId }, requestId: origin.requestId }, deps.clock);
  });
}
