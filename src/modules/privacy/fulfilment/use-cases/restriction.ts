import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { fulfilmentErrors } from '../errors.ts';
import { actorName } from './erase-person.ts';

/**
 * PRV-RIGHT-4: a restricted person's data is stored but not used for anything but legal claims. Processing
 * that would use it (a new application, a renewal offer, marketing) asks `isRestricted` first and refuses.
 */
export async function isRestricted(db: Db | Trx, userId: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('processing_restricted').where('id', '=', userId).executeTakeFirst();
  return row?.processing_restricted === true;
}

/**
 * The acting person's own restriction comes with the actor (read with the session or API token: migration
 * 0023), so the hot paths (quote, bind) pay no extra query; anyone else's is read.
 */
export async function assertPersonNotRestricted(db: Db | Trx, actor: Actor, userId: string): Promise<void> {
  const restricted =
    actor.kind === 'user' && actor.userId === userId && actor.processingRestricted !== undefined ? actor.processingRestricted : await isRestricted(db, userId);
  if (restricted) throw fulfilmentErrors.restricted();
}

/** Keeps app_user.processing_restricted equal to "a restriction is live" (migration 0023), in the caller's transaction. */
async function setRestrictedFlag(trx: Trx, userId: string, restricted: boolean): Promise<void> {
  await trx.updateTable('app_user').set({ processing_restricted: restricted }).where('id', '=', userId).execute();
}

/** Of the given people, those whose processing is restricted (one query for a batch, e.g. renewal offers). */
export async function restrictedAmong(db: Db | Trx, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...new Set(userIds)])
    .where('processing_restricted', '=', true)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Starts a restriction inside the caller's transaction (the privacy request executor's, or restrictProcessing's). */
export async function startRestriction(
  deps: Deps,
  trx: Trx,
  actor: Actor,
  userId: string,
  input: { reason: string; privacyRequestId?: string | null; requestId?: string | null },
): Promise<{ restrictionId: string }> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 1000) throw fulfilmentErrors.reasonRequired();
  const user = await trx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw problems.notFound();
  if (await isRestricted(trx, userId)) throw fulfilmentErrors.alreadyRestricted();
  const id = newId();
  await trx
    .insertInto('processing_restriction')
    .values({ id, user_id: userId, reason, privacy_request_id: input.privacyRequestId ?? null, started_at: nowText(deps.clock), started_by: actorName(actor) })
    .execute();
  await setRestrictedFlag(trx, userId, true);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'privacy.restriction_started',
      subject: { type: 'user', id: userId },
      details: { restrictionId: id, privacyRequestId: input.privacyRequestId ?? null },
      personalDetails: { reason },
      requestId: input.requestId ?? null,
    },
    deps.clock,
  );
  return { restrictionId: id };
}

/** The privacy officer restricts a person's processing (a request by mail or phone, PRV-CONTACT-1). */
export async function restrictProcessing(deps: Deps, actor: Actor, userId: string, input: { reason: string }, origin: RequestOrigin) {
  requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, (trx) => startRestriction(deps, trx, actor, userId, { reason: input.reason, requestId: origin.requestId }));
}

/** Lifting a restriction is audited with who lifted it and why (PRV-RIGHT-4). */
export async function liftRestriction(deps: Deps, actor: Actor, userId: string, input: { reason: string }, origin: RequestOrigin): Promise<void> {
  requirePermission(actor, 'privacy:manage');
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 1000) throw fulfilmentErrors.reasonRequired();
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('processing_restriction')
      .select('id')
      .where('user_id', '=', userId)
      .where('lifted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw fulfilmentErrors.notRestricted();
    await trx
      .updateTable('processing_restriction')
      .set({ lifted_at: nowText(deps.clock), lifted_by: actorName(actor), lift_reason: reason })
      .where('id', '=', row.id)
      .execute();
    await setRestrictedFlag(trx, userId, false);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.restriction_lifted',
        subject: { type: 'user', id: userId },
        details: { restrictionId: row.id },
        personalDetails: { reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
}

export type RestrictionInEffect = { userId: string; email: string; reason: string; startedAt: string };

/** The privacy officer's list of restrictions in effect, oldest first. */
export async function listRestrictions(deps: Deps, actor: Actor): Promise<RestrictionInEffect[]> {
  requirePermission(actor, 'privacy:manage');
  const rows = await deps.db
    .selectFrom('processing_restriction')
    .innerJoin('app_user', 'app_user.id', 'processing_restriction.user_id')
    .select(['processing_restriction.user_id', 'app_user.email', 'processing_restriction.reason', 'processing_restriction.started_at'])
    .where('processing_restriction.lifted_at', 'is', null)
    .orderBy('processing_restriction.started_at')
    .limit(200)
    .execute();
  return rows.map((row) => ({ userId: row.user_id, email: row.email, reason: row.reason, startedAt: row.started_at }));
}
