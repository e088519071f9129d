import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { findCurrentNoticeVersion, listPublishedNotices, type NoticeVersion } from '../consent-repository.ts';
import { insurerToday } from './today.ts';

/** PRV-CHANGE-1: the version in force today; version 1 is seeded by migration 0015, so there always is one. */
export async function currentNoticeVersion(deps: Deps): Promise<number> {
  return (await findCurrentNoticeVersion(deps.db, insurerToday(deps))) ?? 1;
}

/** PRV-CHANGE-1: the notice in force and every earlier version with what changed, newest first. Public. */
export async function readPrivacyNotice(deps: Deps, locale: Locale): Promise<{ current: NoticeVersion | null; history: NoticeVersion[] }> {
  const history = await listPublishedNotices(deps.db, insurerToday(deps), locale);
  return { current: history[0] ?? null, history };
}
