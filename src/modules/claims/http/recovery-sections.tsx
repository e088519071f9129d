import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { Card, Panel, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimWithItems } from '../claims-repository.ts';
import type { Recovery } from '../recovery-repository.ts';
import { formatAmount, formatDay, recoveryText } from '../recovery-words.ts';
import { type RecoveryView, readRecovery } from '../use-cases/read-recovery.ts';
import type { ClaimSection } from './claim-sections.ts';
import { portalRecoveryPath, RecoveryForm, RecoveryStaffForms } from './recovery-section-forms.tsx';
import { EMPTY_STATE, type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The recovery side of a claim on its pages (issue #4): order 80 of the back office's claim 360 view (the subrogation
 * record JPF-SUBRO-1 / JPF-COND-4, recoveries JPF-SUBRO-2, net paid, and the forms to change them) and of the
 * portal's claim status page (recoveries in plain words, what the insured must do, the form to report a recovery).
 */

export const RECOVERY_SECTION_ID = 'recovery';

function RecoveriesTable({ locale, recoveries, caption }: { locale: Locale; recoveries: readonly Recovery[]; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      rows={recoveries}
      rowKey={(recovery) => recovery.id}
      empty={t('claims_recovery.recoveries.none')}
      columns={[
        { header: t('claims_recovery.recoveries.date'), cell: (recovery) => formatDay(locale, recovery.recoveredOn), rowHeader: true },
        { header: t('claims_recovery.recoveries.what'), cell: (recovery) => recoveryText(locale, recovery) },
        { header: t('claims_recovery.recoveries.reported_by'), cell: (recovery) => t(`claims_recovery.party.${recovery.reportedByParty}`) },
        {
          header: t('claims_recovery.recoveries.outcome'),
          cell: (recovery) =>
            recovery.outcome === 'title_passed'
              ? t('claims_recovery.outcome.title_passed', { date: formatDay(locale, recovery.titlePassedOn ?? recovery.recoveredOn) })
              : t(`claims_recovery.outcome.${recovery.outcome}`),
        },
      ]}
    />
  );
}

function Totals({ locale, view }: { locale: Locale; view: RecoveryView }) {
  const t = translator(locale);
  return (
    <SummaryList
      items={[
        { term: t('claims_recovery.totals.paid'), value: formatAmount(locale, view.totals.paid) },
        { term: t('claims_recovery.totals.recovered'), value: formatAmount(locale, view.totals.recovered) },
        { term: t('claims_recovery.totals.net_paid'), value: formatAmount(locale, view.totals.netPaid) },
      ]}
    />
  );
}

function SubrogationFacts({ locale, view }: { locale: Locale; view: RecoveryView }) {
  const t = translator(locale);
  const record = view.subrogation;
  const party = record?.thirdParty ?? null;
  const waiver = record?.waiver ?? null;
  return (
    <SummaryList
      items={[
        {
          term: t('claims_recovery.third_party'),
          value: party ? (
            <>
              {party.name} ({t(`claims_recovery.third_party_kind.${party.kind}`)}
              {party.custodianRole ? `, ${t(`claims_recovery.custodian.${party.custodianRole}`)}` : ''}){party.details ? ` — ${party.details}` : ''}
              {party.kind === 'bailee' ? <p>{t('claims_recovery.bailee_no_benefit')}</p> : null}
            </>
          ) : (
            t('claims_recovery.third_party_none')
          ),
        },
        {
          term: t('claims_recovery.assignment'),
          value: t(`claims_recovery.assignment.${view.assignment}`, { date: record?.assignmentSignedOn ? formatDay(locale, record.assignmentSignedOn) : '' }),
        },
        {
          term: t('claims_recovery.waiver'),
          value: waiver
            ? t(
                view.impairmentCauses.some((cause) => cause !== 'recorded_by_adjuster')
                  ? 'claims_recovery.waiver.does_not_count'
                  : 'claims_recovery.waiver.counts',
                {
                  date: formatDay(locale, waiver.writtenOn),
                  how: t(waiver.inWriting ? 'claims_recovery.waiver.in_writing' : 'claims_recovery.waiver.not_in_writing'),
                },
              )
            : t('claims_recovery.waiver.none'),
        },
        {
          term: t('claims_recovery.impairment'),
          value: record?.impairment ? record.impairment.reason : t('claims_recovery.impairment.none'),
        },
        { term: t('claims_recovery.position'), value: t(`claims_recovery.position.${view.position.kind}`) },
      ]}
    />
  );
}

type StaffProps = { locale: Locale; claim: ClaimWithItems; view: RecoveryView; csrfToken: string; canHandle: boolean; state?: SectionFormState };

/** The back office's recovery section, with its forms when the reader handles claims. */
export function RecoveryStaffSection({ locale, claim, view, csrfToken, canHandle, state = EMPTY_STATE }: StaffProps) {
  const t = translator(locale);
  return (
    <Card id={RECOVERY_SECTION_ID} title={t('claims_recovery.section.title')}>
      {view.settlementBlock ? (
        <Panel kind="warning" title={t('claims_recovery.block.title')}>
          <p>
            {t(`claims_recovery.block.${view.settlementBlock}`)} ({t('claims_recovery.clause', { clause: 'JPF-SUBRO-1' })})
          </p>
        </Panel>
      ) : null}
      <h3>{t('claims_recovery.subrogation.heading')}</h3>
      <SubrogationFacts locale={locale} view={view} />
      <h3>{t('claims_recovery.recoveries.heading')}</h3>
      <RecoveriesTable locale={locale} recoveries={view.recoveries} caption={t('claims_recovery.recoveries.caption', { claimNumber: claim.claimNumber })} />
      {view.recoveries.some((entry) => entry.outcome === 'item_withdrawn') ? <p>{t('claims_recovery.withdrawn_hint')}</p> : null}
      <Totals locale={locale} view={view} />
      {canHandle ? <RecoveryStaffForms locale={locale} claim={claim} view={view} csrfToken={csrfToken} state={state} /> : null}
    </Card>
  );
}

/** The portal's recovery section, in plain words: what was recovered, what the insured must do, the report form. */
export function RecoveryStatusSection(props: {
  locale: Locale;
  actor: UserActor;
  claim: ClaimWithItems;
  view: RecoveryView;
  csrfToken: string;
  state?: SectionFormState;
}) {
  const { locale, claim, view } = props;
  const t = translator(locale);
  const state = props.state ?? EMPTY_STATE;
  const isHolder = props.actor.userId === claim.holderUserId;
  const needs = [
    ...(view.assignment === 'awaiting_signature' ? [t('claims_recovery.status.sign_assignment')] : []),
    ...(view.settlementBlock === 'recovery_rights_impaired' ? [t('claims_recovery.status.impaired')] : []),
  ];
  return (
    <Card id={RECOVERY_SECTION_ID} title={t('claims_recovery.status.title')}>
      <p>{t('claims_recovery.status.duty')}</p>
      {needs.length > 0 ? (
        <Panel kind="warning" title={t('claims_recovery.status.needed')}>
          {needs.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Panel>
      ) : null}
      <RecoveriesTable locale={locale} recoveries={view.recoveries} caption={t('claims_recovery.status.caption')} />
      {view.recoveries.some((entry) => entry.outcome === 'title_passed') ? <p>{t('claims_recovery.status.title_passed_plain')}</p> : null}
      {view.recoveries.length > 0 ? <Totals locale={locale} view={view} /> : null}
      {isHolder ? (
        <>
          <h3 id="recovery-report-form">{t('claims_recovery.status.report')}</h3>
          <p>{t('claims_recovery.status.report_lead')}</p>
          <RecoveryForm
            locale={locale}
            claim={claim}
            action={portalRecoveryPath(claim.id)}
            csrfToken={props.csrfToken}
            values={valuesFor(state, 'recovery', { recoveryKind: 'item_found' })}
            errors={state.form === 'recovery' ? state.errors : []}
            labelledBy="recovery-report-form"
          />
        </>
      ) : null}
    </Card>
  );
}

export const recoveryStaffSection: ClaimSection = {
  id: RECOVERY_SECTION_ID,
  order: 80,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await readRecovery(deps, actor, claim.id);
    return <RecoveryStaffSection locale={locale} claim={claim} view={view} csrfToken={csrfToken} canHandle={can(actor, 'claims:handle')} />;
  },
};

export const recoveryStatusSection: ClaimSection = {
  id: RECOVERY_SECTION_ID,
  order: 80,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await readRecovery(deps, actor, claim.id);
    return <RecoveryStatusSection locale={locale} actor={actor} claim={claim} view={view} csrfToken={csrfToken} />;
  },
};
