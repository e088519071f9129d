import type { VNode } from 'preact';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { ClaimWithItems } from '../claims-repository.ts';
import { appraisalStaffSection, appraisalStatusSection } from './appraisal-sections.tsx';
import { coverage360Section, coverageStatusSection } from './coverage-sections.tsx';
import { diary360Section, diaryStatusSection } from './diary-sections.tsx';
import { jewelerOrders360Section, payments360Section, paymentsStatusSection, repairsStatusSection } from './payment-sections.tsx';
import { recoveryStaffSection, recoveryStatusSection } from './recovery-sections.tsx';
import { proof360Section, proofStatusSection, worksheet360Section, worksheetStatusSection } from './settlement-sections.tsx';

/**
 * The claim pages are built from sections, one per part of the claims module (issue #4): first notice, coverage
 * decision, diary, proof of loss, settlement worksheet, reserves and payments, jeweler orders, recovery, appraisal.
 * Each part exports its section(s) and adds one line to the lists below; the claim 360 view (back office) and the
 * customer's claim status page (portal) render every section in `order`, so no part edits another part's page.
 *
 * A section reads what it needs itself (its own repository, within the actor's reach) and returns HTML (a VNode
 * from the JSX runtime) or null when it has nothing to show. It must not write.
 */
export type ClaimSection = {
  /** Stable id, used as the section's HTML id (anchor) e.g. 'coverage'. */
  id: string;
  /** Position on the page, ascending; 10 = first notice, 20 = coverage, 30 = diary, 40 = proof of loss, 50 = worksheet, 60 = payments, 70 = jeweler orders, 80 = recovery, 90 = appraisal. */
  order: number;
  render(input: ClaimSectionInput): Promise<VNode | null>;
};

export type ClaimSectionInput = {
  deps: Deps;
  actor: UserActor;
  locale: Locale;
  claim: ClaimWithItems;
  /** The page's CSRF token, for sections that carry forms (360 view only). */
  csrfToken: string;
};

/** Sections of the back-office claim 360 view (adjusters and other claims staff). */
export const CLAIM_360_SECTIONS: ClaimSection[] = [
  coverage360Section, // 20: coverage decision
  diary360Section, // 30: diary, duty requests and records
  proof360Section, // 40: proof of loss, accept/reject, oath request
  worksheet360Section, // 50: settlement worksheet and the form for a new version
  payments360Section, // 60: reserve, payments with approvals and payees, their forms
  jewelerOrders360Section, // 70: repair/replacement orders to jewelers (JPF-SETTLE-2) and the form
  recoveryStaffSection, // 80: recovery and subrogation
  appraisalStaffSection, // 90: appraisal disputes
];

/** Sections of the portal's claim status page (the insured, their agent, the jeweler), in plain words, EN/NL. */
export const CLAIM_STATUS_SECTIONS: ClaimSection[] = [
  coverageStatusSection, // 20: is my loss covered?
  diaryStatusSection, // 30: what we need from you, and by when
  proofStatusSection, // 40: my proof of loss and the link to the form
  worksheetStatusSection, // 50: my settlement in plain words and the written agreement
  paymentsStatusSection, // 60: payments made to me (date, amount, payee)
  repairsStatusSection, // 70: how my repair or replacement is going
  recoveryStatusSection, // 80: what was recovered, report a recovery
  appraisalStatusSection, // 90: the appraisal and my next deadline
];
