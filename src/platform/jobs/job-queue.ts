import { type Kysely, type Selectable, sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema, InstantText, JobStatus, JobTable } from '../db/schema.ts';
import type { Trx } from '../db/transaction.ts';

/**
 * The job table is both the work queue and the transactional outbox
 * (docs/decisions/0003-job-table-is-the-outbox.md): a use case enqueues in its own transaction, so
 * the side effect exists exactly when the change it belongs to was committed.
 * Delivery is at least once: a handler may run again after a crash or an expired lease, so
 * handlers must be idempotent (or harmless when repeated, like a second copy of a mail).
 */

export type JobRow = Selectable<JobTable>;
type Executor = Db | Trx | Kysely<DatabaseSchema>;

export type NewJob = {
  kind: string;
  payload?: Record<string, unknown>;
  /** When the job may run; default now. */
  runAt?: Temporal.Instant;
  /** At most one job ever exists with this key (schedule slots, "send once" mails). */
  dedupeKey?: string;
  maxAttempts?: number;
};

/** A job's row as enqueueJob inserts it, in the column order of JOB_ROW_COLUMNS. */
export type NewJobRow = {
  kind: string;
  payload: Record<string, unknown>;
  run_at: string;
  dedupe_key: string | null;
  max_attempts: number;
  created_at: string;
  updated_at: string;
};

/** The columns of NewJobRow, for a caller that inserts the job inside its own statement (a CTE beside its change). */
export const JOB_ROW_COLUMNS = ['kind', 'payload', 'run_at', 'dedupe_key', 'max_attempts', 'created_at', 'updated_at'] as const;

/** The table default of job.max_attempts (migration 0001). */
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The row of a new job. A repository whose change is a single statement can insert it there as a CTE
 * (`INSERT INTO job … ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`), so the
 * outbox row costs no round trip of its own and still commits with the change (decision 0003).
 */
export function newJobRow(job: NewJob, clock: Clock): NewJobRow {
  const now = clock.now().toString();
  return {
    kind: job.kind,
    payload: job.payload ?? {},
    run_at: (job.runAt ?? clock.now()).toString(),
    dedupe_key: job.dedupeKey ?? null,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: now,
    updated_at: now,
  };
}

export type EnqueueResult = { id: string } | { duplicate: true };

/** Longest stored error text: enough for a message and the top of a stack, not a whole dump. */
const MAX_ERROR_LENGTH = 2000;
const BACKOFF_BASE_SECONDS = 5;
const BACKOFF_MAX_SECONDS = 3600;

