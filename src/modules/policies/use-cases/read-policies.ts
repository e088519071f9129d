import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import {
  type Application,
  findApplicationVisibleTo,
  findPolicyVisibleTo,
  findScheduledItems,
  listOwnPolicies,
  listReferredApplications,
  type Policy,
  type ScheduledItem,
} from '../policies-repository.ts';

/** Reads of the policies module: what the actor may not reach is not found (404). */

const PAGE = 100;

function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
}

export async function getApplication(deps: Deps, actor: Actor, id: string): Promise<Application> {
  requireSignedIn(actor);
  const application = await findApplicationVisibleTo(deps.db, actor, id);
  if (!application) throw problems.notFound();
  return application;
}

/** The underwriter's queue of referred applications, oldest first. */
export async function listReferrals(deps: Deps, actor: Actor): Promise<Application[]> {
  requirePermission(actor, 'policies:underwrite');
  return listReferredApplications(deps.db, actor, PAGE);
}

export type PolicyDetail = Policy & { application: Application; schedule: ScheduledItem[] };

/** A policy with its schedule and the declarations data of the application it was bound from. */
export async function getPolicy(deps: Deps, actor: Actor, id: string): Promise<PolicyDetail> {
  requireSignedIn(actor);
  const policy = await findPolicyVisibleTo(deps.db, actor, id);
  if (!policy) throw problems.notFound();
  // The policy was reachable, so its application is too (same holder and agent); staff reach both.
  const [application, schedule] = await Promise.all([findApplicationVisibleTo(deps.db, actor, policy.applicationId), findScheduledItems(deps.db, id)]);
  if (!application) throw problems.notFound();
  return { ...policy, application, schedule };
}

/** The policies the user holds, or sold as an agent. */
export async function listMyPolicies(deps: Deps, actor: Actor): Promise<Policy[]> {
  requireSignedIn(actor);
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return listOwnPolicies(deps.db, actor, actor.userId, PAGE);
}
