import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { JewelerOrderKind } from '../../../platform/db/schema-claims-payments.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { getPolicy } from '../../policies/index.ts';
import { assertPersonNotRestricted, findRecipientOfUser, recordDisclosure } from '../../privacy/index.ts';
import { findClaimItems } from '../claims-repository.ts';
import {
  findActiveUserWithRole,
  findOrderOfClaim,
  findUserPhone,
  insertJewelerOrder,
  type JewelerOrder,
  listOrdersOfClaim,
  setClaimJeweler,
} from '../jeweler-order-repository.ts';
import { jewelerOrderErrors } from '../payment-errors.ts';
import { mailJewelerOrder } from './claim-mails.ts';
import { assertOpenForSettlement, lockedClaim } from './claim-payment-support.ts';

export type JewelerOrderInput = {
  jewelerUserId: string;
  kind: JewelerOrderKind;
  /** The claim item (line) to repair or replace. */
  lineNo: number;
  /** What to do, in the adjuster's words. */
  instructions: string;
  /** Option: the jeweler collects the policy deductible from the insured. */
  collectDeductible: boolean;
  /** The number the jeweler calls the customer on; the profile's phone number when not given. */
  customerPhone?: string | null | undefined;
};

/** The data categories of a repair order (PRV-DISC-3 limits the repair_order basis to these). */
function categoriesOf(phone: string | null): string[] {
  return ['user.name', 'user.contact.address', ...(phone ? ['user.contact.phone_number'] : []), 'user.insurance.insured_property', 'user.insurance.claim'];
}

/**
 * JPF-SETTLE-2: "replacement via the selling jeweler or an approved jeweler" — the adjuster sends a repair or
 * replacement order to a user with the jeweler role. The order carries only what the jeweler needs: the item, what
 * to do, the customer's name, address and phone (and, with the option, the deductible to collect). Sending it
 * discloses that data, so the disclosure is logged by the privacy module in the same transaction (PRV-DISC-3,
 * basis 'repair_order'); a jeweler who is not in the recipient registry receives nothing. The claim's jeweler
 * becomes this jeweler, so they reach the claim, and the jeweler is mailed a notice of the order (outbox, same
 * transaction) that links to their orders page.
 */
export async function sendJewelerOrder(deps: Deps, actor: Actor, claimId: string, input: JewelerOrderInput, origin: RequestOrigin): Promise<JewelerOrder> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    assertOpenForSettlement(claim);
    const item = (await findClaimItems(trx, claim.id, claim.currency)).find((candidate) => candidate.lineNo === input.lineNo);
    if (!item) throw jewelerOrderErrors.lineUnknown(input.lineNo);
    const open = (await listOrdersOfClaim(trx, claim.id)).find(
      (order) => order.lineNo === input.lineNo && (order.status === 'sent' || order.status === 'accepted'),
    );
    if (open) throw jewelerOrderErrors.alreadyOpen(open.orderNo);
    const jeweler = await findActiveUserWithRole(trx, input.jewelerUserId, 'jeweler');
    if (!jeweler) throw jewelerOrderErrors.notApprovedJeweler();
    // PRV-RIGHT-4: a person whose processing is restricted has no data sent out.
    await assertPersonNotRestricted(trx, actor, claim.holderUserId);
    const recipient = await findRecipientOfUser(trx, jeweler.id);
    if (!recipient) throw jewelerOrderErrors.notRecipient();

    const policy = await getPolicy({ ...deps, db: trx }, systemActor('claims.jeweler_orders'), claim.policyId);
    const address = policy.application.mailingAddress;
    const customerAddress = `${address.street}, ${address.city}, ${address.state} ${address.postalCode}, ${address.country}`;
    const customerPhone = input.customerPhone?.trim() || (await findUserPhone(trx, claim.holderUserId));
    const id = newId();
    const disclosure = await recordDisclosure(
      { ...deps, db: trx },
      actor,
      {
        recipientId: recipient.id,
        subjectUserId: claim.holderUserId,
        categories: categoriesOf(customerPhone),
        basis: 'repair_order',
        purpose: `JPF-SETTLE-2: ${input.kind} order for claim ${claim.claimNumber}`,
        reference: { type: 'jeweler_order', id },
      },
      origin,
    );
    if (!disclosure.recorded) throw jewelerOrderErrors.disclosureRefused(disclosure.reason);

    const now = nowText(deps.clock);
    const orderNo = await insertJewelerOrder(trx, {
      id,
      claimId: claim.id,
      jewelerUserId: jeweler.id,
      kind: input.kind,
      lineNo: item.lineNo,
      itemDescription: item.partDescription ? `${item.description} (${item.partDescription})` : item.description,
      instructions: input.instructions.trim(),
      customerName: claim.insuredName,
      customerAddress,
      customerPhone,
      collectDeductible: input.collectDeductible,
      deductible: input.collectDeductible ? policy.application.deductible : null,
      currency: claim.currency,
      disclosureId: disclosure.disclosure.id,
      sentBy: actor.userId,
      sentAt: now,
    });
    await setClaimJeweler(trx, claim.id, jeweler.id, now);
    const order = await findOrderOfClaim(trx, claim.id, id);
    if (!order) throw new Error('jeweler order vanished');
    // JPF-SETTLE-2: the jeweler is told by mail (their language), with no customer data beyond the order's.
    const mailed = await mailJewelerOrder(trx, deps, order);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.jeweler_order_sent',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          orderId: id,
          orderNo,
          kind: input.kind,
          lineNo: item.lineNo,
          jewelerUserId: jeweler.id,
          disclosureId: disclosure.disclosure.id,
          collectDeductible: input.collectDeductible,
          mailed,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return order;
  });
}