export async function enqueueJob(db: Executor, job: NewJob, clock: Clock): Promise<EnqueueResult> {
  const row = await db
    .insertInto('job')
    .values(newJobRow(job, clock))
    // The index is partial, so the conflict target must repeat its predicate.
    .onConflict((conflict) => conflict.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? { id: row.id } : { duplicate: true };
}

export type ClaimOptions = { workerId: string; kinds: readonly string[]; limit: number; leaseSeconds: number };

/**
 * Takes up to `limit` due jobs of the given kinds. SKIP LOCKED lets many workers claim at once
 * without waiting on each other or taking the same row; one statement, so no transaction stays open.
 * The attempt is counted here, so a job that crashes its worker still uses up its attempts.
 */
export async function claimJobs(db: Executor, options: ClaimOptions, clock: Clock): Promise<JobRow[]> {
  if (options.kinds.length === 0 || options.limit <= 0) return [];
  const now = clock.now();
  const rows = await db
    .updateTable('job')
    .set({
      status: 'running',
      attempts: sql<number>`attempts + 1`,
      locked_by: options.workerId,
      locked_until: now.add({ seconds: options.leaseSeconds }).toString(),
      updated_at: now.toString(),
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('job')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', now.toString())
        .where('kind', 'in', [...options.kinds])
        .orderBy('run_at')
        .orderBy('id')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  // RETURNING has no order; run the oldest first.
  return rows.sort((a, b) => a.run_at.localeCompare(b.run_at) || Number(a.id) - Number(b.id));
}

/** Marks the job done. False when this worker no longer holds it (its lease expired and it was taken back). */
export async function completeJob(db: Executor, job: Pick<JobRow, 'id' | 'locked_by'>, clock: Clock): Promise<boolean> {
  const now = clock.now().toString();
  const result = await db
    .updateTable('job')
    .set({ status: 'succeeded', finished_at: now, updated_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Delay before attempt n+1: min(2^n × 5 s, 1 h), with "equal jitter" (half fixed, half random) so
 * that jobs failing together, e.g. during an SMTP outage, do not all come back in the same second.
 */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2 ** attempts * BACKOFF_BASE_SECONDS, BACKOFF_MAX_SECONDS);
  return ceiling / 2 + random() * (ceiling / 2);
}

export type FailOptions = { permanent?: boolean; random?: () => number };

/** Queues the job again after a back-off, or buries it ('dead') when its attempts are used up or the error is permanent. */
export async function failJob(
  db: Executor,
  job: Pick<JobRow, 'id' | 'locked_by' | 'attempts' | 'max_attempts'>,
  error: string,
  clock: Clock,
  options: FailOptions = {},
): Promise<'retrying' | 'dead' | 'lost'> {
  const now = clock.now();
  const lastError = error.slice(0, MAX_ERROR_LENGTH);
  const dead = options.permanent === true || job.attempts >= job.max_attempts;
  const runAt = now.add({ milliseconds: Math.round(retryDelaySeconds(job.attempts, options.random) * 1000) });
  const result = await db
    .updateTable('job')
    .set(
      dead
        ? { status: 'dead', last_error: lastError, finished_at: now.toString(), updated_at: now.toString(), locked_by: null, locked_until: null }
        : { status: 'queued', last_error: lastError, run_at: runAt.toString(), updated_at: now.toString(), locked_by: null, locked_until: null },
    )
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return 'lost';
  return dead ? 'dead' : 'retrying';
}

/**
 * Running jobs whose lease has passed belonged to a worker that died or hung: queue them again,
 * or bury them when that was their last attempt (a job that kills its worker must not loop forever).
 */
export async function recoverExpiredLeases(db: Executor, clock: Clock): Promise<number> {
  const now = clock.now().toString();
  const result = await db
    .updateTable('job')
    .set({
      status: sql<JobStatus>`CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END`,
      finished_at: sql<InstantText | null>`CASE WHEN attempts >= max_attempts THEN ${now}::timestamptz ELSE NULL END`,
      last_error: 'lease expired: the worker stopped or took too long',
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * On shutdown: hand back this worker's unfinished jobs. The attempt is not counted, since the
 * job did not fail; it was interrupted.
 */
export async function releaseJobs(db: Executor, workerId: string, clock: Clock): Promise<number> {
  const result = await db
    .updateTable('job')
    .set({
      status: 'queued',
      attempts: sql<number>`greatest(attempts - 1, 0)`,
      locked_by: null,
      locked_until: null,
      updated_at: clock.now().toString(),
    })
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What `bezel jobs list` shows. No payload: payloads can hold personal data (mail addresses). */
export type JobSummary = Omit<JobRow, 'payload'>;

export async function listJobs(db: Executor, options: { status?: JobStatus; kind?: string; limit?: number } = {}): Promise<JobSummary[]> {
  let query = db
    .selectFrom('job')
    .select([
      'id',
      'kind',
      'status',
      'run_at',
      'attempts',
      'max_attempts',
      'last_error',
      'dedupe_key',
      'locked_by',
      'locked_until',
      'created_at',
      'updated_at',
      'finished_at',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.kind) query = query.where('kind', '=', options.kind);
  return query.execute();
}

/** `bezel jobs retry <id>`: gives a dead job a fresh set of attempts, due now. False when no dead job has that id. */
export async function retryJob(db: Executor, id: string, clock: Clock): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const now = clock.now().toString();
  const result = await db
    .updateTable('job')
    .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Deletes succeeded jobs finished before the cutoff. Mail payloads hold addresses, so finished
 * rows are not kept forever. Safe for schedules whose period is shorter than the retention: their
 * slot's row only matters while it is the latest slot. Dead jobs stay until someone looks at them.
 */
export async function purgeSucceededJobs(db: Executor, clock: Clock, olderThanDays = 7): Promise<number> {
  const cutoff = clock
    .now()
    .subtract({ hours: 24 * olderThanDays })
    .toString();
  const result = await db.deleteFrom('job').where('status', '=', 'succeeded').where('finished_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
