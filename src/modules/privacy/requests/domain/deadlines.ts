import { Temporal } from 'temporal-polyfill';

/**
 * PRV-RIGHT-11: deadlines as data, in calendar terms (Temporal PlainDate arithmetic, so "one month" after
 * 31 January is 28 or 29 February). The clock starts on the day the request is RECEIVED, not the day it is
 * verified: docs/decisions/0011-privacy-request-deadlines.md says why.
 *
 *  - US (California and the other states): 45 days, extendable once by 45 more with the reason in writing,
 *    sent before the first deadline (CCPA regulations §7021(b); notice B).
 *  - Netherlands: 4 weeks (the Dutch notice D: "binnen 4 weken"), extendable by two months (GDPR art. 12(3)).
 *  - Other EU: one calendar month, extendable by two further months (GDPR art. 12(3)).
 */
export const DEADLINE_RULES = {
  us_45_days: { period: { days: 45 }, extension: { days: 45 } },
  nl_4_weeks: { period: { weeks: 4 }, extension: { months: 2 } },
  eu_one_month: { period: { months: 1 }, extension: { months: 2 } },
} as const satisfies Record<string, { period: Temporal.DurationLike; extension: Temporal.DurationLike }>;

export type DeadlineRuleId = keyof typeof DEADLINE_RULES;

export function isDeadlineRuleId(value: unknown): value is DeadlineRuleId {
  return typeof value === 'string' && Object.hasOwn(DEADLINE_RULES, value);
}

/** The first deadline: the receipt date plus the rule's period ('constrain': 31 Jan + 1 month = 28/29 Feb). */
export function firstDueDate(rule: DeadlineRuleId, receivedOn: Temporal.PlainDate): Temporal.PlainDate {
  return receivedOn.add(DEADLINE_RULES[rule].period, { overflow: 'constrain' });
}

/** The extended deadline runs on from the first deadline (45 + 45 = 90 days; 1 + 2 = 3 months). */
export function extendedDueDate(rule: DeadlineRuleId, firstDue: Temporal.PlainDate): Temporal.PlainDate {
  return firstDue.add(DEADLINE_RULES[rule].extension, { overflow: 'constrain' });
}

export type ExtensionDecision =
  | { ok: true; newDueOn: Temporal.PlainDate }
  | { ok: false; reason: 'already_extended' | 'deadline_passed' | 'request_closed' | 'reason_required' };

/**
 * PRV-RIGHT-11: at most one extension, with a written reason, decided and sent BEFORE the first deadline:
 * on the due date itself the notice could no longer reach the person in time, so that day is refused too.
 */
export function decideExtension(input: {
  rule: DeadlineRuleId;
  dueOn: Temporal.PlainDate;
  alreadyExtended: boolean;
  open: boolean;
  today: Temporal.PlainDate;
  reason: string;
}): ExtensionDecision {
  if (!input.open) return { ok: false, reason: 'request_closed' };
  if (input.alreadyExtended) return { ok: false, reason: 'already_extended' };
  if (Temporal.PlainDate.compare(input.today, input.dueOn) >= 0) return { ok: false, reason: 'deadline_passed' };
  if (input.reason.trim() === '') return { ok: false, reason: 'reason_required' };
  return { ok: true, newDueOn: extendedDueDate(input.rule, input.dueOn) };
}

/** The officer's queue (PRV-RIGHT-11): overdue, due within 7 days, or later. */
export type DeadlineState = 'overdue' | 'due_soon' | 'on_time';
export const DUE_SOON_DAYS = 7;

export function deadlineState(currentDueOn: Temporal.PlainDate, today: Temporal.PlainDate): DeadlineState {
  const daysLeft = today.until(currentDueOn, { largestUnit: 'days' }).days;
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'on_time';
}
