import { z } from 'zod';
import type { Locale } from '../../../../platform/db/schema.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, RadioGroup } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, says } from '../../../../platform/ui/forms.ts';
import { translator } from '../../../../platform/ui/page-support.tsx';
import { FileField } from '../../../files/index.ts';
import { LOSS_KINDS, REPORTER_RELATIONS, type ReporterRelation } from '../../domain/first-notice.ts';
import type { ReportClaimInput, ReportedPiece } from '../../use-cases/report-claim.ts';

/**
 * The report-a-loss form of every channel (issue #4, first notice of loss): the insured's and agent's portal form
 * (the schedule's items as checkboxes), the jeweler's (policy number, insured's name, item numbers: a jeweler does
 * not see the schedule) and the back office's phone form (after looking the policy up by number). Plain HTML that
 * works without JavaScript, posted as multipart with the photos, documents and police report.
 */

export type ReportFormMode = 'portal' | 'jeweler' | 'phone';
export type ScheduleChoice = { itemNo: number; label: string };

/** The file inputs and what each upload is for. */
export const FILE_FIELDS = [
  { name: 'photo1', purpose: 'claim_photo' },
  { name: 'photo2', purpose: 'claim_photo' },
  { name: 'document', purpose: 'claim_document' },
  { name: 'policeReport', purpose: 'police_report' },
] as const;

const required = says('claims_fnol.form.problem.required');
const requiredText = (max: number) => z.string(required).trim().min(1, required).max(max, says('claims_fnol.form.problem.too_long'));
const optionalText = (max: number) => z.string().trim().max(max, says('claims_fnol.form.problem.too_long')).optional();
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (value: string) =>
  isoDay.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const dayText = requiredText(10).refine(realDay, says('claims_fnol.form.problem.date'));
const list = z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()));

export const reportFormSchema = z
  .object({
    policyNumber: z.string().trim().max(40).optional(),
    items: list,
    itemNumbers: z.string().trim().max(200).optional(),
    partDescription: optionalText(500),
    newDescription: optionalText(500),
    newCategory: z.string().optional(),
    newPurchaseDate: z.string().trim().optional(),
    newPurchasePrice: z.string().trim().optional(),
    lossKind: z.enum(LOSS_KINDS, says('claims_fnol.form.problem.loss_kind')),
    violationOfLaw: z.string().optional(),
    lossDate: dayText,
    lossTime: z
      .string()
      .trim()
      .refine((value) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), says('claims_fnol.form.problem.time'))
      .optional(),
    lossPlace: requiredText(300),
    lossCountry: z
      .string(required)
      .trim()
      .regex(/^[A-Za-z]{2}$/, says('claims_fnol.form.problem.country')),
    narrative: requiredText(5000),
    policeReportReference: optionalText(100),
    policeAuthority: optionalText(200),
    protectionConfirmed: z.string().optional(),
    reporterName: requiredText(200),
    reporterRelation: z.enum(REPORTER_RELATIONS, says('claims_fnol.form.problem.relation')),
    insuredName: requiredText(200),
  })
  .superRefine((form, context) => {
    const newPiece = (form.newDescription ?? '') !== '';
    const numbers = (form.itemNumbers ?? '').split(/[\s,;]+/).filter(Boolean);
    if (numbers.some((number) => !/^\d{1,4}$/.test(number)))
      context.addIssue({ code: 'custom', path: ['itemNumbers'], message: 'claims_fnol.form.problem.item_numbers' });
    if (form.items.length === 0 && numbers.length === 0 && !newPiece)
      context.addIssue({ code: 'custom', path: [form.itemNumbers === undefined ? 'items' : 'itemNumbers'], message: 'claims_fnol.form.problem.no_items' });
    if (!newPiece) return;
    if ((form.newDescription ?? '').length < 3) context.addIssue({ code: 'custom', path: ['newDescription'], message: 'claims_fnol.form.problem.description' });
    if (!/^[a-z_]{2,40}$/.test(form.newCategory ?? ''))
      context.addIssue({ code: 'custom', path: ['newCategory'], message: 'claims_fnol.form.problem.category' });
    if (!realDay(form.newPurchaseDate ?? '')) context.addIssue({ code: 'custom', path: ['newPurchaseDate'], message: 'claims_fnol.form.problem.date' });
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(form.newPurchasePrice ?? ''))
      context.addIssue({ code: 'custom', path: ['newPurchasePrice'], message: 'claims_fnol.form.problem.amount' });
  });
export type ReportForm = z.output<typeof reportFormSchema>;

