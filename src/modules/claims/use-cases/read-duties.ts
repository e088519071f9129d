import { Temporal } from 'temporal-polyfill';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Claim, findClaimVisibleTo } from '../claims-repository.ts';
import { type DiaryListRow, listOpenDiaryEntries } from '../diary-queries.ts';
import { type DiaryEntry, listDiaryEntries } from '../diary-repository.ts';
import { type DeadlineState, deadlineState, todayIn } from '../domain/claim-deadlines.ts';
import { type DutyRecord, type DutyRequest, listDutyRecords, listDutyRequests } from '../duty-repository.ts';

export type DiaryEntryView = DiaryEntry & { state: DeadlineState };

export type ClaimDuties = {
  claim: Claim;
  /** Today in the claim's time zone, which decides what is overdue. */
  today: Temporal.PlainDate;
  diary: DiaryEntryView[];
  requests: DutyRequest[];
  records: DutyRecord[];
};

/**
 * The claim's diary, duty requests and duty records: for claims staff (claims:read_all) and for the policyholder,
 * who sees what is asked of them. Anyone else who reaches the claim (its agent, a jeweler) and anyone who does not
 * gets 404. Reads only; on a page, `db` may be the page's own handle.
 */
export async function readClaimDuties(deps: Pick<Deps, 'clock'> & { db: Db }, actor: Actor, claimId: string): Promise<ClaimDuties> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  if (!mayReadDuties(actor, claim)) throw problems.notFound();
  const today = todayIn(claim.timeZone, deps.clock.now());
  const [entries, requests, records] = await Promise.all([
    listDiaryEntries(deps.db, claim.id),
    listDutyRequests(deps.db, claim.id),
    listDutyRecords(deps.db, claim.id),
  ]);
  return { claim, today, diary: entries.map((entry) => ({ ...entry, state: deadlineState(entry, today) })), requests, records };
}

/** Claims staff, or the claim's policyholder. */
export function mayReadDuties(actor: Actor, claim: Pick<Claim, 'holderUserId'>): boolean {
  return can(actor, 'claims:read_all') || (actor.kind === 'user' && actor.userId === claim.holderUserId);
}

export type DiaryPage = { items: (DiaryListRow & { state: DeadlineState })[]; nextCursor: string | null };

export type DiaryQuery = {
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
  dueBefore?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

/**
 * The adjuster's diary (claims:read_all): open deadlines across claims, by due date; `mine` keeps the claims the
 * reader handles, `overdue` those due before the claim's today, `dueBefore` those due before a date. Keyset
 * pages: the cursor is the last row's (due date, id).
 */
export async function readDiary(deps: Deps, actor: Actor, query: DiaryQuery): Promise<DiaryPage> {
  requirePermission(actor, 'claims:read_all');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const now = deps.clock.now();
  const rows = await listOpenDiaryEntries(deps.db, now.toString(), {
    adjusterUserId: query.mine ? actor.userId : undefined,
    overdue: query.overdue,
    dueBefore: query.dueBefore,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit).map((row) => ({ ...row, state: deadlineState(row, todayIn(row.timeZone, now)) }));
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

function encodeCursor(row: { dueOn: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.dueOn, row.id])).toString('base64url');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): { dueOn: string; id: string } {
  try {
    const [dueOn, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // A date that parses (Temporal throws on 2027-13-45), so the database never sees a bad one.
    if (typeof dueOn === 'string' && DATE.test(dueOn) && typeof id === 'string' && UUID.test(id))
      return { dueOn: Temporal.PlainDate.from(dueOn).toString(), id };
  } catch {
    // fall through to the problem below
  }
  throw problems.validation([{ field: 'query.cursor', code: 'invalid_format', messageKey: 'error.field.invalid_format' }]);
}
