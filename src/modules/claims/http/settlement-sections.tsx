import { can } from '../../../platform/auth/access.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { readProofOfLoss, readWorksheets } from '../use-cases/read-settlement.ts';
import type { ClaimSection } from './claim-sections.ts';
import { PROOF_SECTION_ID, ProofStaffSection, ProofStatusSection } from './proof-views.tsx';
import { WORKSHEET_SECTION_ID, WorksheetStaffSection, WorksheetStatusSection } from './worksheet-views.tsx';

/**
 * The proof of loss (order 40) and the settlement worksheet (order 50) on the claim pages: the back office's claim
 * 360 view and the portal's claim status page. Readers who do not see them (a jeweler: only what the orders need)
 * get no section at all.
 */

async function orNothing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

export const proof360Section: ClaimSection = {
  id: PROOF_SECTION_ID,
  order: 40,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await orNothing(() => readProofOfLoss(deps, actor, claim.id));
    if (!view) return null;
    return (
      <ProofStaffSection
        locale={locale}
        view={view}
        csrfToken={csrfToken}
        canHandle={can(actor, 'claims:handle')}
        returnTo={`/backoffice/claims/${claim.id}#${PROOF_SECTION_ID}`}
      />
    );
  },
};

export const worksheet360Section: ClaimSection = {
  id: WORKSHEET_SECTION_ID,
  order: 50,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await orNothing(() => readWorksheets(deps, actor, claim.id));
    if (!view) return null;
    return (
      <WorksheetStaffSection
        locale={locale}
        view={view}
        csrfToken={csrfToken}
        canHandle={can(actor, 'claims:handle')}
        returnTo={`/backoffice/claims/${claim.id}#${WORKSHEET_SECTION_ID}`}
      />
    );
  },
};

export const proofStatusSection: ClaimSection = {
  id: PROOF_SECTION_ID,
  order: 40,
  async render({ deps, actor, locale, claim }) {
    const view = await orNothing(() => readProofOfLoss(deps, actor, claim.id));
    if (!view) return null;
    return <ProofStatusSection locale={locale} view={view} isHolder={claim.holderUserId === actor.userId} />;
  },
};

export const worksheetStatusSection: ClaimSection = {
  id: WORKSHEET_SECTION_ID,
  order: 50,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await orNothing(() => readWorksheets(deps, actor, claim.id));
    if (!view) return null;
    return (
      <WorksheetStatusSection
        locale={locale}
        view={view}
        csrfToken={csrfToken}
        isHolder={claim.holderUserId === actor.userId}
        returnTo={`/portal/claims/${claim.id}#${WORKSHEET_SECTION_ID}`}
      />
    );
  },
};
