import { actorColumns, recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { authorisationExistsFor, type Disclosure, findRecipient, insertDisclosure, isAgentOf, userExists } from '../disclosure-repository.ts';
import { checkDisclosure, type DisclosureRefusal } from '../domain/disclosure-rules.ts';
import { disclosureErrors } from '../errors.ts';
import { insurerToday, now } from './common.ts';

export type DisclosureInput = {
  recipientId: string;
  subjectUserId: string;
  /** Data-map categories, e.g. 'user.name', 'user.contact.address'. */
  categories: readonly string[];
  /** One of DISCLOSURE_BASES; anything else (a "sale") is refused (PRV-DISC-1). */
  basis: string;
  purpose: string;
  /** What it was about, e.g. { type: 'repair_order', id }. */
  reference?: { type: string; id: string } | undefined;
};

export type DisclosureResult =
  | { recorded: true; disclosure: Disclosure }
  | { recorded: false; reason: DisclosureRefusal | 'recipient_not_found' | 'subject_not_found' };

/**
 * PRV-DISC-3: every disclosure of personal data names its recipient, categories and basis, and is logged
 * here in the same transaction as the change that sends the data (pass the caller's transaction as
 * `deps.db`; the claims module calls this when it sends a repair order to a jeweler). PRV-DISC-1: a basis
 * of sale does not exist; a disclosure without an allowed basis, to a processor without a current
 * agreement (PRV-PROC-1) or to a partner the customer did not authorise is refused — a returned outcome
 * (nothing is disclosed, nothing logged as disclosed), and the refused attempt is audited.
 */
export async function recordDisclosure(deps: Deps, actor: Actor, input: DisclosureInput, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<DisclosureResult> {
  return inTransaction(deps.db, async (trx) => {
    const refuse = async (reason: Exclude<DisclosureResult, { recorded: true }>['reason']): Promise<DisclosureResult> => {
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'disclosure.refused',
          outcome: 'denied',
          subject: { type: 'app_user', id: input.subjectUserId },
          details: {
            recipientId: input.recipientId,
            basis: input.basis.slice(0, 60),
            categories: input.categories.slice(0, 40).map((c) => c.slice(0, 60)),
            reason,
          },
          requestId: origin.requestId,
        },
        deps.clock,
      );
      return { recorded: false, reason };
    };
    const recipient = await findRecipient(trx, input.recipientId);
    if (!recipient) return refuse('recipient_not_found');
    if (!(await userExists(trx, input.subjectUserId))) return refuse('subject_not_found');
    const check = checkDisclosure({
      recipient: { type: recipient.type, retired: recipient.retiredAt !== null, agreements: recipient.agreements },
      basis: input.basis,
      categories: input.categories,
      today: insurerToday(deps),
      partnerAuthorised: recipient.type === 'partner' && (await authorisationExistsFor(trx, recipient.id, input.subjectUserId)),
      agentOfInsured: recipient.type === 'agent' && recipient.userId !== null && (await isAgentOf(trx, recipient.userId, input.subjectUserId)),
    });
    if (!check.ok) return refuse(check.reason);
    const id = newId();
    const disclosedAt = now(deps);
    const by = actorColumns(actor);
    await insertDisclosure(trx, {
      id,
      recipient_id: recipient.id,
      subject_user_id: input.subjectUserId,
      categories: check.categories,
      basis: check.basis,
      purpose: input.purpose,
      reference_type: input.reference?.type ?? null,
      reference_id: input.reference?.id ?? null,
      disclosed_at: disclosedAt,
      recorded_by_type: by.type,
      recorded_by: by.id,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'disclosure.recorded',
        subject: { type: 'app_user', id: input.subjectUserId },
        details: { disclosureId: id, recipientId: recipient.id, recipientType: recipient.type, basis: check.basis, categories: check.categories },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return {
      recorded: true,
      disclosure: {
        id,
        recipientId: recipient.id,
        recipientName: recipient.name,
        recipientType: recipient.type,
        subjectUserId: input.subjectUserId,
        categories: check.categories,
        basis: check.basis,
        purpose: input.purpose,
        referenceType: input.reference?.type ?? null,
        referenceId: input.reference?.id ?? null,
        disclosedAt,
      },
    };
  });
}

/** The same for a privacy officer recording a disclosure by hand (e.g. to a regulator): a refusal is a 422. */
export async function recordDisclosureByOfficer(deps: Deps, actor: Actor, input: DisclosureInput, origin: RequestOrigin): Promise<Disclosure> {
  requirePermission(actor, 'privacy:manage');
  // The refusal's audit event must survive the 422: it is committed on its own, then the error is thrown.
  const result = await recordDisclosure(deps, actor, input, origin);
  if (result.recorded) return result.disclosure;
  switch (result.reason) {
    case 'recipient_not_found':
      throw disclosureErrors.recipientNotFound();
    case 'subject_not_found':
      throw disclosureErrors.userNotFound('body.subjectUserId');
    default:
      throw disclosureErrors.refused(result.reason);
  }
}
