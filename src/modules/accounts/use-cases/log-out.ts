import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { deleteSession } from '../accounts-repository.ts';

/** Ends this browser session only; the session row is deleted, so the cookie is worthless afterwards. */
export async function logOut(deps: Deps, actor: Actor, sessionTokenHash: string | null, origin: RequestOrigin): Promise<void> {
  if (!sessionTokenHash) return;
  await inTransaction(deps.db, async (trx) => {
    const userId = await deleteSession(trx, sessionTokenHash);
    if (userId)
      await recordAuditEvent(trx, { actor, action: 'auth.logged_out', subject: { type: 'user', id: userId }, requestId: origin.requestId }, deps.clock);
  });
}
