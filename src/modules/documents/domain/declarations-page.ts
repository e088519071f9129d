import type { Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import { Money } from '../../../platform/money.ts';
import type { PolicyDetail } from '../../policies/index.ts';
import type { Block, DocumentModel } from './document-model.ts';

/**
 * The insurer as named on its documents. DEMO DATA: a fictitious insurer with reserved example
 * contact details (555-01xx numbers, example.com); an installation replaces it with its own.
 */
export const INSURER_CONTACT = {
  name: 'Bezel Demo Mutual Insurance Company',
  address: '100 Example Plaza, Springfield, IL 62701, USA',
  phone: '+1 555-0100',
  email: 'policies@example.com',
} as const;

export type InsurerContact = { name: string; address: string; phone: string; email: string };

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', nl: 'nl-NL' };

/** A calendar date ('YYYY-MM-DD') as words in the reader's language; the date is not moved by any time zone. */
export function formatPlainDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Money in the reader's language, exact: Intl formats the decimal string, never a float. */
export function formatMoney(locale: Locale, money: Money): string {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency: money.currency });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(money.toFixed() as unknown as number);
}

/**
 * The declarations page of a policy (issue #3, "Bind and issue"):
 * JPF-DEF-1 (the Named Insured and Address section and the Scheduled Jewelry with each item's coverage
 * amount), JPF-DEF-3 (the deductible, premium, period and loss payee shown on the declarations page;
 * policy condition 8: the possessor of a gift or engagement ring is named), JPF-CORR-1 (the insurer's
 * contact and "your jeweler is not our agent"). Pure: the same policy and locale give the same model.
 */
export function declarationsPage(policy: PolicyDetail, locale: Locale, insurer: InsurerContact = INSURER_CONTACT): DocumentModel {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const { application } = policy;
  const currency = policy.premium.currency;
  const address = application.mailingAddress;
  const none = t('documents.declarations.none');
  const total = Money.sum(
    policy.schedule.map((item) => item.coverageAmount),
    currency,
  );
  const blocks: Block[] = [
    { kind: 'paragraph', text: t('documents.declarations.intro') },
    { kind: 'heading', text: t('documents.declarations.policy') },
    {
      kind: 'key_values',
      entries: [
        { key: t('documents.declarations.policy_number'), value: policy.policyNumber },
        {
          key: t('documents.declarations.period'),
          value: t('documents.declarations.period_value', {
            firstDay: formatPlainDate(locale, policy.firstDay),
            lastDay: formatPlainDate(locale, policy.lastDay),
          }),
        },
        { key: t('documents.declarations.cover_times'), value: t('documents.declarations.cover_times_value', { timeZone: policy.timeZone }) },
        { key: t('documents.declarations.issued'), value: formatPlainDate(locale, policy.issuedAt.slice(0, 10)) },
      ],
    },
    { kind: 'heading', text: t('documents.declarations.named_insureds_heading') },
    {
      kind: 'key_values',
      entries: [
        { key: t('documents.declarations.named_insureds'), value: application.namedInsureds.join(', ') },
        {
          key: t('documents.declarations.other_insureds'),
          value: application.otherInsureds.length === 0 ? none : application.otherInsureds.map((other) => other.name).join(', '),
        },
        { key: t('documents.declarations.address'), value: `${address.street}, ${address.city}, ${address.state} ${address.postalCode}, ${address.country}` },
      ],
    },
    { kind: 'heading', text: t('documents.declarations.schedule_heading') },
    {
      kind: 'table',
      columns: [
        { header: t('documents.declarations.item_no'), width: 0.08, align: 'left' },
        { header: t('documents.declarations.description'), width: 0.5, align: 'left' },
        { header: t('documents.declarations.possessor'), width: 0.2, align: 'left' },
        { header: t('documents.declarations.coverage_amount'), width: 0.22, align: 'right' },
      ],
      rows: policy.schedule.map((item) => [
        String(item.itemNo),
        item.setId === null ? item.description : `${item.description} (${t('documents.declarations.set', { setId: item.setId })})`,
        item.possessor ?? '',
        formatMoney(locale, item.coverageAmount),
      ]),
      footer: ['', t('documents.declarations.total_coverage'), '', formatMoney(locale, total)],
    },
    { kind: 'heading', text: t('documents.declarations.terms_heading') },
    {
      kind: 'key_values',
      entries: [
        { key: t('documents.declarations.deductible'), value: formatMoney(locale, application.deductible) },
        { key: t('documents.declarations.premium'), value: formatMoney(locale, policy.premium) },
        {
          key: t('documents.declarations.loss_payee'),
          value: application.lossPayee === null ? none : [application.lossPayee.name, application.lossPayee.address].filter(Boolean).join(', '),
        },
      ],
    },
    { kind: 'heading', text: t('documents.declarations.contact_heading') },
    { kind: 'paragraph', text: t('documents.declarations.contact', { ...insurer }) },
    { kind: 'paragraph', text: t('documents.declarations.jeweler_not_agent', { name: insurer.name }), emphasis: true },
  ];
  return { title: `${t('documents.declarations.title')} — ${policy.policyNumber}`, locale, createdAt: policy.issuedAt, blocks };
}
