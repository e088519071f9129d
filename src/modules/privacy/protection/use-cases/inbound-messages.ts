import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { protectionErrors } from '../errors.ts';
import { deleteInboundMessage, insertInboundMessage, userExists } from '../protection-repository.ts';
import { actorLabel } from './common.ts';

/**
 * PRV-CHILD-1: "messages apparently from a child are deleted". Staff register messages that reach the
 * insurer outside Bezel (mail, phone notes, email); when a staff member flags one as from a child it is
 * deleted at once, and only the fact of the deletion is audited (channel, dates; never its content).
 */
export type InboundMessageInput = {
  channel: 'email' | 'web_form' | 'mail' | 'phone';
  senderUserId?: string | null | undefined;
  senderName?: string | null | undefined;
  senderContact?: string | null | undefined;
  subject?: string | null | undefined;
  body: string;
  receivedAt: string;
};

export type InboundMessage = { id: string; channel: InboundMessageInput['channel']; receivedAt: string };

export async function registerInboundMessage(deps: Deps, actor: Actor, input: InboundMessageInput, origin: RequestOrigin): Promise<InboundMessage> {
  requirePermission(actor, 'privacy:manage');
  const receivedAt = Temporal.Instant.from(input.receivedAt);
  if (Temporal.Instant.compare(receivedAt, deps.clock.now()) > 0) throw protectionErrors.recordedInFuture();
  return inTransaction(deps.db, async (trx) => {
    if (input.senderUserId && !(await userExists(trx, input.senderUserId))) throw protectionErrors.userNotFound('body.senderUserId');
    const id = newId();
    await insertInboundMessage(trx, {
      id,
      channel: input.channel,
      sender_user_id: input.senderUserId ?? null,
      sender_name: input.senderName?.trim() || null,
      sender_contact: input.senderContact?.trim() || null,
      subject: input.subject?.trim() || null,
      body: input.body,
      received_at: receivedAt.toString(),
      registered_by: actorLabel(actor),
      created_at: nowText(deps.clock),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'inbound_message.registered',
        subject: { type: 'inbound_message', id },
        details: { channel: input.channel },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { id, channel: input.channel, receivedAt: receivedAt.toString() };
  });
}

/** PRV-CHILD-1: flagging a message as from a child deletes it; a second flag finds nothing (404). */
export async function deleteMessageFromChild(deps: Deps, actor: Actor, id: string, origin: RequestOrigin): Promise<{ id: string; deletedAt: string }> {
  requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, async (trx) => {
    const deleted = await deleteInboundMessage(trx, id);
    if (!deleted) throw problems.notFound();
    const deletedAt = nowText(deps.clock);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'inbound_message.deleted_from_child',
        subject: { type: 'inbound_message', id },
        details: { reason: 'PRV-CHILD-1: flagged as from a child', channel: deleted.channel, receivedAt: deleted.received_at },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { id, deletedAt };
  });
}
