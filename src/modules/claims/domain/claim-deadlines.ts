import { Temporal } from 'temporal-polyfill';
import type { DiaryParty, DiaryStatus } from '../../../platform/db/schema-claims.ts';
import type { DiaryKind, NewDiaryEntry } from '../diary-repository.ts';

/**
 * The claim's deadlines (issue #4, "Duties and deadlines"): pure date arithmetic on calendar dates
 * (Temporal.PlainDate), the tested source of truth for every part of the claims module that writes a diary
 * entry. "Today" is always the claim's own time zone's today (the policy's zone), never the server's.
 */

type DateInput = Temporal.PlainDate | string;

const date = (value: DateInput): Temporal.PlainDate => (typeof value === 'string' ? Temporal.PlainDate.from(value) : value);
const later = (a: DateInput, b: DateInput): Temporal.PlainDate => (Temporal.PlainDate.compare(date(a), date(b)) >= 0 ? date(a) : date(b));

/** JPF-DUTY-4: "within 90 days after the loss occurs". */
export const PROOF_OF_LOSS_DAYS = 90;
/** JPF-SETTLE-9: "within 30 days after a satisfactory proof of loss is received and the amount … agreed to in writing". */
export const SETTLEMENT_DAYS = 30;
/** JPF-APPR-1: each side names its appraiser "within 20 days after the receipt of the written demand". */
export const APPRAISER_NAMING_DAYS = 20;
/** JPF-APPR-1: the two appraisers agree on an umpire within 15 days (after both are named), else a judge selects one. */
export const UMPIRE_NAMING_DAYS = 15;
/** JPF-SUBRO-2: a recovery the insured reported, with no adjuster to tell, is reviewed by the insurer within 7 days. */
export const RECOVERY_REVIEW_DAYS = 7;
/** An open deadline this close (or closer) is "near": shown as such and reminded. */
export const NEAR_DAYS = 7;
/** A deadline is reminded again at most once in this many days. */
export const REMINDER_INTERVAL_DAYS = 7;

/** JPF-DUTY-4: the proof of loss is due 90 days after the loss date. */
export function proofOfLossDue(lossDate: DateInput): Temporal.PlainDate {
  return date(lossDate).add({ days: PROOF_OF_LOSS_DAYS });
}

/**
 * JPF-SETTLE-9: settlement is due 30 days after the later of the two conditions: the satisfactory proof of loss
 * received and the written agreement on the amount. Until both exist there is no settlement deadline (null).
 */
export function settlementDue(proofAcceptedOn: DateInput | null, amountAgreedOn: DateInput | null): Temporal.PlainDate | null {
  if (proofAcceptedOn === null || amountAgreedOn === null) return null;
  return later(proofAcceptedOn, amountAgreedOn).add({ days: SETTLEMENT_DAYS });
}

/** JPF-APPR-1: both appraisers are named within 20 days after the written demand was received. */
export function appraiserNamingDue(demandReceivedOn: DateInput): Temporal.PlainDate {
  return date(demandReceivedOn).add({ days: APPRAISER_NAMING_DAYS });
}

/**
 * JPF-APPR-1: the umpire is agreed within 15 days after both appraisers are named, i.e. counted from the later
 * naming; after that either side may ask a judge to select one.
 */
export function umpireNamingDue(insuredAppraiserNamedOn: DateInput, insurerAppraiserNamedOn: DateInput): Temporal.PlainDate {
  return later(insuredAppraiserNamedOn, insurerAppraiserNamedOn).add({ days: UMPIRE_NAMING_DAYS });
}

/**
 * JPF-SUBRO-2: "you must notify us … promptly" of a recovery — when the insured's notice reaches no adjuster (none
 * assigned), the insurer's own deadline to review it is 7 days after the day it was reported.
 */
export function recoveryReviewDue(reportedOn: DateInput): Temporal.PlainDate {
  return date(reportedOn).add({ days: RECOVERY_REVIEW_DAYS });
}

/**
 * JPF-SUIT-1: a suit must be commenced "within one year after the loss": the limitation date is the loss date's
 * anniversary. A loss on 29 February has no anniversary in a common year; the date is then 28 February (Temporal's
 * 'constrain'), not 1 March, because 28 February is the last day that is still within one year of the loss
 * (1 March would be a year and a day), so the insured is never told they have longer than the policy gives.
 */
export function suitLimitation(lossDate: DateInput): Temporal.PlainDate {
  return date(lossDate).add({ years: 1 }, { overflow: 'constrain' });
}

/** Today's date in the claim's time zone at `now`. */
export function todayIn(timeZone: string, now: Temporal.Instant): Temporal.PlainDate {
  return now.toZonedDateTimeISO(timeZone).toPlainDate();
}

/** Whole days from `today` to the due date: negative when it has passed, 0 when due today. */
export function daysUntil(dueOn: DateInput, today: DateInput): number {
  return date(today).until(date(dueOn), { largestUnit: 'days' }).days;
}

export type DeadlineLike = { status: DiaryStatus; dueOn: string };

