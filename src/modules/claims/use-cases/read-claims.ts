import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { listLinkedFiles } from '../../files/index.ts';
import { type QueueRow, queryClaimQueue } from '../claim-queue-repository.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { listDiaryEntries } from '../diary-repository.ts';
import { todayIn } from '../domain/claim-deadlines.ts';
import { pageOf, type QueueFilter } from '../domain/claim-queue.ts';
import { type ClaimSummary, displayNames, findFirstNotice, listClaimsOf, listHandlers, policyNumberOf } from '../first-notice-repository.ts';
import type { ReportedClaim } from './report-claim.ts';

/** Reads of the first notice part (issue #4): what the actor may not reach is not found (404), never forbidden. */

const MY_CLAIMS_PAGE = 100;

export type ClaimDetail = ReportedClaim & { adjusterName: string | null; reporterDisplayName: string | null };

function requireUser(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
}

/** The claim with its items, the report's facts, its files and its diary, within scopeClaims (holder, agent, jeweler, reporter, staff). */
export async function getClaimDetail(deps: Deps, actor: Actor, claimId: string): Promise<ClaimDetail> {
  requireUser(actor);
  const claim = await findClaimWithItemsVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  const [notice, diary, files, policyNumber, names] = await Promise.all([
    findFirstNotice(deps.db, claim.id),
    listDiaryEntries(deps.db, claim.id),
    listLinkedFiles(deps.db, actor, { type: 'claim', id: claim.id }),
    policyNumberOf(deps.db, claim.policyId),
    displayNames(deps.db, [claim.adjusterUserId, claim.reportedByUserId]),
  ]);
  return {
    ...claim,
    violationOfLaw: notice?.violationOfLaw ?? false,
    withdrawnAt: notice?.withdrawnAt ?? null,
    withdrawalReason: notice?.withdrawalReason ?? null,
    policyNumber: policyNumber ?? '',
    diary,
    files: files.map((file) => ({ id: file.id, purpose: file.purpose, type: file.type, byteSize: file.byteSize, createdAt: file.createdAt })),
    adjusterName: claim.adjusterUserId ? (names.get(claim.adjusterUserId) ?? null) : null,
    reporterDisplayName: names.get(claim.reportedByUserId) ?? null,
  };
}

/** "My claims": held, handled as the agent, reported or repaired as a jeweler, or reported by the reader. */
export async function listMyClaims(deps: Deps, actor: Actor, options: { jewelerOnly?: boolean } = {}): Promise<ClaimSummary[]> {
  requireUser(actor);
  return listClaimsOf(deps.db, actor.userId, { limit: MY_CLAIMS_PAGE, ...options });
}

/** The start of a day in a time zone, as an instant (the reported-day filter of the queue). */
function startOfDay(day: string, timeZone: string): string {
  return Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).toInstant().toString();
}

/**
 * The adjuster's queue (claims:read_all): open claims by default, oldest report first, with filters and a cursor.
 * "Today" (overdue) and the reported days are the insurer's (BEZEL_TIME_ZONE).
 */
export async function readClaimQueue(deps: Deps, actor: Actor, filter: QueueFilter): Promise<{ items: QueueRow[]; nextCursor: string | null }> {
  requirePermission(actor, 'claims:read_all');
  requireUser(actor);
  const zone = deps.config.insurerTimeZone;
  const rows = await queryClaimQueue(deps.db, filter, {
    userId: actor.userId,
    today: todayIn(zone, deps.clock.now()).toString(),
    ...(filter.reportedFrom && { reportedFromAt: startOfDay(filter.reportedFrom, zone) }),
    ...(filter.reportedTo && { reportedBeforeAt: startOfDay(Temporal.PlainDate.from(filter.reportedTo).add({ days: 1 }).toString(), zone) }),
  });
  return pageOf(rows, filter.limit);
}

/** The people a claim may be assigned to (the 360 view's assign form). */
export async function listClaimHandlers(deps: Deps, actor: Actor): Promise<{ id: string; displayName: string }[]> {
  requirePermission(actor, 'claims:handle');
  return listHandlers(deps.db);
}
