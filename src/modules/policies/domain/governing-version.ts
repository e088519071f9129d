import { Temporal } from 'temporal-polyfill';
import { appliesByLiberalization } from '../../products/index.ts';

/**
 * Which product version governs a policy on a date (issue #3: "A policy keeps the version it was sold
 * under", and JPF-COND-3, liberalization: "If a revision of a form or endorsement that would broaden
 * coverage without an additional premium is adopted during the policy period, or within six months
 * before the policy is effective, the broadened coverage will apply").
 *
 * The rule, on a date D of a policy sold under version S with period [first day, last day]:
 *  - a revision R may govern only when it is newer than S (R.version > S.version), broadens coverage,
 *    and appliesByLiberalization(R, period) (adopted from six months before the first day up to the
 *    last day, both included — the counting is written down in products/domain/liberalization.ts);
 *  - it governs from the day it took hold: its adoption day, or the first day when it was adopted
 *    before the period began. Before that day (and before the period) the policy has what it was sold;
 *  - it applies only while the policy is in force: a policy cancelled with effect on or before that day, or
 *    voided (void from the start, JPF-COND-5), never takes the revision; a cancellation reversed by a
 *    reinstatement does not count. A revision adopted before the cancellation's effective date applies
 *    from its adoption day until the cover ended;
 *  - of several revisions that have taken hold on D, the latest (highest version number) governs: each
 *    revision is a whole version of the product, so the newest broadening one already contains what
 *    the earlier ones broadened;
 *  - otherwise S governs. A revision that does not broaden never governs an issued policy: a narrowing
 *    one reaches it only at renewal (JPF-COND-7), as the renewal is sold under the version then in force.
 *
 * Liberalization never changes the premium (the clause: "without an additional premium"): this only
 * says which terms apply; nothing here is rated.
 */
export type SoldVersion = { id: string; version: number; effectiveFrom: Temporal.PlainDate };
export type VersionRevision = { id: string; version: number; broadening: boolean; adoptedOn: Temporal.PlainDate | null };
export type CoveredPeriod = {
  firstDay: Temporal.PlainDate;
  lastDay: Temporal.PlainDate;
  /** The first day without cover when the policy was cancelled (its effective date) or voided (the first day); null otherwise. */
  coverEndsOn?: Temporal.PlainDate | null;
};

export type GoverningVersion =
  | { basis: 'sold'; id: string; version: number; adoptedOn: null; appliesFrom: null }
  | {
      basis: 'liberalization';
      id: string;
      version: number;
      adoptedOn: Temporal.PlainDate;
      /** The day the broadened terms took hold for this policy: the adoption day, or the first day when adopted before the period. */
      appliesFrom: Temporal.PlainDate;
    };

export function governingVersion(sold: SoldVersion, revisions: readonly VersionRevision[], period: CoveredPeriod, date: Temporal.PlainDate): GoverningVersion {
  let best: Extract<GoverningVersion, { basis: 'liberalization' }> | null = null;
  for (const revision of revisions) {
    if (revision.version <= sold.version || !revision.broadening || revision.adoptedOn === null) continue;
    const adoptedOn = revision.adoptedOn;
    // JPF-COND-3: adopted during the period or within six months before it began.
    if (!appliesByLiberalization({ broadening: true, adoptedOn }, period)) continue;
    const appliesFrom = Temporal.PlainDate.compare(adoptedOn, period.firstDay) < 0 ? period.firstDay : adoptedOn;
    // JPF-COND-3 applies to a policy in force: not when it was cancelled or voided before the revision took hold.
    if (period.coverEndsOn && Temporal.PlainDate.compare(appliesFrom, period.coverEndsOn) >= 0) continue;
    if (Temporal.PlainDate.compare(appliesFrom, date) > 0) continue;
    if (best === null || revision.version > best.version)
      best = { basis: 'liberalization', id: revision.id, version: revision.version, adoptedOn, appliesFrom };
  }
  return best ?? { basis: 'sold', id: sold.id, version: sold.version, adoptedOn: null, appliesFrom: null };
}
