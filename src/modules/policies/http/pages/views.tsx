import type { Locale } from '../../../../platform/db/schema.ts';
import { fieldId, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { translator } from '../../../../platform/ui/page-support.tsx';
import type { Application } from '../../policies-repository.ts';
import { formatDate, formatMoney } from './page-support.tsx';

/** Views the portal and the back office share: a select field, the application summary and worksheet. */

export type SelectOption = { value: string; label: string };

/** A labelled <select>, with hint and error linked as Field does (the error summary links to its id). */
export function SelectField(props: {
  locale: Locale;
  name: string;
  label: string;
  options: readonly SelectOption[];
  value: string | undefined;
  placeholder: string;
  error?: string | undefined;
  hint?: string;
}) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const t = translator(props.locale);
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">{t('form.error_prefix')} </span>
          {props.error}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        class="field__input field__input--medium"
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function referralReasonText(locale: Locale, reason: Application['referralReasons'][number]): string {
  const t = translator(locale);
  switch (reason.code) {
    case 'item_above_limit':
      return t('policy_pages.reason.item_above_limit', {
        item: reason.item,
        amount: formatMoney(locale, { amount: reason.amount, currency: 'USD' }),
        limit: formatMoney(locale, { amount: reason.limit, currency: 'USD' }),
      });
    case 'total_above_limit':
      return t('policy_pages.reason.total_above_limit', {
        amount: formatMoney(locale, { amount: reason.amount, currency: 'USD' }),
        limit: formatMoney(locale, { amount: reason.limit, currency: 'USD' }),
      });
    case 'appraisal_missing':
      return t('policy_pages.reason.appraisal_missing', { item: reason.item });
    case 'appraisal_too_old':
      return t('policy_pages.reason.appraisal_too_old', {
        item: reason.item,
        appraisalDate: formatDate(locale, reason.appraisalDate),
        oldestAccepted: formatDate(locale, reason.oldestAccepted),
      });
  }
}

export function addressText(application: Application): string {
  const address = application.mailingAddress;
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}`;
}

/** Status, premium, insureds, address and deductible of an application. */
export function ApplicationSummary({ locale, application }: { locale: Locale; application: Application }) {
  const t = translator(locale);
  return (
    <SummaryList
      items={[
        { term: t('policy_pages.application.status'), value: t(`policy_pages.status.${application.status}`) },
        { term: t('policy_pages.application.premium'), value: formatMoney(locale, application.premium) },
        { term: t('policy_pages.application.named_insureds'), value: application.namedInsureds.join(', ') },
        { term: t('policy_pages.application.address'), value: addressText(application) },
        { term: t('policy_pages.application.deductible'), value: formatMoney(locale, application.deductible) },
      ]}
    />
  );
}

/** The rating worksheet in short: each item with its factors and premium. */
export function WorksheetTable({ locale, application, categoryLabel }: { locale: Locale; application: Application; categoryLabel: (code: string) => string }) {
  const t = translator(locale);
  const worksheet = application.worksheet;
  const rows = worksheet.items.map((item) => ({ ...item, description: application.items[item.line - 1]?.description ?? '' }));
  return (
    <>
      <Table
        caption={t('policy_pages.application.worksheet')}
        columns={[
          { header: t('policy_pages.application.line'), cell: (row) => String(row.line), rowHeader: true },
          { header: t('policy_pages.application.description'), cell: (row) => row.description },
          { header: t('policy_pages.application.category'), cell: (row) => categoryLabel(row.category) },
          { header: t('policy_pages.application.coverage'), cell: (row) => formatMoney(locale, row.coverageAmount), numeric: true },
          { header: t('policy_pages.application.factors'), cell: (row) => row.steps.map((step) => `${step.key} ${step.value}`).join(' × ') },
          { header: t('policy_pages.application.item_premium'), cell: (row) => formatMoney(locale, row.premium), numeric: true },
        ]}
        rows={rows}
        rowKey={(row) => String(row.line)}
        empty=""
      />
      {worksheet.minimumApplied ? (
        <p>{t('policy_pages.application.minimum_applied', { amount: formatMoney(locale, worksheet.minimumPremium.amount) })}</p>
      ) : null}
    </>
  );
}
