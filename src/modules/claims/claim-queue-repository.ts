import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ClaimStatus, LossKind } from '../../platform/db/schema-claims.ts';
import type { QueueFilter } from './domain/claim-queue.ts';

/**
 * The adjuster's queue in SQL (issue #4; target: < 50 ms p99 with 100,000 open claims on PostgreSQL). Every shape
 * of the query walks an index in (reported_at, id) order and stops after one page:
 *  - open claims (the default): claim_open_queue_idx, or claim_open_adjuster_queue_idx for one adjuster or the
 *    unassigned ones (adjuster_user_id IS NULL is an index condition too) — partial indexes whose predicate the
 *    query repeats as a literal (OPEN_STATUSES_SQL), so even a generic plan can prove it;
 *  - one status: claim_queue_idx (status, reported_at, id) or claim_adjuster_queue_idx (0024);
 *  - loss kind and the reported-day range filter the rows as the index delivers them; "overdue" probes
 *    claim_diary_open_claim_idx per claim.
 * The page's rows then join their policy, adjuster and next deadline: one primary-key or index lookup each.
 */

/** Must read exactly as the predicate of the partial indexes in migrations/0026_claims_fnol.sql. */
const OPEN_STATUSES_SQL = sql<boolean>`claim.status IN ('reported', 'needs_information', 'covered')`;

export type QueueRow = {
  id: string;
  claimNumber: string;
  policyId: string;
  policyNumber: string;
  status: ClaimStatus;
  lossKind: LossKind;
  lossDate: string;
  insuredName: string;
  channel: string;
  adjusterUserId: string | null;
  adjusterName: string | null;
  reportedAt: string;
  /** The earliest open deadline, whoever's move it is. */
  nextDueOn: string | null;
  overdue: boolean;
};

export type QueueBounds = {
  /** The reader, for adjuster 'me'. */
  userId: string;
  /** Today in the insurer's time zone ('YYYY-MM-DD'): an open entry due before it is overdue. */
  today: string;
  /** The instants the reported-day range starts and ends (exclusive end), in the insurer's time zone. */
  reportedFromAt?: string;
  reportedBeforeAt?: string;
};

export async function queryClaimQueue(db: Db, filter: QueueFilter, bounds: QueueBounds): Promise<QueueRow[]> {
  let page = db.selectFrom('claim').select(['claim.id', 'claim.reported_at']);
  page = filter.status === 'open' ? page.where(OPEN_STATUSES_SQL) : page.where('claim.status', '=', filter.status);
  const adjuster = filter.adjuster;
  if (adjuster === 'me') page = page.where('claim.adjuster_user_id', '=', bounds.userId);
  else if (adjuster === 'unassigned') page = page.where('claim.adjuster_user_id', 'is', null);
  else if (adjuster) page = page.where('claim.adjuster_user_id', '=', adjuster.userId);
  if (filter.lossKind) page = page.where('claim.loss_kind', '=', filter.lossKind);
  if (bounds.reportedFromAt) page = page.where('claim.reported_at', '>=', bounds.reportedFromAt);
  if (bounds.reportedBeforeAt) page = page.where('claim.reported_at', '<', bounds.reportedBeforeAt);
  if (filter.after) page = page.where(sql<boolean>`(claim.reported_at, claim.id) > (${filter.after.reportedAt}::timestamptz, ${filter.after.id}::uuid)`);
  if (filter.overdue)
    page = page.where((eb) =>
      eb.exists(
        eb
          .selectFrom('claim_diary_entry as due')
          .select('due.id')
          .whereRef('due.claim_id', '=', 'claim.id')
          .where('due.status', '=', 'open')
          .where('due.due_on', '<', bounds.today),
      ),
    );
  page = page
    .orderBy('claim.reported_at')
    .orderBy('claim.id')
    .limit(filter.limit + 1);

  // The page first (index order, LIMIT), then its rows' details: the joins run for one page only.
  const rows = await db
    .with('page', () => page)
    .selectFrom('page')
    .innerJoin('claim', 'claim.id', 'page.id')
    .innerJoin('policy', 'policy.id', 'claim.policy_id')
    .leftJoin('app_user as adjuster', 'adjuster.id', 'claim.adjuster_user_id')
    .select((eb) => [
      'claim.id',
      'claim.claim_number',
      'claim.policy_id',
      'policy.policy_number',
      'claim.status',
      'claim.loss_kind',
      'claim.loss_date',
      'claim.insured_name',
      'claim.channel',
      'claim.adjuster_user_id',
      'adjuster.display_name as adjuster_name',
      'claim.reported_at',
      eb
        .selectFrom('claim_diary_entry as next')
        .select((inner) => inner.fn.min('next.due_on').as('due'))
        .whereRef('next.claim_id', '=', 'claim.id')
        .where('next.status', '=', 'open')
        .as('next_due_on'),
    ])
    .orderBy('page.reported_at')
    .orderBy('page.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    claimNumber: row.claim_number,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    status: row.status,
    lossKind: row.loss_kind,
    lossDate: row.loss_date,
    insuredName: row.insured_name,
    channel: row.channel,
    adjusterUserId: row.adjuster_user_id,
    adjusterName: row.adjuster_name ?? null,
    reportedAt: row.reported_at,
    nextDueOn: row.next_due_on ?? null,
    overdue: row.next_due_on !== null && row.next_due_on !== undefined && row.next_due_on < bounds.today,
  }));
}
