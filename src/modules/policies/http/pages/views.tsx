import type { Locale } from '../../../../platform/db/schema.ts';
import { SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { translator } from '../../../../platform/ui/page-support.tsx';
import type { Application } from '../../policies-repository.ts';
import { formatDate, formatMoney } from './page-support.tsx';

/** Views the portal and the back office share: the application summary and worksheet. */

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
