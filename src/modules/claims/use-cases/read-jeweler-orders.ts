import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findClaimVisibleTo } from '../claims-repository.ts';
import { type ActiveUser, type JewelerOrder, listActiveUsersWithRole, listOrdersOfClaim, listOrdersOfJeweler } from '../jeweler-order-repository.ts';

/**
 * Reads of jeweler orders (JPF-SETTLE-2). Claims staff, the policyholder and their agent see the claim's orders; a
 * jeweler sees only orders sent to them — on a claim, and in their own list.
 */
export async function listJewelerOrdersOfClaim(deps: Deps, actor: Actor, claimId: string): Promise<JewelerOrder[]> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  const orders = await listOrdersOfClaim(deps.db, claim.id);
  if (can(actor, 'claims:read_all') || actor.kind !== 'user') return orders;
  if (claim.holderUserId === actor.userId || claim.agentUserId === actor.userId) return orders;
  return orders.filter((order) => order.jewelerUserId === actor.userId);
}

/** The jeweler's own orders, newest first (the portal's order list). */
export async function listMyJewelerOrders(deps: Deps, actor: Actor): Promise<JewelerOrder[]> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return listOrdersOfJeweler(deps.db, actor.userId, 200);
}

/** The approved jewelers an adjuster may send an order to. */
export async function listApprovedJewelers(deps: Deps, actor: Actor): Promise<ActiveUser[]> {
  if (!can(actor, 'claims:handle')) throw problems.forbidden();
  return listActiveUsersWithRole(deps.db, 'jeweler');
}
