import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { findRecipient, type Recipient, retireRecipientRow } from '../disclosure-repository.ts';
import { disclosureErrors } from '../errors.ts';
import { now } from './common.ts';

/**
 * PRV-DISC-3: a recipient the insurer no longer works with is retired: it stays in the registry (the disclosures
 * made to it keep naming it) but receives nothing from then on, and partners lose every authorisation's effect.
 */
export async function retireRecipient(deps: Deps, actor: Actor, recipientId: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Recipient> {
  requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, async (trx) => {
    const recipient = await findRecipient(trx, recipientId, { forUpdate: true });
    if (!recipient) throw problems.notFound();
    if (recipient.retiredAt !== null) throw disclosureErrors.recipientRetired();
    const retiredAt = now(deps);
    await retireRecipientRow(trx, recipientId, retiredAt);
    await recordAuditEvent(
      trx,
      { actor, action: 'privacy_recipient.retired', subject: { type: 'privacy_recipient', id: recipientId }, requestId: origin.requestId },
      deps.clock,
    );
    return { ...recipient, retiredAt };
  });
}
