import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { FieldProblem } from '../../../../platform/http/problem.ts';
import { AppError, problems } from '../../../../platform/http/problem.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { type ContactDetails, type ContactInput, type ContactProblem, type PostalAddress, validateContact } from '../domain/contact-details.ts';
import { fulfilmentErrors } from '../errors.ts';
import { actorName } from './erase-person.ts';

export type ContactCorrection = {
  id: string;
  userId: string;
  email: string;
  changes: ContactDetails;
  note: string | null;
  status: 'pending' | 'applied' | 'rejected';
  createdAt: string;
};

function invalid(found: readonly ContactProblem[]): AppError {
  const errors: FieldProblem[] = found.map((problem) => ({
    field: `body.${problem.field}`,
    code: problem.code,
    messageKey: `privacy.fulfilment.contact.${problem.code}` satisfies MessageKey,
  }));
  return new AppError(422, 'contact_invalid', 'privacy.fulfilment.contact_invalid', {}, { errors });
}

export async function getOwnContact(deps: Deps, actor: Actor): Promise<ContactDetails & { email: string }> {
  requirePermission(actor, 'profile:read');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const row = await deps.db
    .selectFrom('app_user')
    .select(['email', 'display_name', 'phone', 'postal_address'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw problems.notFound();
  return { email: row.email, displayName: row.display_name, phone: row.phone, postalAddress: (row.postal_address as PostalAddress | null) ?? null };
}

async function writeContact(trx: Trx, userId: string, details: ContactDetails, now: string): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({
      display_name: details.displayName,
      phone: details.phone,
      postal_address: details.postalAddress === null ? null : JSON.stringify(details.postalAddress),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/** PRV-RIGHT-2 / PRV-PORTAL-1: the customer corrects their own name, phone and address; validated, audited. */
export async function updateOwnContact(deps: Deps, actor: Actor, input: ContactInput, origin: RequestOrigin): Promise<ContactDetails> {
  requirePermission(actor, 'profile:write');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const checked = validateContact(input);
  if (!checked.ok) throw invalid(checked.problems);
  return inTransaction(deps.db, async (trx) => {
    await writeContact(trx, actor.userId, checked.value, nowText(deps.clock));
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.contact_corrected',
        subject: { type: 'user', id: actor.userId },
        details: { by: 'self_service' },
        // The new values are personal data: outside the hashed part, erasable.
        personalDetails: { ...checked.value },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return checked.value;
  });
}

/** PRV-RIGHT-2: a correction the customer asks staff to make (e.g. with a note on what else is wrong). */
export async function requestContactCorrection(
  deps: Deps,
  actor: Actor,
  input: ContactInput & { note?: string | undefined },
  origin: RequestOrigin,
): Promise<{ id: string }> {
  requirePermission(actor, 'profile:write');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const checked = validateContact(input);
  if (!checked.ok) throw invalid(checked.problems);
  const note = input.note?.trim() || null;
  if (note !== null && note.length > 2000) throw fulfilmentErrors.contactInvalid('note', 'field_too_long');
  return inTransaction(deps.db, async (trx) => {
    const id = newId();
    await trx
      .insertInto('contact_correction')
      .values({
        id,
        user_id: actor.userId,
        requested_by: actor.userId,
        changes: JSON.stringify(checked.value),
        note,
        status: 'pending',
        created_at: nowText(deps.clock),
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.correction_requested',
        subject: { type: 'user', id: actor.userId },
        details: { correctionId: id },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { id };
  });
}

/** The privacy officer's queue of corrections to review, oldest first. */
export async function listPendingCorrections(deps: Deps, actor: Actor): Promise<ContactCorrection[]> {
  requirePermission(actor, 'privacy:manage');
  const rows = await deps.db
    .selectFrom('contact_correction')
    .innerJoin('app_user', 'app_user.id', 'contact_correction.user_id')
    .select([
      'contact_correction.id',
      'contact_correction.user_id',
      'app_user.email',
      'changes',
      'note',
      'contact_correction.status',
      'contact_correction.created_at',
    ])
    .where('contact_correction.status', '=', 'pending')
    .orderBy('contact_correction.created_at')
    .orderBy('contact_correction.id')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    email: row.email,
    changes: row.changes as ContactDetails,
    note: row.note,
    status: row.status,
    createdAt: row.created_at,
  }));
}

/** PRV-RIGHT-2: staff review a correction and apply it, or reject it with a reason; both audited. */
export async function decideContactCorrection(
  deps: Deps,
  actor: Actor,
  correctionId: string,
  decision: { apply: true } | { apply: false; reason: string },
  origin: RequestOrigin,
): Promise<void> {
  requirePermission(actor, 'privacy:manage');
  if (!decision.apply && decision.reason.trim() === '') throw fulfilmentErrors.reasonRequired();
  await inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('contact_correction').selectAll().where('id', '=', correctionId).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound();
    if (row.status !== 'pending') throw fulfilmentErrors.correctionDecided();
    const now = nowText(deps.clock);
    if (decision.apply) {
      const checked = validateContact(contactInputOf(row.changes as ContactDetails));
      if (!checked.ok) throw invalid(checked.problems);
      await writeContact(trx, row.user_id, checked.value, now);
    }
    await trx
      .updateTable('contact_correction')
      .set({
        status: decision.apply ? 'applied' : 'rejected',
        decided_at: now,
        decided_by: actorName(actor),
        decision_reason: decision.apply ? null : decision.reason.trim(),
      })
      .where('id', '=', correctionId)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: decision.apply ? 'privacy.correction_applied' : 'privacy.correction_rejected',
        subject: { type: 'user', id: row.user_id },
        details: { correctionId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
}

function contactInputOf(details: ContactDetails): ContactInput {
  return {
    displayName: details.displayName,
    phone: details.phone ?? undefined,
    line1: details.postalAddress?.line1,
    line2: details.postalAddress?.line2 ?? undefined,
    city: details.postalAddress?.city,
    postalCode: details.postalAddress?.postalCode,
    country: details.postalAddress?.country,
  };
}

/**
 * PRV-PORTAL-1: the customer closes their account at any time: sessions and API tokens end, login is refused
 * (the account is disabled), and the data is then handled by the retention and erasure rules.
 */
export async function closeOwnAccount(deps: Deps, actor: Actor, origin: RequestOrigin): Promise<void> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  await inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('app_user').select(['closed_at']).where('id', '=', actor.userId).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound();
    if (row.closed_at !== null) throw fulfilmentErrors.accountClosed();
    const now = nowText(deps.clock);
    await trx.updateTable('app_user').set({ status: 'disabled', closed_at: now, updated_at: now }).where('id', '=', actor.userId).execute();
    const sessions = await trx.deleteFrom('user_session').where('user_id', '=', actor.userId).executeTakeFirst();
    const tokens = await trx
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.account_closed',
        subject: { type: 'user', id: actor.userId },
        details: { sessionsEnded: Number(sessions.numDeletedRows), tokensRevoked: Number(tokens.numUpdatedRows) },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
}
