import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findRunningRun, insertRun, type RenewalRun } from '../renewal-repository.ts';

/** The job kind that works a renewal run through (registered in bootstrap.ts through renewalJobHandlers). */
export const RENEWAL_JOB_KIND = 'policies.renewal';

export type StartedRenewalRun = { run: RenewalRun; continued: boolean };

/**
 * Starts a renewal run now (JPF-COND-7), or continues the one that is running: at most one run works at a
 * time (renewal_run_one_running), and a run that crashed mid-way is picked up where its cursor stands. The
 * run is worked by the 'policies.renewal' job, enqueued in the same transaction (the outbox), so the caller
 * gets the run at once and watches its counters grow. "Today" for the run is the clock's instant now, read in
 * each insured's time zone.
 */
export async function startRenewalRun(
  deps: Deps,
  actor: Actor,
  input: { trigger: 'schedule' | 'manual' /** False when the caller works the run itself (the scheduled job). */; enqueue?: boolean },
  origin: RequestOrigin,
): Promise<StartedRenewalRun> {
  requirePermission(actor, 'renewals:manage');
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const id = newId();
    const startedBy = actor.kind === 'user' ? actor.userId : actor.kind === 'system' ? `system:${actor.name}` : 'anonymous';
    const inserted = await insertRun(trx, { id, trigger: input.trigger, startedBy, asOf: now, now });
    const run = await findRunningRun(trx);
    if (!run) throw new Error('no renewal run is running right after starting one');
    // A continued run gets a job too: the job that was working it may have died with its worker.
    if (input.enqueue ?? true) await enqueueJob(trx, { kind: RENEWAL_JOB_KIND, payload: { runId: run.id } }, deps.clock);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: inserted ? 'renewal_run.started' : 'renewal_run.continued',
        subject: { type: 'renewal_run', id: run.id },
        details: { trigger: input.trigger, asOf: run.asOf },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { run, continued: !inserted };
  });
}
