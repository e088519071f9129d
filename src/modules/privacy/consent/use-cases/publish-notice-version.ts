import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { insertNoticeVersion } from '../consent-repository.ts';
import { consentErrors } from '../errors.ts';
import { insurerToday } from './today.ts';

export type NoticeVersionInput = { publishedOn: string; summaryEn: string; summaryNl: string; changesEn: string; changesNl: string };

/**
 * PRV-CHANGE-1: a privacy officer publishes a new version of the notice, with what changed, on a
 * date (today or later). From that date the banner asks every browser again and new proofs name
 * the new version. Versions follow each other (the last + 1) and are never edited.
 */
export async function publishNoticeVersion(deps: Deps, actor: Actor, input: NoticeVersionInput, origin: RequestOrigin): Promise<{ version: number }> {
  requirePermission(actor, 'privacy:manage');
  const publishedOn = Temporal.PlainDate.from(input.publishedOn);
  if (Temporal.PlainDate.compare(publishedOn, Temporal.PlainDate.from(insurerToday(deps))) < 0) throw consentErrors.noticeVersionInvalid();
  return inTransaction(deps.db, async (trx) => {
    // The newest version (published or announced) is locked, so two officers cannot both publish "the next one".
    const last = await trx
      .selectFrom('privacy_notice_version')
      .select(['version', 'published_on'])
      .orderBy('version', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (last && Temporal.PlainDate.compare(publishedOn, Temporal.PlainDate.from(last.published_on)) < 0) throw consentErrors.noticeVersionInvalid();
    const version = (last?.version ?? 0) + 1;
    await insertNoticeVersion(trx, { version, publishedOn: publishedOn.toString(), ...textsOf(input) });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.notice_published',
        subject: { type: 'privacy_notice_version', id: String(version) },
        details: { version, publishedOn: publishedOn.toString() },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { version };
  });
}

function textsOf(input: NoticeVersionInput) {
  return { summaryEn: input.summaryEn.trim(), summaryNl: input.summaryNl.trim(), changesEn: input.changesEn.trim(), changesNl: input.changesNl.trim() };
}
