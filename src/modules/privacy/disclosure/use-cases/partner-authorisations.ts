import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import { type Actor, hasRole } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import {
  authorisationExists,
  currentAuthorisation,
  findRecipient,
  insertAuthorisation,
  listPartnerAuthorisations,
  listRecipients,
  type PartnerAuthorisation,
  revokeAuthorisationRow,
} from '../disclosure-repository.ts';
import { disclosureErrors } from '../errors.ts';
import { now, requireUser } from './common.ts';

/**
 * PRV-DISC-3: "partners only on the customer's own request and authorisation, with limited view". The
 * customer authorises a partner in the portal and can revoke it at any time; partnerMayAccess is the one
 * check every partner-facing read makes.
 */
export async function partnerMayAccess(db: Db, input: { partnerUserId: string; customerUserId: string }): Promise<boolean> {
  return authorisationExists(db, input.partnerUserId, input.customerUserId);
}

/** Same, for an actor: only a user with the partner role, and only with the customer's current authorisation. */
export async function actorMayAccessAsPartner(deps: Pick<Deps, 'db'>, actor: Actor, customerUserId: string): Promise<boolean> {
  if (actor.kind !== 'user' || !hasRole(actor, 'partner')) return false;
  return partnerMayAccess(deps.db, { partnerUserId: actor.userId, customerUserId });
}

export type PartnerChoice = { id: string; name: string; description: string | null };

/** The customer's page: the partners they can authorise, and their authorisations (current and revoked). */
export async function readMyPartnerAuthorisations(deps: Deps, actor: Actor): Promise<{ partners: PartnerChoice[]; authorisations: PartnerAuthorisation[] }> {
  const user = requireUser(actor);
  requirePermission(actor, 'portal:enter');
  const [partners, authorisations] = await Promise.all([listRecipients(deps.db, { type: 'partner' }), listPartnerAuthorisations(deps.db, user.userId)]);
  return {
    partners: partners
      .filter((partner) => partner.retiredAt === null)
      .map((partner) => ({ id: partner.id, name: partner.name, description: partner.description })),
    authorisations,
  };
}

export async function authorisePartner(deps: Deps, actor: Actor, recipientId: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<PartnerAuthorisation> {
  const user = requireUser(actor);
  requirePermission(actor, 'portal:enter');
  return inTransaction(deps.db, async (trx) => {
    const recipient = await findRecipient(trx, recipientId, { forUpdate: true });
    if (recipient?.type !== 'partner' || recipient.retiredAt !== null) throw disclosureErrors.recipientNotPartner();
    if (await currentAuthorisation(trx, user.userId, recipientId)) throw disclosureErrors.alreadyAuthorised();
    const id = newId();
    const grantedAt = now(deps);
    await insertAuthorisation(trx, { id, customer_user_id: user.userId, recipient_id: recipientId, granted_at: grantedAt });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'partner_authorisation.granted',
        subject: { type: 'app_user', id: user.userId },
        details: { authorisationId: id, recipientId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { id, customerUserId: user.userId, recipientId, recipientName: recipient.name, grantedAt, revokedAt: null };
  });
}

/** Revocation works at once: the next partnerMayAccess answers false. Someone else's authorisation is not found. */
export async function revokePartnerAuthorisation(deps: Deps, actor: Actor, authorisationId: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<void> {
  const user = requireUser(actor);
  requirePermission(actor, 'portal:enter');
  await inTransaction(deps.db, async (trx) => {
    const revoked = await revokeAuthorisationRow(trx, user.userId, authorisationId, now(deps));
    if (!revoked) throw problems.notFound();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'partner_authorisation.revoked',
        subject: { type: 'app_user', id: user.userId },
        details: { authorisationId, recipientId: revoked.recipientId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
}
