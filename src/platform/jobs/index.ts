/** Jobs, schedules and the transactional outbox (docs/decisions/0003-job-table-is-the-outbox.md). */
export {
  type ClaimOptions,
  claimJobs,
  completeJob,
  type EnqueueResult,
  enqueueJob,
  failJob,
  JOB_ROW_COLUMNS,
  type JobRow,
  type JobSummary,
  listJobs,
  type NewJob,
  type NewJobRow,
  newJobRow,
  purgeSucceededJobs,
  recoverExpiredLeases,
  releaseJobs,
  retryDelaySeconds,
  retryJob,
} from './job-queue.ts';
export { defineSchedule, dueSlot, type Schedule, type ScheduleDefinition, slotDedupeKey, type TickOutcome, tickSchedules } from './scheduler.ts';
export {
  createWorker,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  PermanentJobError,
  redactEmailAddresses,
  type Worker,
  type WorkerOptions,
} from './worker.ts';
