import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { ConsentSource, CookieConsentMethod, Locale } from '../../../platform/db/schema.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { CookieCategories } from './domain/cookie-choice.ts';
import type { ConsentPurposeName, SuppressionReasonName } from './domain/marketing.ts';

/** SQL of consents, cookie choices, notice versions and page counts (issue #5); nothing else. */

export type NoticeVersion = { version: number; publishedOn: string; summary: string; changes: string };

type NoticeRow = { version: number; published_on: string; summary_en: string; summary_nl: string; changes_en: string; changes_nl: string };

function noticeOf(row: NoticeRow, locale: Locale): NoticeVersion {
  return {
    version: row.version,
    publishedOn: row.published_on,
    summary: locale === 'nl' ? row.summary_nl : row.summary_en,
    changes: locale === 'nl' ? row.changes_nl : row.changes_en,
  };
}

const NOTICE_COLUMNS = ['version', 'published_on', 'summary_en', 'summary_nl', 'changes_en', 'changes_nl'] as const;

/** PRV-CHANGE-1: the notice in force on `today` ('YYYY-MM-DD'): the highest version already published. */
export async function findCurrentNoticeVersion(db: Db | Trx, today: string): Promise<number | null> {
  const row = await db
    .selectFrom('privacy_notice_version')
    .select('version')
    .where('published_on', '<=', today)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Published versions, newest first: the change history people see. */
export async function listPublishedNotices(db: Db | Trx, today: string, locale: Locale): Promise<NoticeVersion[]> {
  const rows = await db.selectFrom('privacy_notice_version').select(NOTICE_COLUMNS).where('published_on', '<=', today).orderBy('version', 'desc').execute();
  return rows.map((row) => noticeOf(row, locale));
}

export type NewNoticeVersion = { version: number; publishedOn: string; summaryEn: string; summaryNl: string; changesEn: string; changesNl: string };

export async function insertNoticeVersion(trx: Trx, notice: NewNoticeVersion): Promise<void> {
  await trx
    .insertInto('privacy_notice_version')
    .values({
      version: notice.version,
      published_on: notice.publishedOn,
      summary_en: notice.summaryEn,
      summary_nl: notice.summaryNl,
      changes_en: notice.changesEn,
      changes_nl: notice.changesNl,
    })
    .execute();
}

export type CookieConsentProof = {
  id: string;
  consentId: string;
  noticeVersion: number;
  categories: CookieCategories;
  method: CookieConsentMethod;
  gpc: boolean;
  userId: string | null;
  maskedIp: string | null;
  userAgent: string | null;
  recordedAt: string;
};

export async function insertCookieConsent(trx: Trx, proof: CookieConsentProof): Promise<void> {
  await trx
    .insertInto('cookie_consent')
    .values({
      id: proof.id,
      consent_id: proof.consentId,
      notice_version: proof.noticeVersion,
      analytics: proof.categories.analytics,
      advertising: proof.categories.advertising,
      method: proof.method,
      gpc: proof.gpc,
      user_id: proof.userId,
      masked_ip: proof.maskedIp,
      user_agent: proof.userAgent,
      recorded_at: proof.recordedAt,
    })
    .execute();
}

/** PRV-BEACON-1: `views` more views of each path on its day; nothing about who viewed it. */
export async function addPageViews(db: Db, counts: readonly { day: string; path: string; views: number }[]): Promise<void> {
  if (counts.length === 0) return;
  await db
    .insertInto('page_view_count')
    .values(counts.map(({ day, path, views }) => ({ day, path, views })))
    .onConflict((conflict) => conflict.columns(['day', 'path']).doUpdateSet({ views: sql`page_view_count.views + excluded.views` }))
    .execute();
}

export type PageViewCount = { day: string; path: string; views: number };

export async function listPageViewCounts(db: Db | Trx, from: string, to: string): Promise<PageViewCount[]> {
  const rows = await db
    .selectFrom('page_view_count')
    .select(['day', 'path', 'views'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day', 'desc')
    .orderBy('views', 'desc')
    .orderBy('path')
    .limit(1000)
    .execute();
  return rows.map((row) => ({ day: row.day, path: row.path, views: Number(row.views) }));
}

export type ConsentRecord = {
  id: string;
  purpose: ConsentPurposeName;
  noticeVersion: number;
  source: ConsentSource;
  givenAt: string;
  withdrawnAt: string | null;
  withdrawnSource: ConsentSource | null;
};

export async function listConsentRecords(db: Db | Trx, userId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consent_record')
    .select(['id', 'purpose', 'notice_version', 'source', 'given_at', 'withdrawn_at', 'withdrawn_source'])
    .where('user_id', '=', userId)
    .orderBy('given_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    noticeVersion: row.notice_version,
    source: row.source,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnSource: row.withdrawn_source,
  }));
}

export async function insertConsentRecord(
  trx: Trx,
  record: { id: string; userId: string; purpose: ConsentPurposeName; noticeVersion: number; source: ConsentSource; givenAt: string },
): Promise<void> {
  await trx
    .insertInto('consent_record')
    .values({
      id: record.id,
      user_id: record.userId,
      purpose: record.purpose,
      notice_version: record.noticeVersion,
      source: record.source,
      given_at: record.givenAt,
    })
    .execute();
}

/** PRV-RIGHT-7: ends the live consent (if any); the row stays. Returns the withdrawn record's id. */
export async function withdrawLiveConsent(trx: Trx, userId: string, purpose: ConsentPurposeName, at: string, source: ConsentSource): Promise<string | null> {
  const row = await trx
    .updateTable('consent_record')
    .set({ withdrawn_at: at, withdrawn_source: source })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function lockUserForConsent(trx: Trx, userId: string): Promise<boolean> {
  const row = await trx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function liveSuppressionReasons(db: Db | Trx, userId: string): Promise<SuppressionReasonName[]> {
  const rows = await db.selectFrom('marketing_suppression').select('reason').where('user_id', '=', userId).where('lifted_at', 'is', null).execute();
  return rows.map((row) => row.reason);
}

export async function insertSuppression(
  trx: Trx,
  suppression: { id: string; userId: string; reason: SuppressionReasonName; source: ConsentSource; recordedAt: string },
): Promise<void> {
  await trx
    .insertInto('marketing_suppression')
    .values({ id: suppression.id, user_id: suppression.userId, reason: suppression.reason, source: suppression.source, recorded_at: suppression.recordedAt })
    .execute();
}

/** An explicit opt-in lifts earlier suppressions; the rows stay as history. */
export async function liftSuppressions(trx: Trx, userId: string, at: string): Promise<number> {
  const rows = await trx
    .updateTable('marketing_suppression')
    .set({ lifted_at: at })
    .where('user_id', '=', userId)
    .where('lifted_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export type MarketingRecipient = { userId: string; email: string; displayName: string; locale: Locale };

export async function findMarketingRecipient(db: Db | Trx, userId: string): Promise<MarketingRecipient | null> {
  const row = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'locale', 'status']).where('id', '=', userId).executeTakeFirst();
  if (row?.status !== 'active') return null;
  return { userId: row.id, email: row.email, displayName: row.display_name, locale: row.locale };
}
