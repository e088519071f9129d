import { Cron } from 'croner';
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import { enqueueJob } from './job-queue.ts';

/**
 * Recurring work ("every night at 02:00 New York time, lapse unpaid policies") becomes one job per
 * schedule slot. Every instance may tick every schedule: the slot's dedupe key lets exactly one
 * job exist per slot however many instances tick at once, so no leader election is needed.
 */
export type Schedule = {
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly maxAttempts: number | undefined;
  readonly pattern: Cron;
};

export type ScheduleDefinition = {
  /** Stable name: part of every slot's dedupe key, so renaming a schedule makes its current slot run again. */
  name: string;
  /** Five fields (minute hour day month weekday), or six with seconds first. */
  cron: string;
  /** Named IANA zone the pattern is read in, so 02:00 stays 02:00 local across DST changes. */
  timeZone: string;
  kind: string;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
};

const SCHEDULE_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

export function defineSchedule(definition: ScheduleDefinition): Schedule {
  if (!SCHEDULE_NAME.test(definition.name)) {
    throw new Error(`schedule name must be lowercase letters, digits, '.', '_' or '-': ${JSON.stringify(definition.name)}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: definition.timeZone });
  } catch {
    throw new Error(`schedule ${definition.name}: unknown time zone ${JSON.stringify(definition.timeZone)}`);
  }
  // Without a callback croner starts no timer: it is used here only to compute slots.
  const pattern = new Cron(definition.cron, { timezone: definition.timeZone });
  return {
    name: definition.name,
    cron: definition.cron,
    timeZone: definition.timeZone,
    kind: definition.kind,
    payload: definition.payload ?? {},
    maxAttempts: definition.maxAttempts,
    pattern,
  };
}

/**
 * The latest slot at or before `now`. Only that one: after downtime a schedule runs once to catch
 * up, not once per missed slot, and a slot older than one period is never due because a newer slot
 * has replaced it. Near a DST change croner moves a slot in the skipped hour to the first valid
 * local time (02:00 on 8 March 2026 in New York runs at 03:00 EDT) and runs a slot in the repeated
 * hour once.
 */
export function dueSlot(schedule: Schedule, now: Temporal.Instant): Temporal.Instant | null {
  const nowMs = now.epochMilliseconds;
  // previousRuns is strictly before its reference; one millisecond later makes a slot at exactly now due.
  const [candidate] = schedule.pattern.previousRuns(1, new Date(nowMs + 1));
  if (!candidate) return null;
  // Walk forward with nextRun, croner's primary direction, in case the two searches ever disagree near a DST change.
  let slot = candidate;
  for (let next = schedule.pattern.nextRun(slot); next && next.getTime() <= nowMs; next = schedule.pattern.nextRun(next)) slot = next;
  return Temporal.Instant.fromEpochMilliseconds(slot.getTime());
}

export function slotDedupeKey(schedule: Pick<Schedule, 'name'>, slot: Temporal.Instant): string {
  return `schedule:${schedule.name}:${slot.toString()}`;
}

export type TickOutcome = { schedule: string; slot: string | null; result: 'enqueued' | 'duplicate' | 'seen' | 'none' };

/**
 * Enqueues the due slot of each schedule. `memory` (name → last slot handled) spares the insert
 * when this process already handled the slot; without it the dedupe key alone keeps it exactly once.
 * A slot's job row must be kept until the next slot is due, or the slot would run again.
 */
export async function tickSchedules(db: Db | Trx, schedules: readonly Schedule[], clock: Clock, memory?: Map<string, string>): Promise<TickOutcome[]> {
  const now = clock.now();
  const outcomes: TickOutcome[] = [];
  for (const schedule of schedules) {
    const slot = dueSlot(schedule, now);
    if (!slot) {
      outcomes.push({ schedule: schedule.name, slot: null, result: 'none' });
      continue;
    }
    const slotText = slot.toString();
    if (memory?.get(schedule.name) === slotText) {
      outcomes.push({ schedule: schedule.name, slot: slotText, result: 'seen' });
      continue;
    }
    const enqueued = await enqueueJob(
      db,
      {
        kind: schedule.kind,
        // scheduledFor tells the handler which slot it is running, e.g. the business day to close.
        payload: { ...schedule.payload, scheduledFor: slotText },
        runAt: slot,
        dedupeKey: slotDedupeKey(schedule, slot),
        maxAttempts: schedule.maxAttempts,
      },
      clock,
    );
    memory?.set(schedule.name, slotText);
    outcomes.push({ schedule: schedule.name, slot: slotText, result: 'id' in enqueued ? 'enqueued' : 'duplicate' });
  }
  return outcomes;
}
