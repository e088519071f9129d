import type { FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { ClaimStatus, LossKind } from '../../../../platform/db/schema-claims.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { AppError, problems } from '../../../../platform/http/problem.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { Money } from '../../../../platform/money.ts';
import { Table } from '../../../../platform/ui/components.tsx';
import { flashCookie } from '../../../../platform/ui/flash.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender, translator } from '../../../../platform/ui/page-support.tsx';
import type { DiaryEntry, DiaryKind } from '../../diary-repository.ts';
import type { ClaimSummary } from '../../first-notice-repository.ts';
import { getClaimDetail } from '../../use-cases/read-claims.ts';
import type { ClaimFile } from '../../use-cases/report-claim.ts';

/**
 * What the first-notice pages share (issue #4): the layout with the claims' one-time messages, ids from the path,
 * dates and money in the reader's language, and the tables of files and deadlines both claim pages show.
 */

const flash = flashCookie('bezel_claim_flash', ['reported', 'withdrawn', 'assigned', 'closed'] as const);
export type ClaimFlashKey = 'reported' | 'withdrawn' | 'assigned' | 'closed';

export function setClaimFlash(reply: FastifyReply, deps: Deps, key: ClaimFlashKey, claimId: string): void {
  flash.set(reply, deps, key, claimId);
}

/** The message names the claim, read again within the reader's reach; out of reach, it is dropped. */
async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = flash.take(deps, request, reply);
  if (taken?.subjectId === undefined) return undefined;
  try {
    const claim = await getClaimDetail(deps, request.actor, taken.subjectId);
    return { kind: 'success', message: translate(request.locale, `claims_fnol.flash.${taken.key}`, { claimNumber: claim.claimNumber }) };
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

export const sendClaimPage = layoutPageSender(takeFlash);

/** A record id from the path; anything that is not an id is simply not found. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

export function formatDay(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

export function formatMoney(locale: Locale, money: Money): string {
  const json = money.toJSON();
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { style: 'currency', currency: json.currency }).format(json.amount as unknown as number);
}

export function statusText(locale: Locale, status: ClaimStatus): string {
  return translate(locale, `claims.status.${status}`);
}

export function lossKindText(locale: Locale, kind: LossKind): string {
  return translate(locale, `claims.loss_kind.${kind}`);
}

/** A diary kind in words (the diary part's catalog names every kind). */
export function deadlineText(locale: Locale, kind: DiaryKind): string {
  return translate(locale, `claims_diary.kind.${kind}`);
}

/** The claim's deadlines with the clause each keeps (JPF-DUTY-4, JPF-SUIT-1…), whose move it is and whether it is still open. */
export function DiaryTable({ locale, diary, caption }: { locale: Locale; diary: readonly DiaryEntry[]; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      captionHidden
      columns={[
        { header: t('claims_fnol.page.deadline'), cell: (entry) => deadlineText(locale, entry.kind), rowHeader: true },
        { header: t('claims_fnol.page.due_on'), cell: (entry) => formatDay(locale, entry.dueOn) },
        { header: t('claims_fnol.page.whose_move'), cell: (entry) => t(`claims_fnol.party.${entry.party}`) },
        { header: t('claims_fnol.page.clause'), cell: (entry) => entry.clause },
        { header: t('claims_fnol.page.deadline_status'), cell: (entry) => t(`claims_fnol.diary_status.${entry.status}`) },
      ]}
      rows={diary}
      rowKey={(entry) => entry.id}
      empty={t('claims_fnol.page.no_deadlines')}
    />
  );
}

/** The claim's photos and documents, each a download link (the files API checks the reader's reach again). */
export function FilesTable({ locale, files, caption }: { locale: Locale; files: readonly ClaimFile[]; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      captionHidden
      columns={[
        {
          header: t('claims_fnol.page.file'),
          cell: (file) => (
            <a href={`/api/v1/files/${file.id}`}>{t(`claims_fnol.file_purpose.${file.purpose as 'claim_photo' | 'claim_document' | 'police_report'}`)}</a>
          ),
          rowHeader: true,
        },
        { header: t('claims_fnol.page.file_type'), cell: (file) => file.type },
        { header: t('claims_fnol.page.file_size'), cell: (file) => `${Math.max(1, Math.round(file.byteSize / 1024))} KB`, numeric: true },
      ]}
      rows={files}
      rowKey={(file) => file.id}
      empty={t('claims_fnol.page.no_files')}
    />
  );
}

/** A list of claims for the portal: number (link), policy, what happened, status, the insured's next deadline. */
export function ClaimList({ locale, claims, caption }: { locale: Locale; claims: readonly ClaimSummary[]; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      captionHidden
      columns={[
        { header: t('claims_fnol.page.claim_number'), cell: (claim) => <a href={`/portal/claims/${claim.id}`}>{claim.claimNumber}</a>, rowHeader: true },
        { header: t('claims_fnol.page.policy_number'), cell: (claim) => claim.policyNumber },
        { header: t('claims_fnol.page.loss'), cell: (claim) => `${lossKindText(locale, claim.lossKind)}, ${formatDay(locale, claim.lossDate)}` },
        { header: t('claims_fnol.page.status'), cell: (claim) => statusText(locale, claim.status) },
        { header: t('claims_fnol.page.next_deadline'), cell: (claim) => (claim.nextInsuredDueOn ? formatDay(locale, claim.nextInsuredDueOn) : '') },
      ]}
      rows={claims}
      rowKey={(claim) => claim.id}
      empty={t('claims_fnol.page.no_claims')}
    />
  );
}
