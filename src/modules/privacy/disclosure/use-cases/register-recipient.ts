import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { findRecipient, insertRecipient, type Recipient, userExists } from '../disclosure-repository.ts';
import type { RecipientType } from '../domain/disclosure-rules.ts';
import { disclosureErrors } from '../errors.ts';
import { now } from './common.ts';

export type RecipientInput = {
  name: string;
  type: RecipientType;
  description?: string | null | undefined;
  contactEmail?: string | null | undefined;
  /** The login of an agent, jeweler or partner firm, when it has one. */
  userId?: string | null | undefined;
};

/**
 * PRV-DISC-3: a privacy officer adds a recipient to the registry. Service providers (processors) receive
 * nothing until a processor agreement is added (PRV-PROC-1).
 */
export async function registerRecipient(deps: Deps, actor: Actor, input: RecipientInput, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Recipient> {
  requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, async (trx) => {
    const userId = input.userId ?? null;
    if (userId !== null && !(await userExists(trx, userId))) throw disclosureErrors.userNotFound('body.userId');
    const id = newId();
    await insertRecipient(trx, {
      id,
      name: input.name,
      recipient_type: input.type,
      description: input.description ?? null,
      contact_email: input.contactEmail ?? null,
      user_id: userId,
      created_at: now(deps),
      created_by: actor.kind === 'user' ? actor.userId : null,
      retired_at: null,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy_recipient.registered',
        subject: { type: 'privacy_recipient', id },
        details: { type: input.type, userId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const recipient = await findRecipient(trx, id);
    if (!recipient) throw new Error('recipient vanished');
    return recipient;
  });
}
