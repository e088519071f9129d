import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { readContent } from '../../documents/index.ts';
import { type Claim, findClaimVisibleTo } from '../claims-repository.ts';
import { type CoverageEntry, type CoverageLetter, listCoverageEntries, listLetters, listReviewRequests, type ReviewRequest } from '../coverage-repository.ts';

/** A claim's coverage as the reader may see it: within scopeClaims (otherwise 404), never written to. */
export type CoverageView = {
  claim: Claim;
  /** Every proposal and decision, oldest first. */
  entries: CoverageEntry[];
  /** The newest proposal and the newest decision (the claim's current one). */
  proposal: CoverageEntry | null;
  decision: CoverageEntry | null;
  reviewRequests: ReviewRequest[];
  openReview: ReviewRequest | null;
  /** PRV-RIGHT-6: the newest proposal is automatic and no person has been asked to review it yet. */
  reviewAvailable: boolean;
  letters: CoverageLetter[];
};

export async function getCoverage(deps: Deps, actor: Actor, claimId: string): Promise<CoverageView> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  const [entries, reviewRequests, letters] = await Promise.all([
    listCoverageEntries(deps.db, claimId),
    listReviewRequests(deps.db, claimId),
    listLetters(deps.db, claimId),
  ]);
  const proposal = entries.findLast((entry) => entry.kind === 'proposal') ?? null;
  return {
    claim,
    entries,
    proposal,
    decision: entries.findLast((entry) => entry.kind === 'decision') ?? null,
    reviewRequests,
    openReview: reviewRequests.find((request) => request.status === 'open') ?? null,
    reviewAvailable: proposal?.automatic === true && !reviewRequests.some((request) => request.proposalId === proposal.id),
    letters,
  };
}

/** A letter about the claim's cover (the denial letter), if the reader reaches the claim. */
export async function getCoverageLetter(deps: Deps, actor: Actor, claimId: string, letterId: string): Promise<{ letter: CoverageLetter; content: Buffer }> {
  const { letters } = await getCoverage(deps, actor, claimId);
  const letter = letters.find((candidate) => candidate.id === letterId);
  if (!letter) throw problems.notFound();
  const content = await readContent(deps.db, letter.sha256);
  if (!content) throw problems.notFound();
  return { letter, content };
}
