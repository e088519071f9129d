import type { VNode } from 'preact';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { translator } from '../../../../platform/ui/page-support.tsx';
import type { ClaimDetail } from '../../use-cases/read-claims.ts';
import type { ClaimSection } from '../claim-sections.ts';
import { formatDay, formatMoney, lossKindText } from './fnol-page-support.tsx';

/** Pieces both claim pages show: what was reported, the items claimed, and the other parts' sections in order. */

/** The report as given: what happened, when and where, the police, who reported it for whom. */
export function ReportSummary({ locale, claim }: { locale: Locale; claim: ClaimDetail }) {
  const t = translator(locale);
  const when = claim.lossTime ? `${formatDay(locale, claim.lossDate)}, ${claim.lossTime}` : formatDay(locale, claim.lossDate);
  return (
    <SummaryList
      items={[
        { term: t('claims_fnol.page.what_happened'), value: lossKindText(locale, claim.lossKind) },
        { term: t('claims_fnol.page.when'), value: when },
        { term: t('claims_fnol.page.where'), value: `${claim.lossPlace} (${claim.lossCountry})` },
        { term: t('claims_fnol.page.narrative'), value: claim.narrative },
        {
          term: t('claims_fnol.page.police'),
          value: claim.policeReportReference
            ? [claim.policeReportReference, claim.policeAuthority].filter(Boolean).join(', ')
            : t(claim.violationOfLaw ? 'claims_fnol.page.police_missing' : 'claims_fnol.page.police_none'),
        },
        { term: t('claims_fnol.page.reported_by'), value: `${claim.reporterName} (${t(`claims_fnol.relation.${relationKey(claim.reporterRelation)}`)})` },
        { term: t('claims_fnol.page.insured'), value: claim.insuredName },
        // JPF-DUTY-2: the day the insurer had notice.
        { term: t('claims_fnol.page.notice_date'), value: formatDay(locale, claim.noticeDate) },
      ]}
    />
  );
}

const RELATIONS = ['named_insured', 'spouse', 'resident_relative', 'minor_in_care', 'legal_representative', 'agent', 'jeweler'] as const;
function relationKey(relation: string): (typeof RELATIONS)[number] {
  return (RELATIONS as readonly string[]).includes(relation) ? (relation as (typeof RELATIONS)[number]) : 'named_insured';
}

/** The items claimed: scheduled ones with their coverage amount on the loss date, newly purchased ones with their price. */
export function ItemsTable({ locale, claim, caption }: { locale: Locale; claim: ClaimDetail; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      captionHidden
      columns={[
        {
          header: t('claims_fnol.page.item'),
          cell: (item) => (item.itemNo === null ? t('claims_fnol.page.newly_purchased') : String(item.itemNo)),
          rowHeader: true,
        },
        {
          header: t('claims_fnol.page.description'),
          cell: (item) => (item.partDescription ? `${item.description} — ${item.partDescription}` : item.description),
        },
        {
          header: t('claims_fnol.page.amount'),
          cell: (item) =>
            item.coverageAmount
              ? formatMoney(locale, item.coverageAmount)
              : item.purchasePrice
                ? t('claims_fnol.page.bought_for', {
                    price: formatMoney(locale, item.purchasePrice),
                    date: formatDay(locale, item.purchaseDate ?? claim.lossDate),
                  })
                : '',
          numeric: true,
        },
      ]}
      rows={claim.items}
      rowKey={(item) => String(item.lineNo)}
      empty={t('claims_fnol.page.no_items')}
    />
  );
}

/** Every section of the other parts (coverage, diary, proof of loss, settlement, …) in their order; those with nothing to show are left out. */
export async function renderSections(
  sections: readonly ClaimSection[],
  input: { deps: Deps; actor: UserActor; locale: Locale; claim: ClaimDetail; csrfToken: string },
): Promise<VNode[]> {
  const ordered = [...sections].sort((a, b) => a.order - b.order);
  const rendered = await Promise.all(ordered.map((section) => section.render(input)));
  return rendered.filter((node): node is VNode => node !== null);
}
