import type { Locale } from '../../../platform/db/schema.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, RadioGroup } from '../../../platform/ui/components.tsx';
import { errorFor, type FormError } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import { formatDay } from '../recovery-words.ts';
import type { AppraisalView } from '../use-cases/read-appraisals.ts';
import { type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The adjuster's forms of the appraisal section (JPF-APPR-1, issue #4): the written demand, each party's appraiser,
 * the umpire and the award. They post to recovery-pages.tsx.
 */

export function appraisalPath(claimId: string, disputeId?: string, step?: 'appraisers' | 'umpire' | 'award'): string {
  return disputeId && step ? `/backoffice/claims/${claimId}/appraisal/${disputeId}/${step}` : `/backoffice/claims/${claimId}/appraisal`;
}

type FormProps = { locale: Locale; claimId: string; view: AppraisalView; csrfToken: string; state: SectionFormState };

export function DisputeForms({ locale, claimId, view, csrfToken, state }: FormProps) {
  const t = translator(locale);
  const errors = (form: string): readonly FormError[] => (state.form === form ? state.errors : []);
  const open = view.status !== 'awarded';
  const unnamed = (['insured', 'insurer'] as const).filter((party) => (party === 'insured' ? !view.insuredAppraiser : !view.insurerAppraiser));
  const appraiser = valuesFor(state, 'appraiser', { appraiserParty: unnamed[0] ?? '' });
  const umpire = valuesFor(state, 'umpire', { umpireSelectedBy: 'appraisers' });
  const award = valuesFor(state, 'award', {});
  const signedBy = state.form === 'award' ? (award.awardSignedBy ?? '').split(',').filter(Boolean) : [];
  if (!open) return null;
  return (
    <>
      {unnamed.length > 0 ? (
        <>
          <h4 id={`appraiser-form-${view.id}`}>{t('claims_recovery.form.appraiser')}</h4>
          <Form action={appraisalPath(claimId, view.id, 'appraisers')} csrfToken={csrfToken} aria-labelledby={`appraiser-form-${view.id}`}>
            <ErrorSummary locale={locale} errors={errors('appraiser')} />
            <RadioGroup
              locale={locale}
              name="appraiserParty"
              legend={t('claims_recovery.form.appraiser_party')}
              options={unnamed.map((party) => ({ value: party, label: t(`claims_recovery.party.${party}`) }))}
              selected={[appraiser.appraiserParty ?? '']}
              error={errorFor(errors('appraiser'), 'appraiserParty')}
            />
            <Field
              locale={locale}
              name="appraiserName"
              label={t('claims_recovery.form.name')}
              value={appraiser.appraiserName}
              error={errorFor(errors('appraiser'), 'appraiserName')}
            />
            <Field
              locale={locale}
              name="appraiserDetails"
              label={t('claims_recovery.form.details')}
              optional
              value={appraiser.appraiserDetails}
              error={errorFor(errors('appraiser'), 'appraiserDetails')}
            />
            <Field
              locale={locale}
              name="appraiserNamedOn"
              type="date"
              width="medium"
              label={t('claims_recovery.form.named_on')}
              hint={t('claims_recovery.form.named_on_hint', { date: formatDay(locale, view.appraiserNamingDue) })}
              value={appraiser.appraiserNamedOn}
              error={errorFor(errors('appraiser'), 'appraiserNamedOn')}
            />
            <Button>{t('claims_recovery.form.record_appraiser')}</Button>
          </Form>
        </>
      ) : null}
      {view.status === 'awaiting_umpire' ? (
        <>
          <h4 id={`umpire-form-${view.id}`}>{t('claims_recovery.form.umpire')}</h4>
          <Form action={appraisalPath(claimId, view.id, 'umpire')} csrfToken={csrfToken} aria-labelledby={`umpire-form-${view.id}`}>
            <ErrorSummary locale={locale} errors={errors('umpire')} />
            <Field
              locale={locale}
              name="umpireName"
              label={t('claims_recovery.form.name')}
              value={umpire.umpireName}
              error={errorFor(errors('umpire'), 'umpireName')}
            />
            <Field
              locale={locale}
              name="umpireDetails"
              label={t('claims_recovery.form.details')}
              optional
              value={umpire.umpireDetails}
              error={errorFor(errors('umpire'), 'umpireDetails')}
            />
            <RadioGroup
              locale={locale}
              name="umpireSelectedBy"
              legend={t('claims_recovery.form.selected_by')}
              hint={t('claims_recovery.form.selected_by_hint', { date: formatDay(locale, view.umpireSelectionDue ?? view.appraiserNamingDue) })}
              options={(['appraisers', 'judge'] as const).map((by) => ({ value: by, label: t(`claims_recovery.form.selected_by.${by}`) }))}
              selected={[umpire.umpireSelectedBy ?? 'appraisers']}
              error={errorFor(errors('umpire'), 'umpireSelectedBy')}
            />
            <Field
              locale={locale}
              name="umpireCourt"
              label={t('claims_recovery.form.court')}
              optional
              value={umpire.umpireCourt}
              error={errorFor(errors('umpire'), 'umpireCourt')}
            />
            <Field
              locale={locale}
              name="umpireSelectedOn"
              type="date"
              width="medium"
              label={t('claims_recovery.form.selected_on')}
              value={umpire.umpireSelectedOn}
              error={errorFor(errors('umpire'), 'umpireSelectedOn')}
            />
            <Button>{t('claims_recovery.form.record_umpire')}</Button>
          </Form>
        </>
      ) : null}
      {unnamed.length === 0 ? (
        <>
          <h4 id={`award-form-${view.id}`}>{t('claims_recovery.form.award')}</h4>
          <Form action={appraisalPath(claimId, view.id, 'award')} csrfToken={csrfToken} aria-labelledby={`award-form-${view.id}`}>
            <ErrorSummary locale={locale} errors={errors('award')} />
            <p>{t('claims_recovery.form.award_lead')}</p>
            {(['awardAmountOfLoss', 'awardPropertyValue', 'awardRepairCost'] as const).map((name) => (
              <Field
                key={name}
                locale={locale}
                name={name}
                label={t(`claims_recovery.form.${name}`)}
                inputMode="decimal"
                width="short"
                value={award[name]}
                error={errorFor(errors('award'), name)}
              />
            ))}
            <CheckboxGroup
              locale={locale}
              name="awardSignedBy"
              legend={t('claims_recovery.form.signed_by')}
              hint={t('claims_recovery.form.signed_by_hint')}
              options={(['insured_appraiser', 'insurer_appraiser', 'umpire'] as const).map((signer) => ({
                value: signer,
                label: t(`claims_recovery.signer.${signer}`),
              }))}
              selected={signedBy}
              error={errorFor(errors('award'), 'awardSignedBy')}
            />
            <Field
              locale={locale}
              name="awardSignedOn"
              type="date"
              width="medium"
              label={t('claims_recovery.form.signed_on')}
              value={award.awardSignedOn}
              error={errorFor(errors('award'), 'awardSignedOn')}
            />
            {(['awardInsuredAppraiserFee', 'awardInsurerAppraiserFee', 'awardUmpireFee', 'awardOtherExpenses'] as const).map((name) => (
              <Field
                key={name}
                locale={locale}
                name={name}
                label={t(`claims_recovery.form.${name}`)}
                optional
                inputMode="decimal"
                width="short"
                value={award[name]}
                error={errorFor(errors('award'), name)}
              />
            ))}
            <Button>{t('claims_recovery.form.record_award')}</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** The written demand for appraisal, when the claim has no open dispute. */
export function DemandForm({ locale, claimId, csrfToken, state }: { locale: Locale; claimId: string; csrfToken: string; state: SectionFormState }) {
  const t = translator(locale);
  const demand = valuesFor(state, 'demand', { demandedBy: 'insured' });
  const subjects = state.form === 'demand' ? (demand.demandSubjects ?? '').split(',').filter(Boolean) : [];
  return (
    <>
      <h3 id="appraisal-demand-form">{t('claims_recovery.form.demand')}</h3>
      <Form action={appraisalPath(claimId)} csrfToken={csrfToken} aria-labelledby="appraisal-demand-form">
        <ErrorSummary locale={locale} errors={state.form === 'demand' ? state.errors : []} />
        <CheckboxGroup
          locale={locale}
          name="demandSubjects"
          legend={t('claims_recovery.form.subjects')}
          options={(['amount_of_loss', 'value', 'cost'] as const).map((subject) => ({ value: subject, label: t(`claims_recovery.subject.${subject}`) }))}
          selected={subjects}
          error={errorFor(state.form === 'demand' ? state.errors : [], 'demandSubjects')}
        />
        <RadioGroup
          locale={locale}
          name="demandedBy"
          legend={t('claims_recovery.form.demanded_by')}
          options={(['insured', 'insurer'] as const).map((party) => ({ value: party, label: t(`claims_recovery.party.${party}`) }))}
          selected={[demand.demandedBy ?? 'insured']}
        />
        <Field
          locale={locale}
          name="demandReceivedOn"
          type="date"
          width="medium"
          label={t('claims_recovery.form.received_on')}
          hint={t('claims_recovery.form.received_on_hint')}
          value={demand.demandReceivedOn}
          error={errorFor(state.form === 'demand' ? state.errors : [], 'demandReceivedOn')}
        />
        <Field locale={locale} name="demandReference" label={t('claims_recovery.form.reference')} optional value={demand.demandReference} />
        <Button>{t('claims_recovery.form.record_demand')}</Button>
      </Form>
    </>
  );
}