/** The checked form as the use case's input; the policy comes from the page (id) or the form (number). */
export function reportInputOf(form: ReportForm, policy: { policyId: string } | { policyNumber: string }, fileIds: string[]): ReportClaimInput {
  const part = form.partDescription ?? '';
  const extent = part === '' ? ('whole' as const) : ('part' as const);
  const numbers = [...form.items, ...(form.itemNumbers ?? '').split(/[\s,;]+/).filter(Boolean)].map(Number);
  const items: ReportedPiece[] = numbers.map((itemNo) => ({ itemNo, extent, partDescription: part || null }));
  if (form.newDescription)
    items.push({
      description: form.newDescription,
      category: form.newCategory ?? '',
      purchaseDate: form.newPurchaseDate ?? '',
      purchasePrice: form.newPurchasePrice ?? '',
      extent,
      partDescription: part || null,
    });
  return {
    ...policy,
    items,
    lossKind: form.lossKind,
    violationOfLaw: form.violationOfLaw === 'yes',
    lossDate: form.lossDate,
    lossTime: form.lossTime || null,
    lossPlace: form.lossPlace,
    lossCountry: form.lossCountry.toUpperCase(),
    narrative: form.narrative,
    policeReportReference: form.policeReportReference || null,
    policeAuthority: form.policeAuthority || null,
    protectionConfirmed: form.protectionConfirmed === 'yes',
    reporterName: form.reporterName,
    reporterRelation: form.reporterRelation as ReporterRelation,
    insuredName: form.insuredName,
    fileIds,
  };
}

/**
 * Where a refusal of the use case lands on this form: an item's problem on the item choice (or the new piece's own
 * field), a file's on its input. `pieces` is the input sent, `files` the form field of each uploaded file in order.
 */
export function formFieldOf(apiField: string, mode: ReportFormMode, pieces: readonly ReportedPiece[], files: readonly string[]): string {
  const item = /^items\.(\d+)\.(\w+)$/.exec(apiField);
  if (item) {
    const piece = pieces[Number(item[1])];
    if (item[2] === 'partDescription') return 'partDescription';
    if (piece && !('itemNo' in piece)) return item[2] === 'purchaseDate' ? 'newPurchaseDate' : 'newDescription';
    return mode === 'jeweler' ? 'itemNumbers' : 'items';
  }
  const file = /^fileIds\.(\d+)$/.exec(apiField);
  if (file) return files[Number(file[1])] ?? 'photo1';
  return apiField;
}

export type ReportFormProps = {
  locale: Locale;
  mode: ReportFormMode;
  action: string;
  csrfToken: string;
  values: FormValues;
  /** Posted checkboxes, kept ticked after an error. */
  checkedItems: readonly string[];
  errors: readonly FormError[];
  /** The schedule today (portal and phone); the jeweler types item numbers instead. */
  schedule: readonly ScheduleChoice[];
  categories: readonly { value: string; label: string }[];
  relations: readonly ReporterRelation[];
  /** The phone form carries the policy number it looked up. */
  hiddenPolicyNumber?: string;
};

