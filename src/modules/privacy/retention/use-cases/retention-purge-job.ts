import { systemActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { JobHandlers } from '../../../../platform/jobs/index.ts';
import { runRetentionPurge } from './run-retention-purge.ts';

/**
 * PRV-RET-1: the retention purge runs every night at 03:40 in the insurer's time zone (after the renewal
 * run), as one 'privacy.retention_purge' job per day. The worker's abort signal stops it between batches;
 * the next run continues where the data is (the purge keeps no state of its own).
 */
export const RETENTION_PURGE_JOB_KIND = 'privacy.retention_purge';
export const retentionPurgeSchedule = { name: RETENTION_PURGE_JOB_KIND, cron: '40 3 * * *', kind: RETENTION_PURGE_JOB_KIND } as const;

const ACTOR = systemActor('retention-purge');

export function retentionJobHandlers(deps: Deps): JobHandlers {
  return {
    [RETENTION_PURGE_JOB_KIND]: async (_payload, context) => {
      await runRetentionPurge(deps, ACTOR, { signal: context.signal });
    },
  };
}
