import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findRun, listRuns, type RenewalRun } from '../renewal-repository.ts';

/** Renewal runs with their progress (JPF-COND-7: the job "shows progress"), newest first. A pure read. */
export async function listRenewalRuns(deps: Deps, actor: Actor, options: { limit?: number } = {}): Promise<RenewalRun[]> {
  requirePermission(actor, 'renewals:manage');
  return listRuns(deps.db, Math.max(1, Math.min(options.limit ?? 50, 200)));
}

export async function getRenewalRun(deps: Deps, actor: Actor, id: string): Promise<RenewalRun> {
  requirePermission(actor, 'renewals:manage');
  const run = await findRun(deps.db, id);
  if (!run) throw problems.notFound();
  return run;
}
