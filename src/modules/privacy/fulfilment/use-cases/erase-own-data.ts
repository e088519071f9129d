import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { type ErasureReport, erasePersonData } from './erase-person.ts';

/**
 * PRV-RIGHT-3 from the portal: the logged-in customer (verified by their session, PRV-RIGHT-10) has their
 * data erased at once; the answer lists what was kept and why, shown to them on the spot.
 */
export async function eraseOwnData(deps: Deps, actor: Actor, origin: RequestOrigin): Promise<ErasureReport> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, (trx) => erasePersonData(deps, trx, actor, actor.userId, { requestId: origin.requestId }));
}
