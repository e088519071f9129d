import type { ClaimStatus, LossKind } from '../../../platform/db/schema-claims.ts';

/**
 * The adjuster's queue (issue #4, "Adjusters have a queue with filters"): which claims, in the order reported, a
 * page at a time. Keyset pagination: the cursor is the (reported_at, id) of the last claim of the page, so a page
 * costs the same however deep it is and a claim reported meanwhile never shifts the pages already read.
 */

export type QueueFilter = {
  /** One status, or 'open' (reported, needs information, covered: the default). */
  status: ClaimStatus | 'open';
  /** 'me' (the reader), 'unassigned', an adjuster's user id, or every claim when absent. */
  adjuster?: 'me' | 'unassigned' | { userId: string };
  lossKind?: LossKind;
  /** Only claims with an open diary entry due before today. */
  overdue?: boolean;
  /** Reported on or after / on or before these days (the insurer's time zone). */
  reportedFrom?: string;
  reportedTo?: string;
  after?: QueueCursor;
  limit: number;
};

export type QueueCursor = { reportedAt: string; id: string };

export const QUEUE_PAGE = 50;
export const QUEUE_PAGE_MAX = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The cursor as an opaque token: base64url of "reportedAt|id". */
export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.reportedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor a token stands for, or null when it is not one this queue made (the route answers 400). */
export function decodeCursor(token: string): QueueCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const [reportedAt, id, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || reportedAt === undefined || id === undefined || !INSTANT.test(reportedAt) || !UUID.test(id)) return null;
  if (Number.isNaN(Date.parse(reportedAt))) return null;
  return { reportedAt, id };
}

/** A page of `limit` rows read as limit + 1: the extra row says there is a next page, whose cursor is the last row shown. */
export function pageOf<T extends QueueCursor>(rows: readonly T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ reportedAt: last.reportedAt, id: last.id }) : null };
}
