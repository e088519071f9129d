import type { VNode } from 'preact';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { ClaimWithItems } from '../claims-repository.ts';

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
export const CLAIM_360_SECTIONS: ClaimSection[] = [];

/** Sections of the portal's claim status page (the insured, their agent, the jeweler), in plain words, EN/NL. */
export const CLAIM_STATUS_SECTIONS: ClaimSection[] = [];
