import type { Locale } from '../../../platform/db/schema.ts';
import { Button, ErrorSummary, Field, Form, RadioGroup } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimWithItems } from '../claims-repository.ts';
import type { RecoveryView } from '../use-cases/read-recovery.ts';
import { type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The forms of the recovery section (issue #4): the subrogation facts and an impairment (JPF-SUBRO-1, JPF-COND-4) for
 * the adjuster, and the recovery form (JPF-SUBRO-2) for the adjuster and the policyholder. They post to
 * recovery-pages.tsx.
 */

export function backofficeRecoveryPath(claimId: string, action: 'subrogation' | 'impairment' | 'recoveries'): string {
  return action === 'impairment' ? `/backoffice/claims/${claimId}/subrogation/impairment` : `/backoffice/claims/${claimId}/${action}`;
}

export function portalRecoveryPath(claimId: string): string {
  return `/portal/claims/${claimId}/recoveries`;
}

type StaffFormsProps = { locale: Locale; claim: ClaimWithItems; view: RecoveryView; csrfToken: string; state: SectionFormState };

/** The adjuster's forms: the subrogation facts (shown with the stored record), an impairment, a recovery. */
export function RecoveryStaffForms({ locale, claim, view, csrfToken, state }: StaffFormsProps) {
  const t = translator(locale);
  const record = view.subrogation;
  const sub = valuesFor(state, 'subrogation', {
    thirdPartyName: record?.thirdParty?.name ?? '',
    thirdPartyDetails: record?.thirdParty?.details ?? '',
    thirdPartyKind: record?.thirdParty?.kind ?? 'none',
    custodianRole: record?.thirdParty?.custodianRole ?? '',
    assignmentRequired: record?.assignmentRequired ? 'yes' : 'no',
    assignmentSignedOn: record?.assignmentSignedOn ?? '',
    waiverWrittenOn: record?.waiver?.writtenOn ?? '',
    waiverInWriting: record?.waiver ? (record.waiver.inWriting ? 'yes' : 'no') : 'yes',
  });
  const impairment = valuesFor(state, 'impairment', { impairmentReason: '' });
  const recovery = valuesFor(state, 'recovery', { recoveryKind: 'item_found' });
  const errors = (form: string) => (state.form === form ? state.errors : []);
  const yesNo = [
    { value: 'yes', label: t('claims_recovery.yes') },
    { value: 'no', label: t('claims_recovery.no') },
  ];
  return (
    <>
      <h3 id="recovery-subrogation-form">{t('claims_recovery.form.subrogation')}</h3>
      <Form action={backofficeRecoveryPath(claim.id, 'subrogation')} csrfToken={csrfToken} aria-labelledby="recovery-subrogation-form">
        <ErrorSummary locale={locale} errors={errors('subrogation')} />
        <RadioGroup
          locale={locale}
          name="thirdPartyKind"
          legend={t('claims_recovery.form.third_party_kind')}
          options={(['none', 'person', 'organisation', 'bailee'] as const).map((kind) => ({
            value: kind,
            label: t(`claims_recovery.third_party_kind.${kind}`),
          }))}
          selected={[sub.thirdPartyKind ?? 'none']}
          error={errorFor(errors('subrogation'), 'thirdPartyKind')}
        />
        <Field
          locale={locale}
          name="thirdPartyName"
          label={t('claims_recovery.form.third_party_name')}
          optional
          value={sub.thirdPartyName}
          error={errorFor(errors('subrogation'), 'thirdPartyName')}
        />
        <Field
          locale={locale}
          name="thirdPartyDetails"
          label={t('claims_recovery.form.third_party_details')}
          optional
          multiline
          rows={2}
          value={sub.thirdPartyDetails}
          error={errorFor(errors('subrogation'), 'thirdPartyDetails')}
        />
        <SelectField
          locale={locale}
          name="custodianRole"
          label={t('claims_recovery.form.custodian_role')}
          hint={t('claims_recovery.form.custodian_role_hint')}
          placeholder={t('claims_recovery.form.not_a_bailee')}
          options={(['jeweler', 'carrier', 'other'] as const).map((role) => ({ value: role, label: t(`claims_recovery.custodian.${role}`) }))}
          value={sub.custodianRole}
          error={errorFor(errors('subrogation'), 'custodianRole')}
        />
        <RadioGroup
          locale={locale}
          name="assignmentRequired"
          legend={t('claims_recovery.form.assignment_required')}
          options={yesNo}
          selected={[sub.assignmentRequired ?? 'no']}
        />
        <Field
          locale={locale}
          name="assignmentSignedOn"
          type="date"
          width="medium"
          label={t('claims_recovery.form.assignment_signed_on')}
          optional
          value={sub.assignmentSignedOn}
          error={errorFor(errors('subrogation'), 'assignmentSignedOn')}
        />
        <Field
          locale={locale}
          name="waiverWrittenOn"
          type="date"
          width="medium"
          label={t('claims_recovery.form.waiver_written_on')}
          hint={t('claims_recovery.form.waiver_hint')}
          optional
          value={sub.waiverWrittenOn}
          error={errorFor(errors('subrogation'), 'waiverWrittenOn')}
        />
        <RadioGroup
          locale={locale}
          name="waiverInWriting"
          legend={t('claims_recovery.form.waiver_in_writing')}
          options={yesNo}
          selected={[sub.waiverInWriting ?? 'yes']}
        />
        <Button>{t('claims_recovery.form.save_subrogation')}</Button>
      </Form>

      <h3 id="recovery-impairment-form">{t('claims_recovery.form.impairment')}</h3>
      <Form action={backofficeRecoveryPath(claim.id, 'impairment')} csrfToken={csrfToken} aria-labelledby="recovery-impairment-form">
        <ErrorSummary locale={locale} errors={errors('impairment')} />
        <Field
          locale={locale}
          name="impairmentReason"
          label={t('claims_recovery.form.impairment_reason')}
          hint={t('claims_recovery.form.impairment_hint')}
          multiline
          rows={3}
          value={impairment.impairmentReason}
          error={errorFor(errors('impairment'), 'impairmentReason')}
        />
        <Button variant="danger">{t('claims_recovery.form.record_impairment')}</Button>
      </Form>

      <h3 id="recovery-record-form">{t('claims_recovery.form.recovery')}</h3>
      <RecoveryForm
        locale={locale}
        claim={claim}
        action={backofficeRecoveryPath(claim.id, 'recoveries')}
        csrfToken={csrfToken}
        values={recovery}
        errors={errors('recovery')}
        labelledBy="recovery-record-form"
      />
    </>
  );
}

/** The form to record (insurer) or report (insured) a recovery: an item found, or money recovered. */
export function RecoveryForm(props: {
  locale: Locale;
  claim: ClaimWithItems;
  action: string;
  csrfToken: string;
  values: Record<string, string | undefined>;
  errors: readonly { field: string; message: string }[];
  labelledBy: string;
}) {
  const t = translator(props.locale);
  const { values, errors, locale } = props;
  return (
    <Form action={props.action} csrfToken={props.csrfToken} aria-labelledby={props.labelledBy}>
      <ErrorSummary locale={locale} errors={errors} />
      <RadioGroup
        locale={locale}
        name="recoveryKind"
        legend={t('claims_recovery.form.recovery_kind')}
        options={(['item_found', 'money'] as const).map((kind) => ({ value: kind, label: t(`claims_recovery.kind.${kind}`) }))}
        selected={[values.recoveryKind ?? 'item_found']}
        error={errorFor(errors, 'recoveryKind')}
      />
      <SelectField
        locale={locale}
        name="recoveryLineNo"
        label={t('claims_recovery.form.recovery_item')}
        hint={t('claims_recovery.form.recovery_item_hint')}
        placeholder={t('claims_recovery.form.choose_item')}
        options={props.claim.items.map((item) => ({ value: String(item.lineNo), label: `${item.lineNo}. ${item.description}` }))}
        value={values.recoveryLineNo}
        error={errorFor(errors, 'recoveryLineNo')}
      />
      <Field
        locale={locale}
        name="recoveryDescription"
        label={t('claims_recovery.form.recovery_description')}
        multiline
        rows={2}
        value={values.recoveryDescription}
        error={errorFor(errors, 'recoveryDescription')}
      />
      <Field
        locale={locale}
        name="recoveryAmount"
        label={t('claims_recovery.form.recovery_amount', { currency: props.claim.currency })}
        hint={t('claims_recovery.form.recovery_amount_hint')}
        optional
        inputMode="decimal"
        width="short"
        value={values.recoveryAmount}
        error={errorFor(errors, 'recoveryAmount')}
      />
      <Field
        locale={locale}
        name="recoveryFrom"
        label={t('claims_recovery.form.recovery_from')}
        optional
        value={values.recoveryFrom}
        error={errorFor(errors, 'recoveryFrom')}
      />
      <Field
        locale={locale}
        name="recoveryOn"
        type="date"
        width="medium"
        label={t('claims_recovery.form.recovery_on')}
        value={values.recoveryOn}
        error={errorFor(errors, 'recoveryOn')}
      />
      <Button>{t('claims_recovery.form.record_recovery')}</Button>
    </Form>
  );
}
