import { Temporal } from 'temporal-polyfill';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { isUuid } from '../../../platform/ids.ts';
import { type JobHandlers, PermanentJobError } from '../../../platform/jobs/index.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { runRenewal } from './run-renewal.ts';
import { RENEWAL_JOB_KIND, startRenewalRun } from './start-renewal-run.ts';

/**
 * The nightly renewal (JPF-COND-7): at 02:30 in the insurer's time zone the scheduler enqueues one
 * 'policies.renewal' job per day (its slot's dedupe key); the job starts a run — or continues one that a
 * crash left running, and then starts the day's own — and works it to the end. A job with a runId works
 * that run (a run started from the back office or the API). The worker's abort signal stops it between
 * batches; the run stays resumable. See docs/operations/renewal.md.
 */
export const renewalSchedule = { name: 'policies.renewal', cron: '30 2 * * *', kind: RENEWAL_JOB_KIND } as const;

const ACTOR = systemActor('renewal');

export function renewalJobHandlers(deps: Deps): JobHandlers {
  return {
    [RENEWAL_JOB_KIND]: async (payload, context) => {
      const options = { signal: context.signal };
      if (payload.runId !== undefined) {
        if (typeof payload.runId !== 'string' || !isUuid(payload.runId)) throw new PermanentJobError('renewal job: runId is not a uuid');
        await runRenewal(deps, ACTOR, payload.runId, options);
        return;
      }
      const slot = typeof payload.scheduledFor === 'string' ? Temporal.Instant.from(payload.scheduledFor) : deps.clock.now();
      // At most twice: a run left over from before this slot is finished first, then this slot's own run.
      for (let attempt = 0; attempt < 2; attempt++) {
        const { run } = await startRenewalRun(deps, ACTOR, { trigger: 'schedule', enqueue: false }, SYSTEM_ORIGIN);
        await runRenewal(deps, ACTOR, run.id, options);
        if (context.signal.aborted || Temporal.Instant.compare(Temporal.Instant.from(run.asOf), slot) >= 0) return;
      }
    },
  };
}