/** Overdue: still open and the due date is before today (a deadline due today is not overdue yet). */
export function isOverdue(entry: DeadlineLike, today: DateInput): boolean {
  return entry.status === 'open' && daysUntil(entry.dueOn, today) < 0;
}

/** Near: still open, not overdue, and due within the next 7 days (today included). */
export function isNear(entry: DeadlineLike, today: DateInput): boolean {
  if (entry.status !== 'open') return false;
  const days = daysUntil(entry.dueOn, today);
  return days >= 0 && days <= NEAR_DAYS;
}

export type DeadlineState = 'overdue' | 'near' | 'upcoming' | 'done' | 'cancelled';

/** What a deadline is today, for the diary's status column and the insured's "what we need from you". */
export function deadlineState(entry: DeadlineLike, today: DateInput): DeadlineState {
  if (entry.status !== 'open') return entry.status;
  if (isOverdue(entry, today)) return 'overdue';
  return isNear(entry, today) ? 'near' : 'upcoming';
}

/**
 * Who must act and which clause each kind of deadline keeps, and whether the insured is reminded of it by mail.
 * The suit limitation is the insured's date too, but it is a limit on them, not something asked of them: it is
 * shown, never reminded. The insurer's own deadlines go to the adjuster's diary, not to the insured.
 */
export const DIARY_KIND_RULES: Readonly<Record<DiaryKind, { party: DiaryParty; clause: string; remindInsured: boolean }>> = {
  proof_of_loss_due: { party: 'insured', clause: 'JPF-DUTY-4', remindInsured: true },
  settlement_due: { party: 'insurer', clause: 'JPF-SETTLE-9', remindInsured: false },
  appraiser_naming_due: { party: 'both', clause: 'JPF-APPR-1', remindInsured: true },
  umpire_naming_due: { party: 'both', clause: 'JPF-APPR-1', remindInsured: false },
  suit_limitation: { party: 'insured', clause: 'JPF-SUIT-1', remindInsured: false },
  document_request_due: { party: 'insured', clause: 'JPF-DUTY-5', remindInsured: true },
  examination_under_oath: { party: 'insured', clause: 'JPF-DUTY-5', remindInsured: true },
  exhibit_property_due: { party: 'insured', clause: 'JPF-DUTY-5', remindInsured: true },
  written_confirmation_due: { party: 'insured', clause: 'JPF-DUTY-2', remindInsured: true },
  human_review_due: { party: 'insurer', clause: 'PRV-RIGHT-6', remindInsured: false },
  recovery_review_due: { party: 'insurer', clause: 'JPF-SUBRO-2', remindInsured: false },
};

export const DIARY_KINDS = Object.keys(DIARY_KIND_RULES) as DiaryKind[];

export function isDiaryKind(value: string): value is DiaryKind {
  return Object.hasOwn(DIARY_KIND_RULES, value);
}

/** Whether the insured is asked to act by this entry (party insured or both). */
export function isInsuredsMove(entry: { party: DiaryParty }): boolean {
  return entry.party === 'insured' || entry.party === 'both';
}

export type ReminderCandidate = DeadlineLike & { kind: string; party: DiaryParty; remindedAt: string | null };

/**
 * The reminder rule: an open deadline of the insured (a kind that is reminded) that is overdue or due within 7
 * days, and that was not reminded in the last 7 days (so a mail goes out at most weekly per deadline).
 */
export function reminderDue(entry: ReminderCandidate, now: Temporal.Instant, timeZone: string): boolean {
  if (entry.status !== 'open' || !isInsuredsMove(entry)) return false;
  if (!isDiaryKind(entry.kind) || !DIARY_KIND_RULES[entry.kind].remindInsured) return false;
  const today = todayIn(timeZone, now);
  if (!isOverdue(entry, today) && !isNear(entry, today)) return false;
  if (entry.remindedAt === null) return true;
  const since = Temporal.Instant.from(entry.remindedAt).until(now, { largestUnit: 'hours' });
  return since.total({ unit: 'hours' }) >= REMINDER_INTERVAL_DAYS * 24;
}

/** The diary entry of a deadline, with its party and clause from DIARY_KIND_RULES (other parts use these builders). */
export function deadlineEntry(
  claimId: string,
  kind: DiaryKind,
  dueOn: DateInput,
  extra: { note?: string | null; referenceId?: string | null; party?: DiaryParty } = {},
): NewDiaryEntry {
  const rule = DIARY_KIND_RULES[kind];
  return {
    claimId,
    kind,
    party: extra.party ?? rule.party,
    dueOn: date(dueOn).toString(),
    clause: rule.clause,
    note: extra.note ?? null,
    referenceId: extra.referenceId ?? null,
  };
}

/** The two deadlines every reported claim has from its loss date: proof of loss (JPF-DUTY-4) and suit limitation (JPF-SUIT-1). */
export function firstNoticeDeadlines(claimId: string, lossDate: DateInput): NewDiaryEntry[] {
  return [deadlineEntry(claimId, 'proof_of_loss_due', proofOfLossDue(lossDate)), deadlineEntry(claimId, 'suit_limitation', suitLimitation(lossDate))];
}
