import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { findLegalHold, heldSubjects, type LegalHold, type LegalHoldListItem, listLegalHolds } from '../legal-hold-repository.ts';

const LIST_LIMIT = 500;

/** Legal holds for the privacy officer, auditors and admins (privacy:read), newest first. */
export async function listHolds(deps: Deps, actor: Actor, options: { active?: boolean } = {}): Promise<LegalHoldListItem[]> {
  requirePermission(actor, 'privacy:read');
  return listLegalHolds(deps.db, { active: options.active, limit: LIST_LIMIT });
}

export async function getHold(deps: Deps, actor: Actor, id: string): Promise<LegalHold> {
  requirePermission(actor, 'privacy:read');
  const hold = isUuid(id) ? await findLegalHold(deps.db, id) : null;
  if (!hold) throw problems.notFound();
  return hold;
}

/**
 * PRV-RET-1, PRV-RIGHT-3: is this person or policy under an active legal hold? A person counts as held
 * when a policy they hold is held; a policy when its holder is held. For erasure and other privacy code:
 * pass the transaction it works in, so the answer holds for what it does next.
 */
export async function hasLegalHold(db: Db, subject: { userId?: string; policyId?: string }): Promise<boolean> {
  const held = await heldSubjects(db, {
    userIds: subject.userId && isUuid(subject.userId) ? [subject.userId] : [],
    policyIds: subject.policyId && isUuid(subject.policyId) ? [subject.policyId] : [],
  });
  return held.userIds.size > 0 || held.policyIds.size > 0;
}