export function ReportFormView(props: ReportFormProps) {
  const { locale, values, errors } = props;
  const t = translator(locale);
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(errors, name) });
  const file = (name: string) => ({ locale, name, error: errorFor(errors, name), optional: true });
  return (
    <Form action={props.action} csrfToken={props.csrfToken} multipart aria-labelledby="report-heading">
      <ErrorSummary locale={locale} errors={errors} />
      {props.hiddenPolicyNumber ? <input type="hidden" name="policyNumber" value={props.hiddenPolicyNumber} /> : null}
      {props.mode === 'jeweler' ? (
        <>
          <Field
            {...field('policyNumber')}
            label={t('claims_fnol.form.policy_number')}
            hint={t('claims_fnol.form.policy_number_hint')}
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field('insuredName')}
            label={t('claims_fnol.form.insured_name')}
            hint={t('claims_fnol.form.insured_name_jeweler_hint')}
            autocomplete="off"
          />
          <Field
            {...field('itemNumbers')}
            label={t('claims_fnol.form.item_numbers')}
            hint={t('claims_fnol.form.item_numbers_hint')}
            width="medium"
            autocomplete="off"
          />
        </>
      ) : (
        <CheckboxGroup
          locale={locale}
          name="items"
          legend={t('claims_fnol.form.items')}
          hint={props.schedule.length === 0 ? t('claims_fnol.form.items_none') : t('claims_fnol.form.items_hint')}
          options={props.schedule.map((item) => ({ value: String(item.itemNo), label: item.label }))}
          selected={props.checkedItems}
          error={errorFor(errors, 'items')}
        />
      )}
      <Field {...field('partDescription')} label={t('claims_fnol.form.part')} hint={t('claims_fnol.form.part_hint')} optional autocomplete="off" />
      <fieldset class="fieldset">
        <legend class="field__label">{t('claims_fnol.form.new_item')}</legend>
        <p class="field__hint">{t('claims_fnol.form.new_item_hint')}</p>
        <Field {...field('newDescription')} label={t('claims_fnol.form.new_description')} optional autocomplete="off" />
        <SelectField
          {...field('newCategory')}
          label={t('claims_fnol.form.new_category')}
          placeholder={t('claims_fnol.form.choose')}
          options={props.categories}
        />
        <Field {...field('newPurchaseDate')} type="date" label={t('claims_fnol.form.new_purchase_date')} optional width="medium" autocomplete="off" />
        <Field {...field('newPurchasePrice')} label={t('claims_fnol.form.new_purchase_price')} optional inputMode="decimal" width="medium" autocomplete="off" />
      </fieldset>
      <RadioGroup
        locale={locale}
        name="lossKind"
        legend={t('claims_fnol.form.loss_kind')}
        options={LOSS_KINDS.map((kind) => ({ value: kind, label: t(`claims.loss_kind.${kind}`), hint: t(`claims_fnol.form.loss_kind_hint.${kind}`) }))}
        selected={[values.lossKind ?? '']}
        error={errorFor(errors, 'lossKind')}
      />
      <CheckboxGroup
        locale={locale}
        name="violationOfLaw"
        legend={t('claims_fnol.form.violation_legend')}
        options={[{ value: 'yes', label: t('claims_fnol.form.violation_of_law'), hint: t('claims_fnol.form.violation_hint') }]}
        selected={[values.violationOfLaw ?? '']}
      />
      <Field
        {...field('lossDate')}
        type="date"
        label={t('claims_fnol.form.loss_date')}
        hint={t('claims_fnol.form.loss_date_hint')}
        width="medium"
        autocomplete="off"
      />
      <Field
        {...field('lossTime')}
        label={t('claims_fnol.form.loss_time')}
        hint={t('claims_fnol.form.loss_time_hint')}
        optional
        width="short"
        autocomplete="off"
      />
      <Field {...field('lossPlace')} label={t('claims_fnol.form.loss_place')} autocomplete="off" />
      <Field
        {...field('lossCountry')}
        label={t('claims_fnol.form.loss_country')}
        hint={t('claims_fnol.form.loss_country_hint')}
        width="short"
        autocomplete="off"
      />
      <Field {...field('narrative')} label={t('claims_fnol.form.narrative')} hint={t('claims_fnol.form.narrative_hint')} multiline rows={6} />
      <Field
        {...field('policeReportReference')}
        label={t('claims_fnol.form.police_reference')}
        hint={t('claims_fnol.form.police_reference_hint')}
        optional
        autocomplete="off"
      />
      <Field {...field('policeAuthority')} label={t('claims_fnol.form.police_authority')} optional autocomplete="off" />
      <FileField {...file('photo1')} label={t('claims_fnol.form.photo', { n: 1 })} hint={t('claims_fnol.form.file_hint')} />
      <FileField {...file('photo2')} label={t('claims_fnol.form.photo', { n: 2 })} />
      <FileField {...file('document')} label={t('claims_fnol.form.document')} hint={t('claims_fnol.form.document_hint')} />
      <FileField {...file('policeReport')} label={t('claims_fnol.form.police_report')} />
      {props.mode === 'jeweler' ? null : (
        <Field {...field('insuredName')} label={t('claims_fnol.form.insured_name')} hint={t('claims_fnol.form.insured_name_hint')} autocomplete="off" />
      )}
      <Field {...field('reporterName')} label={t('claims_fnol.form.reporter_name')} autocomplete={props.mode === 'phone' ? 'off' : 'name'} />
      {props.relations.length === 1 ? (
        <input type="hidden" name="reporterRelation" value={props.relations[0]} />
      ) : (
        <SelectField
          {...field('reporterRelation')}
          label={t('claims_fnol.form.reporter_relation')}
          options={props.relations.map((relation) => ({ value: relation, label: t(`claims_fnol.relation.${relation}`) }))}
        />
      )}
      <CheckboxGroup
        locale={locale}
        name="protectionConfirmed"
        legend={t('claims_fnol.form.protection_legend')}
        options={[{ value: 'yes', label: t('claims_fnol.form.protection'), hint: t('claims_fnol.form.protection_hint') }]}
        selected={[values.protectionConfirmed ?? '']}
        error={errorFor(errors, 'protectionConfirmed')}
      />
      <Button>{t('claims_fnol.form.submit')}</Button>
    </Form>
  );
}
