import type { Locale } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor, type FormValues } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimItem, ClaimWithItems } from '../claims-repository.ts';
import type { StoredWorksheet, StoredWorksheetLine } from '../settlement-repository.ts';
import { dayText, instantDayText, moneyText } from '../settlement-words.ts';
import type { WorksheetView } from '../use-cases/read-settlement.ts';
import { detailOf, type MoneyJson, type WorksheetLineDetail } from '../worksheet-detail.ts';
import { EMPTY_STATE, type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The settlement worksheet on the claim pages (JPF-SETTLE-1..9, JPF-ADD-2): every step per item for the adjuster,
 * with the form for a new version (back office, order 50); the same in plain words for the insured, with the form
 * to agree to the amount in writing (portal, order 50).
 */

export const WORKSHEET_SECTION_ID = 'worksheet';
export const METHODS = ['repair', 'replace', 'rebuild', 'cash'] as const;

export const worksheetPaths = {
  backoffice: (claimId: string) => `/backoffice/claims/${claimId}/worksheet`,
  portal: (claimId: string) => `/portal/claims/${claimId}/settlement`,
};

const isZero = (money: MoneyJson) => Number(money.amount) === 0;

function SetCell({ locale, detail }: { locale: Locale; detail: WorksheetLineDetail }) {
  const t = translator(locale);
  const set = detail.set;
  if (!set) return <>{t('claims_settlement.worksheet.none_value')}</>;
  return (
    <>
      {t('claims_settlement.worksheet.set_value', { share: set.share, value: moneyText(locale, set.setValue), cap: moneyText(locale, set.setCap) })}
      {set.reason ? (
        <>
          <br />
          {t('claims_settlement.worksheet.set_override', { reason: set.reason })}
        </>
      ) : null}
    </>
  );
}

/** Back office: the current version, step by step (decision 0016). */
export function WorksheetTable({ locale, worksheet, timeZone }: { locale: Locale; worksheet: StoredWorksheet; timeZone: string }) {
  const t = translator(locale);
  const none = t('claims_settlement.worksheet.none_value');
  const first = worksheet.lines[0] ? detailOf(worksheet.lines[0]) : null;
  const cap = worksheet.lines.map(detailOf).find((detail) => detail.newPurchaseCap)?.newPurchaseCap ?? null;
  return (
    <>
      <p>
        {t('claims_settlement.worksheet.version', { version: worksheet.version, date: instantDayText(locale, worksheet.createdAt, timeZone) })}
        {worksheet.reason ? <> {t('claims_settlement.worksheet.reason', { reason: worksheet.reason })}</> : null}
      </p>
      <Table
        // Inside the card titled "Settlement worksheet": the table's region is named by its version (axe landmark-unique).
        caption={t('claims_settlement.worksheet.version', { version: worksheet.version, date: instantDayText(locale, worksheet.createdAt, timeZone) })}
        captionHidden
        rows={worksheet.lines}
        rowKey={(line) => String(line.lineNo)}
        empty={none}
        columns={[
          { header: t('claims_settlement.worksheet.col_item'), cell: (line) => `${line.lineNo}. ${line.description}`, rowHeader: true },
          {
            header: t('claims_settlement.worksheet.col_method'),
            cell: (line) => (
              <>
                {t(`claims_settlement.method.${line.method}`)}
                {line.totalLoss ? (
                  <>
                    <br />
                    {t('claims_settlement.worksheet.total_loss')}
                  </>
                ) : null}
              </>
            ),
          },
          {
            header: t('claims_settlement.worksheet.col_candidates'),
            cell: (line) =>
              detailOf(line)
                .candidates.map((candidate) => `${t(`claims_settlement.candidate.${candidate.name}`)}: ${moneyText(locale, candidate.amount)}`)
                .join('; '),
          },
          { header: t('claims_settlement.worksheet.col_minimum'), cell: (line) => moneyText(locale, detailOf(line).minimum), numeric: true },
          { header: t('claims_settlement.worksheet.col_set'), cell: (line) => <SetCell locale={locale} detail={detailOf(line)} /> },
          {
            header: t('claims_settlement.worksheet.col_other'),
            cell: (line) => {
              const other = detailOf(line).otherInsurance;
              return other
                ? t('claims_settlement.worksheet.other_value', {
                    ourLimit: moneyText(locale, other.ourLimit),
                    totalLimits: moneyText(locale, other.totalLimits),
                    after: moneyText(locale, other.after),
                  })
                : none;
            },
          },
          { header: t('claims_settlement.worksheet.col_paid'), cell: (line) => moneyText(locale, detailOf(line).paidByOthers), numeric: true },
          {
            header: t('claims_settlement.worksheet.col_salvage'),
            cell: (line) => {
              const salvage = detailOf(line).salvage;
              if (!salvage) return none;
              return salvage.keptBy === 'insured'
                ? t('claims_settlement.worksheet.salvage_insured', {
                    value: moneyText(locale, salvage.agreedValue),
                    deducted: moneyText(locale, salvage.deducted),
                  })
                : t('claims_settlement.worksheet.salvage_insurer', { value: moneyText(locale, salvage.agreedValue) });
            },
          },
          { header: t('claims_settlement.worksheet.col_deductible'), cell: (line) => moneyText(locale, detailOf(line).deductible), numeric: true },
          { header: t('claims_settlement.worksheet.col_payable'), cell: (line) => moneyText(locale, line.payable), numeric: true },
        ]}
      />
      <SummaryList
        items={[
          { term: t('claims_settlement.worksheet.total'), value: moneyText(locale, worksheet.totalPayable) },
          ...(first
            ? [
                {
                  term: t('claims_settlement.worksheet.col_deductible'),
                  value: t('claims_settlement.worksheet.policy_deductible', { deductible: moneyText(locale, first.policyDeductible) }),
                },
              ]
            : []),
          {
            term: t('claims_settlement.plain.agree_title'),
            value: worksheet.agreedAt
              ? t('claims_settlement.worksheet.agreed', { name: worksheet.agreedByName ?? '', date: instantDayText(locale, worksheet.agreedAt, timeZone) })
              : t('claims_settlement.worksheet.not_agreed'),
          },
        ]}
      />
      {cap ? (
        <p>
          {t('claims_settlement.worksheet.new_purchase_cap', {
            cap: moneyText(locale, cap.cap),
            quarter: moneyText(locale, cap.quarterOfTotalLimit),
            absolute: moneyText(locale, cap.absolute),
          })}
        </p>
      ) : null}
    </>
  );
}

/** The form's values for a new version: the posted ones after a refusal, else the current version's inputs. */
function formDefaults(claim: ClaimWithItems, current: StoredWorksheet | null): FormValues {
  const values: FormValues = {};
  claim.items.forEach((item, index) => {
    const input = current?.lines.find((line) => line.lineNo === item.lineNo);
    const request = input ? detailOf(input).input : null;
    const name = (field: string) => `lines.${index}.${field}`;
    values[name('method')] = request?.method ?? (claim.lossKind === 'damage' ? 'repair' : 'replace');
    values[name('repairOrReplaceCost')] = request?.repairOrReplaceCost ?? undefined;
    values[name('actualCashValue')] = request?.actualCashValue ?? undefined;
    values[name('insuredInterest')] = request?.insuredInterest ?? undefined;
    values[name('partValue')] = request?.partValue ?? undefined;
    values[name('setShare')] = request?.setShare ?? undefined;
    values[name('setShareReason')] = request?.setShareReason ?? undefined;
    values[name('otherLimit1')] = request?.otherInsuranceLimits?.[0];
    values[name('otherLimit2')] = request?.otherInsuranceLimits?.[1];
    values[name('paidByOthers')] = request?.paidByOthers ?? undefined;
    values[name('salvageValue')] = request?.salvage?.agreedValue;
    values[name('salvageKeptBy')] = request?.salvage?.keptBy ?? '';
  });
  return values;
}

function LineFields({
  locale,
  item,
  index,
  values,
  errors,
}: {
  locale: Locale;
  item: ClaimItem;
  index: number;
  values: FormValues;
  errors: SectionFormState['errors'];
}) {
  const t = translator(locale);
  const field = (name: string, label: MessageKey, extra: { hint?: string; optional?: boolean } = {}) => {
    const full = `lines.${index}.${name}`;
    return (
      <Field
        locale={locale}
        name={full}
        label={t(label, { n: '' })}
        value={values[full]}
        error={errorFor(errors, full)}
        inputMode="decimal"
        width="medium"
        {...extra}
      />
    );
  };
  const limit = (n: number) => {
    const full = `lines.${index}.otherLimit${n}`;
    return (
      <Field
        locale={locale}
        name={full}
        label={t('claims_settlement.worksheet.other_limit', { n })}
        value={values[full]}
        error={errorFor(errors, full)}
        inputMode="decimal"
        width="medium"
        optional
      />
    );
  };
  return (
    <fieldset class="fieldset">
      <legend>{t('claims_settlement.worksheet.line_legend', { lineNo: item.lineNo, description: item.description })}</legend>
      <SelectField
        locale={locale}
        name={`lines.${index}.method`}
        label={t('claims_settlement.worksheet.method')}
        options={METHODS.map((method) => ({ value: method, label: t(`claims_settlement.method.${method}`) }))}
        value={values[`lines.${index}.method`]}
        error={errorFor(errors, `lines.${index}.method`)}
      />
      {field('repairOrReplaceCost', 'claims_settlement.worksheet.cost', { optional: true })}
      {field('actualCashValue', 'claims_settlement.worksheet.actual_cash_value', { optional: true })}
      {field('insuredInterest', 'claims_settlement.worksheet.insured_interest', {
        hint: t('claims_settlement.worksheet.insured_interest_hint'),
        optional: true,
      })}
      {item.extent === 'part' ? field('partValue', 'claims_settlement.worksheet.part_value') : null}
      {field('setShare', 'claims_settlement.worksheet.set_share', { hint: t('claims_settlement.worksheet.set_share_hint'), optional: true })}
      <Field
        locale={locale}
        name={`lines.${index}.setShareReason`}
        label={t('claims_settlement.worksheet.set_share_reason')}
        value={values[`lines.${index}.setShareReason`]}
        error={errorFor(errors, `lines.${index}.setShareReason`)}
        optional
      />
      {limit(1)}
      {limit(2)}
      {field('paidByOthers', 'claims_settlement.worksheet.paid_by_others', { optional: true })}
      {field('salvageValue', 'claims_settlement.worksheet.salvage_value', { optional: true })}
      <SelectField
        locale={locale}
        name={`lines.${index}.salvageKeptBy`}
        label={t('claims_settlement.worksheet.salvage_kept_by')}
        options={[
          { value: '', label: t('claims_settlement.worksheet.salvage_none') },
          { value: 'insured', label: t('claims_settlement.worksheet.salvage_by_insured') },
          { value: 'insurer', label: t('claims_settlement.worksheet.salvage_by_insurer') },
        ]}
        value={values[`lines.${index}.salvageKeptBy`]}
        error={errorFor(errors, `lines.${index}.salvageKeptBy`)}
      />
    </fieldset>
  );
}

export type WorksheetStaffProps = { locale: Locale; view: WorksheetView; csrfToken: string; canHandle: boolean; state?: SectionFormState; returnTo: string };

/** Back office, order 50: the current version, the earlier ones, and the form to make a new one. */
export function WorksheetStaffSection({ locale, view, csrfToken, canHandle, state = EMPTY_STATE, returnTo }: WorksheetStaffProps) {
  const t = translator(locale);
  const { claim, current } = view;
  const values = valuesFor(state, 'worksheet', formDefaults(claim, current));
  const errors = state.form === 'worksheet' ? state.errors : [];
  const settleable = !['denied', 'withdrawn', 'closed'].includes(claim.status);
  return (
    <Card title={t('claims_settlement.worksheet.title')} id={WORKSHEET_SECTION_ID}>
      {current ? <WorksheetTable locale={locale} worksheet={current} timeZone={claim.timeZone} /> : <p>{t('claims_settlement.worksheet.none')}</p>}
      {view.settlementDueOn ? <p>{t('claims_settlement.plain.settlement_due', { date: dayText(locale, view.settlementDueOn) })}</p> : null}
      {view.versions.length > 1 ? (
        <details>
          <summary>{t('claims_settlement.worksheet.versions')}</summary>
          <ul>
            {view.versions.map((version) => (
              <li key={version.id}>
                {t('claims_settlement.worksheet.version_row', {
                  version: version.version,
                  date: instantDayText(locale, version.createdAt, claim.timeZone),
                  total: moneyText(locale, version.totalPayable),
                })}
                {version.reason ? ` — ${version.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canHandle && settleable ? (
        <Form action={worksheetPaths.backoffice(claim.id)} csrfToken={csrfToken} aria-labelledby="worksheet-form-heading">
          <h3 id="worksheet-form-heading">{t('claims_settlement.worksheet.form_title')}</h3>
          <input type="hidden" name="returnTo" value={returnTo} />
          {errors.length > 0 ? <ErrorSummary locale={locale} errors={errors} /> : null}
          {claim.items.map((item, index) => (
            <LineFields key={item.lineNo} locale={locale} item={item} index={index} values={values} errors={errors} />
          ))}
          <Field
            locale={locale}
            name="worksheetReason"
            label={t('claims_settlement.worksheet.version_reason')}
            hint={t('claims_settlement.worksheet.version_reason_hint')}
            value={values.worksheetReason}
            error={errorFor(errors, 'worksheetReason')}
            optional={current === null}
          />
          <Button>{t('claims_settlement.worksheet.submit')}</Button>
        </Form>
      ) : null}
    </Card>
  );
}

const BASIS: Record<string, MessageKey> = {
  repair: 'claims_settlement.plain.basis_repair',
  replace: 'claims_settlement.plain.basis_replace',
  rebuild: 'claims_settlement.plain.basis_rebuild',
  cash: 'claims_settlement.plain.basis_cash',
};

/** One item in plain words: "Your ring: repair cost $1,200.00. We pay the smallest of … minus your $250.00 deductible = $950.00." */
export function plainWords(locale: Locale, line: StoredWorksheetLine): string[] {
  const t = translator(locale);
  const detail = detailOf(line);
  const money = (amount: MoneyJson) => moneyText(locale, amount);
  const [basis] = detail.candidates;
  const sentences = [
    t('claims_settlement.plain.item', { description: line.description, basis: t(BASIS[line.method] as MessageKey), amount: basis ? money(basis.amount) : '' }),
    t('claims_settlement.plain.smallest', {
      candidates: detail.candidates.map((candidate) => `${t(`claims_settlement.candidate.${candidate.name}`)} ${money(candidate.amount)}`).join(', '),
      minimum: money(detail.minimum),
    }),
  ];
  if (detail.set)
    sentences.push(t('claims_settlement.plain.set', { share: detail.set.share, value: money(detail.set.setValue), cap: money(detail.set.setCap) }));
  if (detail.otherInsurance)
    sentences.push(
      t('claims_settlement.plain.other', {
        ourLimit: money(detail.otherInsurance.ourLimit),
        totalLimits: money(detail.otherInsurance.totalLimits),
        after: money(detail.otherInsurance.after),
      }),
    );
  if (!isZero(detail.paidByOthers)) sentences.push(t('claims_settlement.plain.paid', { amount: money(detail.paidByOthers) }));
  if (detail.salvage && !isZero(detail.salvage.deducted)) sentences.push(t('claims_settlement.plain.salvage', { amount: money(detail.salvage.deducted) }));
  if (detail.newPurchaseCap) sentences.push(t('claims_settlement.plain.new_purchase', { cap: money(detail.newPurchaseCap.cap) }));
  sentences.push(
    isZero(detail.deductible)
      ? t('claims_settlement.plain.no_deductible', { payable: money(line.payable.toJSON()) })
      : t('claims_settlement.plain.deductible', { deductible: money(detail.deductible), payable: money(line.payable.toJSON()) }),
  );
  return sentences;
}

export type WorksheetStatusProps = { locale: Locale; view: WorksheetView; csrfToken: string; isHolder: boolean; state?: SectionFormState; returnTo: string };

/** Portal, order 50: the settlement in plain words and the written agreement. */
export function WorksheetStatusSection({ locale, view, csrfToken, isHolder, state = EMPTY_STATE, returnTo }: WorksheetStatusProps) {
  const t = translator(locale);
  const { current, claim } = view;
  const values = valuesFor(state, 'agreement', {});
  const errors = state.form === 'agreement' ? state.errors : [];
  return (
    <Card title={t('claims_settlement.plain.title')} id={WORKSHEET_SECTION_ID}>
      {current ? (
        <>
          {current.lines.map((line) => (
            <p key={line.lineNo}>{plainWords(locale, line).join(' ')}</p>
          ))}
          <p>
            <strong>{t('claims_settlement.plain.total', { total: moneyText(locale, current.totalPayable) })}</strong>
          </p>
          {current.agreedAt ? (
            <p>{t('claims_settlement.plain.agreed', { date: instantDayText(locale, current.agreedAt, claim.timeZone) })}</p>
          ) : isHolder && !['denied', 'withdrawn', 'closed'].includes(claim.status) ? (
            <Form action={worksheetPaths.portal(claim.id)} csrfToken={csrfToken} aria-labelledby="agreement-heading">
              <h3 id="agreement-heading">{t('claims_settlement.plain.agree_title')}</h3>
              {errors.length > 0 ? <ErrorSummary locale={locale} errors={errors} /> : null}
              <p>{t('claims_settlement.plain.agree_lead', { total: moneyText(locale, current.totalPayable) })}</p>
              <input type="hidden" name="version" value={String(current.version)} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <Field
                locale={locale}
                name="agreementName"
                label={t('claims_settlement.plain.full_name')}
                value={values.agreementName}
                error={errorFor(errors, 'agreementName')}
                autocomplete="name"
              />
              <CheckboxGroup
                locale={locale}
                name="agreementConfirm"
                legend={t('claims_settlement.plain.agree_title')}
                options={[{ value: 'yes', label: t('claims_settlement.plain.agree_confirm') }]}
                selected={[values.agreementConfirm ?? '']}
                error={errorFor(errors, 'agreementConfirm')}
              />
              <Button>{t('claims_settlement.plain.agree_submit')}</Button>
            </Form>
          ) : (
            <p>{t('claims_settlement.plain.agree_as_holder')}</p>
          )}
          {view.settlementDueOn ? <p>{t('claims_settlement.plain.settlement_due', { date: dayText(locale, view.settlementDueOn) })}</p> : null}
        </>
      ) : (
        <p>{t('claims_settlement.plain.none')}</p>
      )}
    </Card>
  );
}
