import { type AuditEventInput, recordAuditEvents } from '../../../platform/audit/index.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { JobHandlers } from '../../../platform/jobs/index.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import { lockReminderCandidates, markReminded, type ReminderRow } from '../diary-queries.ts';
import { clauseText, dueText, dutyText } from '../diary-words.ts';
import { NEAR_DAYS, REMINDER_INTERVAL_DAYS, reminderDue, todayIn } from '../domain/claim-deadlines.ts';

/**
 * Issue #4, "Reminders go out by mail": every night the insured is mailed about each of their open deadlines
 * (proof of loss, requested documents, an examination, naming an appraiser, …) that is overdue or due within 7
 * days and was not reminded in the last 7 days — in their language, naming the claim number, the duty, the due
 * date and the clause in plain words. The rule itself is reminderDue (domain/claim-deadlines.ts).
 *
 * Batches of `batchSize` entries, each one transaction: the mails (outbox rows), reminded_at and the audit
 * events commit together, so a crash re-sends nothing that was committed and loses nothing that was not; a second
 * run the same day finds every entry reminded (idempotent). The keyset position moves forward within a run, so
 * entries that are skipped (a holder who cannot be mailed) do not stop it.
 */
export const DIARY_REMINDER_JOB_KIND = 'claims.diary_reminders';
/** Every night at 03:00 in the insurer's time zone (after the renewal run at 02:30); the mails are read in the morning. */
export const diaryReminderSchedule = { name: 'claims.diary-reminders', cron: '0 3 * * *', kind: DIARY_REMINDER_JOB_KIND } as const;

const ACTOR = systemActor('claims.diary-reminders');
const DEFAULT_BATCH_SIZE = 200;

export type ReminderRun = { reminded: number; skipped: number; batches: number };

export async function sendDiaryReminders(deps: Deps, options: { batchSize?: number; signal?: AbortSignal } = {}): Promise<ReminderRun> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const run: ReminderRun = { reminded: 0, skipped: 0, batches: 0 };
  let after: { dueOn: string; id: string } | null = null;
  for (;;) {
    if (options.signal?.aborted) return run;
    const batch = await inTransaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      // Every zone's today is at most a day after UTC's; the exact "within 7 days" is reminderDue's, per claim.
      const latestDue = todayIn('UTC', now)
        .add({ days: NEAR_DAYS + 1 })
        .toString();
      const remindedBefore = now.subtract({ hours: REMINDER_INTERVAL_DAYS * 24 }).toString();
      const rows = await lockReminderCandidates(trx, { latestDue, remindedBefore, after, limit: batchSize });
      const due = rows.filter((row) => reminderDue(row, now, row.timeZone) && mailable(row));
      const at = nowText(deps.clock);
      for (const row of due) await mailReminder(trx, deps, row, todayIn(row.timeZone, now).toString());
      await markReminded(
        trx,
        due.map((row) => row.id),
        at,
      );
      await recordAuditEvents(trx, due.map(auditEvent), deps.clock);
      return { rows, due };
    });
    run.batches += 1;
    run.reminded += batch.due.length;
    run.skipped += batch.rows.length - batch.due.length;
    const last = batch.rows.at(-1);
    if (batch.rows.length < batchSize || !last) return run;
    after = { dueOn: last.dueOn, id: last.id };
  }
}

/** An active account that was not erased. */
function mailable(row: ReminderRow): boolean {
  return row.holderStatus === 'active' && row.holderErasedAt === null;
}

async function mailReminder(trx: Trx, deps: Deps, row: ReminderRow, today: string): Promise<void> {
  const locale = row.holderLocale;
  await enqueueMail(
    trx,
    {
      to: row.holderEmail,
      locale,
      template: 'claim_duty_reminder',
      params: {
        name: row.holderName,
        link: `${deps.config.publicUrl}/portal/claims/${row.claimId}`,
        claimNumber: row.claimNumber,
        duty: dutyText(locale, row.kind, row.note),
        due: dueText(locale, row.dueOn, todayIn(row.timeZone, deps.clock.now())),
        clause: clauseText(locale, row.kind),
      },
    },
    deps.clock,
    // Once per entry per day, whatever happens to reminded_at (a retried job, two workers).
    { dedupeKey: `claims.diary-reminder:${row.id}:${today}` },
  );
}

function auditEvent(row: ReminderRow): AuditEventInput {
  return {
    actor: ACTOR,
    action: 'claim.diary_reminder_sent',
    subject: { type: 'claim', id: row.claimId },
    details: { claimNumber: row.claimNumber, entryId: row.id, kind: row.kind, clause: row.clause, dueOn: row.dueOn },
  };
}

export function diaryReminderJobHandlers(deps: Deps): JobHandlers {
  return {
    [DIARY_REMINDER_JOB_KIND]: async (_payload, context) => {
      await sendDiaryReminders(deps, { signal: context.signal });
    },
  };
}
