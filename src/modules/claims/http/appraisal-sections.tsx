import { can } from '../../../platform/auth/access.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { Card, Panel, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { Claim } from '../claims-repository.ts';
import { formatAmount, formatDay } from '../recovery-words.ts';
import { type AppraisalView, readAppraisals } from '../use-cases/read-appraisals.ts';
import { DemandForm, DisputeForms } from './appraisal-section-forms.tsx';
import type { ClaimSection } from './claim-sections.ts';
import { EMPTY_STATE, type SectionFormState } from './section-forms.ts';

/**
 * Appraisal disputes on the claim pages (JPF-APPR-1, issue #4): order 90 of the back office's claim 360 view (the
 * dispute, its deadlines, late namings, the award with its three amounts and the cost split, and the forms) and of
 * the portal's claim status page (the dispute's state and the insured's next deadline in plain words).
 */

export const APPRAISAL_SECTION_ID = 'appraisal';
const NOT_APPRAISABLE = new Set(['denied', 'withdrawn', 'closed']);

function dueText(locale: Locale, dueOn: string, overdue: boolean): string {
  const t = translator(locale);
  return t(overdue ? 'claims_recovery.appraisal.due_overdue' : 'claims_recovery.appraisal.due', { date: formatDay(locale, dueOn) });
}

function AwardFacts({ locale, view }: { locale: Locale; view: AppraisalView }) {
  const t = translator(locale);
  const award = view.award;
  if (!award) return null;
  const signed = award.signedBy.map((signer) => t(`claims_recovery.signer.${signer}`)).join(', ');
  return (
    <>
      <Table
        caption={t('claims_recovery.award.caption')}
        rows={[
          { key: 'a', label: t('claims_recovery.award.amount_of_loss'), amount: award.amountOfLoss },
          { key: 'b', label: t('claims_recovery.award.property_value'), amount: award.propertyValue },
          { key: 'c', label: t('claims_recovery.award.repair_cost'), amount: award.repairReplaceCost },
        ]}
        rowKey={(row) => row.key}
        empty=""
        columns={[
          { header: t('claims_recovery.award.item'), cell: (row) => row.label, rowHeader: true },
          { header: t('claims_recovery.award.amount'), cell: (row) => formatAmount(locale, row.amount), numeric: true },
        ]}
      />
      <p>{t('claims_recovery.award.signed', { signers: signed, date: formatDay(locale, award.signedOn) })}</p>
      <Table
        caption={t('claims_recovery.costs.caption')}
        rows={[
          { key: 'insured', label: t('claims_recovery.party.insured'), own: award.costs.insuredAppraiserFee, share: award.insuredShare },
          { key: 'insurer', label: t('claims_recovery.party.insurer'), own: award.costs.insurerAppraiserFee, share: award.insurerShare },
        ]}
        rowKey={(row) => row.key}
        empty=""
        columns={[
          { header: t('claims_recovery.costs.party'), cell: (row) => row.label, rowHeader: true },
          { header: t('claims_recovery.costs.own_appraiser'), cell: (row) => formatAmount(locale, row.own), numeric: true },
          { header: t('claims_recovery.costs.total'), cell: (row) => formatAmount(locale, row.share), numeric: true },
        ]}
      />
      <p>
        {t('claims_recovery.costs.rule', {
          umpire: formatAmount(locale, award.costs.umpireFee),
          other: formatAmount(locale, award.costs.otherExpenses),
        })}
      </p>
    </>
  );
}

function DisputeFacts({ locale, view }: { locale: Locale; view: AppraisalView }) {
  const t = translator(locale);
  const appraiser = (named: AppraisalView['insuredAppraiser'], late: boolean) =>
    named
      ? `${named.name}${named.details ? ` — ${named.details}` : ''}, ${t('claims_recovery.appraisal.named_on', { date: formatDay(locale, named.namedOn) })}${late ? ` (${t('claims_recovery.appraisal.late')})` : ''}`
      : t('claims_recovery.appraisal.not_named');
  const umpire = view.umpire;
  return (
    <SummaryList
      items={[
        { term: t('claims_recovery.appraisal.subjects'), value: view.subjects.map((subject) => t(`claims_recovery.subject.${subject}`)).join(', ') },
        {
          term: t('claims_recovery.appraisal.demand'),
          value: t('claims_recovery.appraisal.demand_value', {
            party: t(`claims_recovery.party.${view.demandedBy}`),
            date: formatDay(locale, view.demandReceivedOn),
          }),
        },
        { term: t('claims_recovery.appraisal.status'), value: t(`claims_recovery.appraisal.status.${view.status}`) },
        { term: t('claims_recovery.appraisal.naming_due'), value: formatDay(locale, view.appraiserNamingDue) },
        { term: t('claims_recovery.appraisal.insured_appraiser'), value: appraiser(view.insuredAppraiser, view.late.insuredAppraiser) },
        { term: t('claims_recovery.appraisal.insurer_appraiser'), value: appraiser(view.insurerAppraiser, view.late.insurerAppraiser) },
        ...(view.umpireSelectionDue ? [{ term: t('claims_recovery.appraisal.umpire_due'), value: formatDay(locale, view.umpireSelectionDue) }] : []),
        {
          term: t('claims_recovery.appraisal.umpire'),
          value: umpire
            ? `${umpire.name}, ${t(`claims_recovery.appraisal.selected_by.${umpire.selectedBy}`, { court: umpire.court ?? '', date: formatDay(locale, umpire.selectedOn) })}${view.late.umpire ? ` (${t('claims_recovery.appraisal.late')})` : ''}`
            : t('claims_recovery.appraisal.no_umpire'),
        },
      ]}
    />
  );
}

