import { Temporal } from 'temporal-polyfill';

/**
 * The requested inception date of a new policy (issue #3, bind): not before today in the insured's
 * time zone (cover is not sold backwards, when a loss may already have happened) and at most
 * `maxDaysAhead` days after it (90 by default: a quote's rates and underwriting are not held longer).
 */
export type InceptionProblem = { code: 'inception_in_past'; today: string } | { code: 'inception_too_far_ahead'; latest: string };

export function inceptionProblem(requested: Temporal.PlainDate, today: Temporal.PlainDate, maxDaysAhead = 90): InceptionProblem | null {
  if (Temporal.PlainDate.compare(requested, today) < 0) return { code: 'inception_in_past', today: today.toString() };
  const latest = today.add({ days: maxDaysAhead });
  if (Temporal.PlainDate.compare(requested, latest) > 0) return { code: 'inception_too_far_ahead', latest: latest.toString() };
  return null;
}
