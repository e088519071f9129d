import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { findRecipient, insertAgreement, type Recipient } from '../disclosure-repository.ts';
import { disclosureErrors } from '../errors.ts';
import { now } from './common.ts';

/**
 * PRV-PROC-1: "processor agreements with every processor" — the agreement's reference, the day it was
 * signed and, when it has one, its last day. Only service providers (processors) have one.
 */
export async function addProcessorAgreement(
  deps: Deps,
  actor: Actor,
  recipientId: string,
  input: { reference: string; signedOn: string; endsOn?: string | null | undefined },
  origin: RequestOrigin = SYSTEM_ORIGIN,
): Promise<Recipient> {
  requirePermission(actor, 'privacy:manage');
  const endsOn = input.endsOn ?? null;
  if (endsOn !== null && endsOn < input.signedOn) throw disclosureErrors.agreementDates();
  return inTransaction(deps.db, async (trx) => {
    const recipient = await findRecipient(trx, recipientId, { forUpdate: true });
    if (!recipient) throw problems.notFound();
    if (recipient.type !== 'service_provider') throw disclosureErrors.agreementNotForType();
    const id = newId();
    await insertAgreement(trx, {
      id,
      recipient_id: recipientId,
      reference: input.reference,
      signed_on: input.signedOn,
      ends_on: endsOn,
      created_at: now(deps),
      created_by: actor.kind === 'user' ? actor.userId : null,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'processor_agreement.added',
        subject: { type: 'privacy_recipient', id: recipientId },
        details: { agreementId: id, reference: input.reference, signedOn: input.signedOn, endsOn },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return (await findRecipient(trx, recipientId)) ?? recipient;
  });
}