type StaffProps = { locale: Locale; claim: Claim; disputes: readonly AppraisalView[]; csrfToken: string; canHandle: boolean; state?: SectionFormState };

/** The back office's appraisal section, with its forms when the reader handles claims. */
export function AppraisalStaffSection({ locale, claim, disputes, csrfToken, canHandle, state = EMPTY_STATE }: StaffProps) {
  const t = translator(locale);
  const mayDemand = canHandle && !NOT_APPRAISABLE.has(claim.status) && disputes.every((dispute) => dispute.status === 'awarded');
  return (
    <Card id={APPRAISAL_SECTION_ID} title={t('claims_recovery.appraisal.title')}>
      {disputes.length === 0 ? <p>{t('claims_recovery.appraisal.none')}</p> : null}
      {disputes.map((view) => (
        <section key={view.id} aria-labelledby={`dispute-${view.id}`}>
          <h3 id={`dispute-${view.id}`}>{t('claims_recovery.appraisal.dispute', { date: formatDay(locale, view.demandReceivedOn) })}</h3>
          {view.status !== 'awarded' ? (
            <Panel kind="warning" title={t('claims_recovery.block.title')}>
              <p>
                {t('claims_recovery.block.appraisal_open')} ({t('claims_recovery.clause', { clause: 'JPF-APPR-1' })})
              </p>
              {view.next.kind === 'name_appraiser' || view.next.kind === 'select_umpire' ? <p>{dueText(locale, view.next.dueOn, view.next.overdue)}</p> : null}
            </Panel>
          ) : (
            <Panel kind="info" title={t('claims_recovery.award.binding')}>
              <p>{t('claims_recovery.award.worksheet_hint')}</p>
            </Panel>
          )}
          <DisputeFacts locale={locale} view={view} />
          <AwardFacts locale={locale} view={view} />
          {canHandle ? <DisputeForms locale={locale} claimId={claim.id} view={view} csrfToken={csrfToken} state={state} /> : null}
        </section>
      ))}
      {mayDemand ? <DemandForm locale={locale} claimId={claim.id} csrfToken={csrfToken} state={state} /> : null}
    </Card>
  );
}

/** The portal's appraisal section in plain words: what the appraisal is, its state and the insured's next deadline. */
export function AppraisalStatusSection({ locale, disputes }: { locale: Locale; disputes: readonly AppraisalView[] }) {
  const t = translator(locale);
  if (disputes.length === 0) return null;
  return (
    <Card id={APPRAISAL_SECTION_ID} title={t('claims_recovery.status.appraisal_title')}>
      <p>{t('claims_recovery.status.appraisal_lead')}</p>
      {disputes.map((view) => {
        const next = view.next;
        let line: string;
        if (next.kind === 'name_appraiser')
          line = next.parties.includes('insured')
            ? t(next.overdue ? 'claims_recovery.status.name_yours_overdue' : 'claims_recovery.status.name_yours', { date: formatDay(locale, next.dueOn) })
            : t('claims_recovery.status.waiting_insurer_appraiser', { date: formatDay(locale, next.dueOn) });
        else if (next.kind === 'select_umpire') line = t('claims_recovery.status.umpire', { date: formatDay(locale, next.dueOn) });
        else if (next.kind === 'await_award') line = t('claims_recovery.status.await_award');
        else line = t('claims_recovery.status.awarded');
        return (
          <div key={view.id}>
            <p>{t(`claims_recovery.status.demanded.${view.demandedBy}`, { date: formatDay(locale, view.demandReceivedOn) })}</p>
            <p>
              <strong>{line}</strong>
            </p>
            <AwardFacts locale={locale} view={view} />
          </div>
        );
      })}
    </Card>
  );
}

export const appraisalStaffSection: ClaimSection = {
  id: APPRAISAL_SECTION_ID,
  order: 90,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const { disputes } = await readAppraisals(deps, actor, claim.id);
    return <AppraisalStaffSection locale={locale} claim={claim} disputes={disputes} csrfToken={csrfToken} canHandle={can(actor, 'claims:handle')} />;
  },
};

export const appraisalStatusSection: ClaimSection = {
  id: APPRAISAL_SECTION_ID,
  order: 90,
  async render({ deps, actor, locale, claim }) {
    const { disputes } = await readAppraisals(deps, actor, claim.id);
    return disputes.length === 0 ? null : <AppraisalStatusSection locale={locale} disputes={disputes} />;
  },
};
