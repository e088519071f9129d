import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Deps } from '../deps.ts';
import { claimJobs, completeJob, failJob, type JobRow, recoverExpiredLeases, releaseJobs } from './job-queue.ts';
import { type Schedule, tickSchedules } from './scheduler.ts';

export type JobContext = {
  job: { id: string; kind: string; attempt: number; maxAttempts: number };
  deps: Deps;
  /** Carries jobId, kind and attempt; never log the payload, it can hold personal data. */
  logger: Logger;
  /** Aborted when the worker stops and the handler did not finish in time: give up and throw. */
  signal: AbortSignal;
};

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Thrown by a handler when trying again cannot help (a malformed payload): the job goes straight to 'dead'. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export type WorkerOptions = {
  deps: Deps;
  handlers: JobHandlers;
  workerId?: string;
  pollIntervalMs?: number;
  /** Jobs run at the same time by this worker. */
  concurrency?: number;
  /** How long a claimed job is ours; past it, another worker takes it back. Longer than the slowest handler. */
  leaseSeconds?: number;
  /** How long stop() waits for running handlers before releasing their jobs. */
  stopTimeoutMs?: number;
  /** Schedules this worker ticks; every worker may tick the same ones, each slot still runs once. */
  schedules?: readonly Schedule[];
};

export type Worker = {
  readonly workerId: string;
  /** Polls until stop(). */
  start(): void;
  /** Stops polling, waits for running handlers up to stopTimeoutMs, then releases what is left. */
  stop(): Promise<void>;
  /** Claims and runs due jobs until none is left, without timers (tests, the CLI). Returns how many ran. */
  runOnce(): Promise<number>;
};

/** How often a polling worker looks for jobs whose worker died; cheap, so every worker does it. */
const RECOVER_EVERY_MS = 15_000;
const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+/g;

/** Error texts (an SMTP rejection, say) can quote a mail address; logs and last_error must not. */
export function redactEmailAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, '[email]');
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  return redactEmailAddresses(text);
}

export function createWorker(options: WorkerOptions): Worker {
  const { deps, handlers } = options;
  const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseSeconds = options.leaseSeconds ?? 300;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const kinds = Object.keys(handlers);
  const logger = deps.logger.child({ component: 'jobs', workerId });
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  const slotMemory = new Map<string, string>();
  const state = {
    phase: 'idle' as 'idle' | 'running' | 'stopping' | 'stopped',
    loop: Promise.resolve(),
    wakePending: false,
    wake: () => {
      state.wakePending = true;
    },
  };

  async function runJob(job: JobRow): Promise<void> {
    const log = logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const handler = handlers[job.kind];
    const startedAt = performance.now();
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      await handler(job.payload, {
        job: { id: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.max_attempts },
        deps,
        logger: log,
        signal: abort.signal,
      });
      const completed = await completeJob(deps.db, job, deps.clock);
      if (completed) log.debug({ ms: Math.round(performance.now() - startedAt) }, 'job succeeded');
      else log.warn('job finished after its lease was taken back; it may run again');
    } catch (error) {
      const message = describeError(error);
      try {
        const outcome = await failJob(deps.db, job, message, deps.clock, { permanent: error instanceof PermanentJobError });
        log[outcome === 'dead' ? 'error' : 'warn']({ error: message, outcome }, 'job failed');
      } catch (failError) {
        // The database is gone: the lease will expire and recoverExpiredLeases queues the job again.
        log.error({ error: describeError(failError), jobError: message }, 'could not record job failure');
      }
    }
  }

  function track(job: JobRow): void {
    const running = runJob(job).finally(() => {
      inFlight.delete(running);
      state.wake();
    });
    inFlight.add(running);
  }

  function claim(limit: number): Promise<JobRow[]> {
    return claimJobs(deps.db, { workerId, kinds, limit, leaseSeconds }, deps.clock);
  }

  async function tick(): Promise<void> {
    if (options.schedules && options.schedules.length > 0) await tickSchedules(deps.db, options.schedules, deps.clock, slotMemory);
  }

  /**
   * Waits for the poll interval, or less: a finished job (a free slot) or stop() wakes it. A wake
   * that comes while the loop is busy claiming is remembered, so the next sleep returns at once.
   */
  function sleep(ms: number): Promise<void> {
    if (state.wakePending) {
      state.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        state.wake = () => {
          state.wakePending = true;
        };
        resolve();
      }
      state.wake = done;
    });
  }

  async function loop(): Promise<void> {
    let lastRecovery = Number.NEGATIVE_INFINITY;
    while (state.phase === 'running') {
      try {
        if (Date.now() - lastRecovery >= RECOVER_EVERY_MS) {
          const recovered = await recoverExpiredLeases(deps.db, deps.clock);
          if (recovered > 0) logger.warn({ recovered }, 'took back jobs whose lease expired');
          lastRecovery = Date.now();
        }
        await tick();
        const free = concurrency - inFlight.size;
        const jobs = free > 0 ? await claim(free) : [];
        for (const job of jobs) track(job);
      } catch (error) {
        // The database may be restarting; keep polling rather than dying.
        logger.error({ error: describeError(error) }, 'job poll failed');
      }
      // After a claim, sleep until a slot frees up (a job finishing wakes the loop) or the interval passes.
      if (state.phase === 'running') await sleep(pollIntervalMs);
    }
  }

  return {
    workerId,
    start() {
      if (state.phase !== 'idle') throw new Error(`worker ${workerId} was already started`);
      if (kinds.length === 0) logger.warn('worker has no handlers; it will only tick schedules');
      state.phase = 'running';
      state.loop = loop();
      logger.info({ kinds, concurrency }, 'job worker started');
    },

    async stop() {
      if (state.phase === 'stopping' || state.phase === 'stopped') return;
      state.phase = 'stopping';
      state.wake();
      await state.loop;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), stopTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      // Release before aborting: an aborted handler's failure must not count as an attempt, and
      // once released its late completeJob/failJob finds nothing to update.
      const released = await releaseJobs(deps.db, workerId, deps.clock);
      if (released > 0) logger.warn({ released }, 'released unfinished jobs for another worker');
      if (!finished) {
        abort.abort(new Error('worker stopping'));
        // A short grace so aborted handlers settle before the caller closes the database.
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, Math.min(1000, stopTimeoutMs)).unref())]);
      }
      state.phase = 'stopped';
      logger.info('job worker stopped');
    },

    async runOnce() {
      await recoverExpiredLeases(deps.db, deps.clock);
      await tick();
      let ran = 0;
      for (;;) {
        const jobs = await claim(concurrency);
        if (jobs.length === 0) return ran;
        await Promise.all(jobs.map((job) => runJob(job)));
        ran += jobs.length;
      }
    },
  };
}
