import { Temporal } from 'temporal-polyfill';
import type { DocumentKind, Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import { type Currency, Money } from '../../../platform/money.ts';
import type { PolicyTransactionView } from '../../policies/index.ts';
import { formatMoney, formatPlainDate, INSURER_CONTACT, type InsurerContact } from './declarations-page.ts';
import type { Block, DocumentModel, KeyValue } from './document-model.ts';

/**
 * The written record of a policy transaction (JPF-COND-6: "a waiver or change of any terms of this policy
 * must be issued by us in writing"), and for an insurer cancellation the notice of cancellation itself
 * (JPF-CANCEL-2: written notice, mailed to the address in the Named Insured and Address section of the
 * declarations page, at least 10 days or the state's own number of days before it takes effect, JPF-COND-2;
 * pro-rata refund, JPF-CANCEL-3). Each carries the full name, address and policy number (JPF-CORR-1).
 *
 * Pure and deterministic: the document is dated at the transaction's recorded time and everything in it comes
 * from the policy's recorded transactions up to and including this one (by sequence number), so generating it
 * again — even after later transactions — gives the same model, the same PDF bytes and the same hash.
 */

export type Address = { street: string; city: string; state: string; postalCode: string; country: string };

export type TransactionDocumentInput = {
  policyNumber: string;
  timeZone: string;
  currency: Currency;
  /** The named insureds on the declarations page at issue; removals by transactions are applied here. */
  namedInsuredsAtIssue: readonly string[];
  /** The mailing address of the declarations page (Named Insured and Address). */
  mailingAddress: Address;
  /** The policy's transactions (any order); the one documented and those recorded before it are read. */
  transactions: readonly PolicyTransactionView[];
  transactionId: string;
};

export type TransactionDocument = { kind: Extract<DocumentKind, 'policy_change' | 'cancellation_notice'>; model: DocumentModel };

type ItemJson = { description: string; coverageAmount: string; purchaseDate?: string | null };
type ItemChangeJson =
  | { op: 'add' | 'change'; itemNo: number; item: ItemJson }
  | { op: 'remove'; itemNo: number }
  | { op: 'remove_named_insured'; name: string };

const INTL_HOUR: Record<Locale, (hour: number, minute: string) => string> = {
  en: (hour, minute) => `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? 'a.m.' : 'p.m.'}`,
  nl: (hour, minute) => `${String(hour).padStart(2, '0')}:${minute}`,
};

export function formatAddress(address: Address): string {
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}, ${address.country}`;
}

/** An instant as the date and wall-clock time in the policy's time zone, written out without Intl's locale-data-dependent time format. */
export function formatInstant(locale: Locale, instant: string, timeZone: string): { date: string; time: string } {
  const local = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone);
  return { date: formatPlainDate(locale, local.toPlainDate().toString()), time: INTL_HOUR[locale](local.hour, String(local.minute).padStart(2, '0')) };
}

function moneyOf(value: unknown, currency: Currency): Money | null {
  if (typeof value !== 'object' || value === null) return null;
  const amount = (value as { amount?: unknown }).amount;
  return typeof amount === 'string' ? Money.of(amount, currency) : null;
}

const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The named insureds after the transaction and the item versions recorded before it (by sequence number). */
export function historyAt(input: TransactionDocumentInput, sequenceNo: number): { namedInsureds: string[]; itemsBefore: Map<number, ItemJson> } {
  const namedInsureds = [...input.namedInsuredsAtIssue];
  const itemsBefore = new Map<number, ItemJson>();
  const recorded = [...input.transactions].filter((transaction) => transaction.sequenceNo <= sequenceNo).sort((a, b) => a.sequenceNo - b.sequenceNo);
  for (const transaction of recorded)
    for (const change of transaction.itemChanges as ItemChangeJson[]) {
      if (change.op === 'remove_named_insured') {
        const index = namedInsureds.indexOf(change.name);
        if (index >= 0) namedInsureds.splice(index, 1);
      } else if (transaction.sequenceNo < sequenceNo && change.op !== 'remove') itemsBefore.set(change.itemNo, change.item);
    }
  return { namedInsureds, itemsBefore };
}

export function transactionDocument(input: TransactionDocumentInput, locale: Locale, insurer: InsurerContact = INSURER_CONTACT): TransactionDocument {
  const transaction = input.transactions.find((candidate) => candidate.id === input.transactionId);
  if (!transaction) throw new Error(`transaction ${input.transactionId} is not one of the policy's`);
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const money = (value: Money) => formatMoney(locale, value);
  const date = (value: string) => formatPlainDate(locale, value);
  const { namedInsureds, itemsBefore } = historyAt(input, transaction.sequenceNo);
  const recorded = formatInstant(locale, transaction.recordedAt, input.timeZone);
  const recordedValue = t('documents.transaction.recorded_value', { ...recorded, timeZone: input.timeZone });
  const effectiveValue = t('documents.transaction.effective_value', { date: date(transaction.effectiveDate), timeZone: input.timeZone });
  const details = transaction.details;
  const currency = input.currency;
  const closing: Block[] = [
    { kind: 'heading', text: t('documents.declarations.contact_heading') },
    { kind: 'paragraph', text: t('documents.declarations.contact', { ...insurer }) },
    { kind: 'paragraph', text: t('documents.declarations.jeweler_not_agent', { name: insurer.name }), emphasis: true },
  ];

  const refundEntries = (): KeyValue[] => {
    const entries: KeyValue[] = [];
    const rule = details.rule;
    if (rule === 'full_refund_window' || rule === 'pro_rata')
      entries.push({ key: t('documents.transaction.refund_rule'), value: t(`documents.transaction.rule.${rule}`) });
    if (typeof details.daysCovered === 'number' && typeof details.daysUnused === 'number')
      entries.push({
        key: t('documents.transaction.days'),
        value: t('documents.transaction.days_value', { covered: details.daysCovered, unused: details.daysUnused }),
      });
    for (const [field, key] of [
      ['premiumPaid', 'documents.transaction.premium_paid'],
      ['earnedPremium', 'documents.transaction.earned_premium'],
      ['unearnedPremium', 'documents.transaction.unearned_premium'],
      ['refund', 'documents.transaction.refund'],
      ['balanceDue', 'documents.transaction.balance_due'],
    ] as const) {
      const amount = moneyOf(details[field], currency);
      if (amount) entries.push({ key: t(key), value: money(amount) });
    }
    return entries;
  };

  // JPF-CANCEL-2: the insurer's cancellation is a notice addressed to the named insureds at the declarations address.
  const notice = transaction.insurerNotice;
  if (transaction.kind === 'cancellation' && notice) {
    const mailed = formatInstant(locale, notice.mailedAt, input.timeZone);
    const reason = textOf(details.reason);
    const blocks: Block[] = [
      {
        kind: 'key_values',
        entries: [
          { key: t('documents.notice.to'), value: namedInsureds.join(', ') },
          { key: t('documents.declarations.address'), value: formatAddress(notice.mailingAddress) },
          { key: t('documents.declarations.policy_number'), value: input.policyNumber },
        ],
      },
      {
        kind: 'paragraph',
        text: t('documents.notice.body', {
          insurer: insurer.name,
          policyNumber: input.policyNumber,
          date: date(transaction.effectiveDate),
          timeZone: input.timeZone,
        }),
        emphasis: true,
      },
      { kind: 'heading', text: t('documents.notice.details_heading') },
      {
        kind: 'key_values',
        entries: [
          { key: t('documents.notice.date'), value: date(notice.date) },
          { key: t('documents.notice.mailed'), value: t('documents.transaction.recorded_value', { ...mailed, timeZone: input.timeZone }) },
          { key: t('documents.notice.days'), value: t('documents.notice.days_value', { days: notice.days }) },
          // JPF-COND-2: the notice days are the state's statute or the form's own 10 days.
          { key: t('documents.notice.source'), value: t(`documents.notice.source.${notice.source}`, { state: notice.state, days: notice.days }) },
          { key: t('documents.notice.effective'), value: effectiveValue },
          ...(reason ? [{ key: t('documents.transaction.reason'), value: reason }] : []),
          { key: t('documents.transaction.transaction_no'), value: String(transaction.sequenceNo) },
        ],
      },
      { kind: 'paragraph', text: t('documents.notice.mailing') },
      { kind: 'heading', text: t('documents.notice.refund_heading') },
      { kind: 'key_values', entries: refundEntries() },
      { kind: 'paragraph', text: t('documents.transaction.refund_note') },
      ...closing,
    ];
    return {
      kind: 'cancellation_notice',
      model: { title: `${t('documents.notice.title')} — ${input.policyNumber}`, locale, createdAt: transaction.recordedAt, blocks },
    };
  }

  const blocks: Block[] = [
    { kind: 'paragraph', text: t('documents.transaction.intro', { insurer: insurer.name }) },
    { kind: 'heading', text: t('documents.declarations.policy') },
    {
      kind: 'key_values',
      entries: [
        { key: t('documents.declarations.policy_number'), value: input.policyNumber },
        { key: t('documents.transaction.transaction_no'), value: String(transaction.sequenceNo) },
        { key: t('documents.transaction.effective'), value: effectiveValue },
        { key: t('documents.transaction.recorded'), value: recordedValue },
      ],
    },
    { kind: 'heading', text: t('documents.declarations.named_insureds_heading') },
    {
      kind: 'key_values',
      entries: [
        { key: t('documents.declarations.named_insureds'), value: namedInsureds.join(', ') },
        { key: t('documents.declarations.address'), value: formatAddress(input.mailingAddress) },
      ],
    },
  ];

  const changes = transaction.itemChanges as ItemChangeJson[];
  const itemRows = changes.flatMap((change): string[][] => {
    if (change.op === 'remove_named_insured') return [];
    if (change.op === 'remove') {
      const before = itemsBefore.get(change.itemNo);
      return [
        [
          String(change.itemNo),
          t('documents.transaction.op.remove'),
          before?.description ?? '',
          before ? money(Money.of(before.coverageAmount, currency)) : '',
        ],
      ];
    }
    const amount = money(Money.of(change.item.coverageAmount, currency));
    const before = change.op === 'change' ? itemsBefore.get(change.itemNo) : undefined;
    const description =
      transaction.kind === 'new_purchase' && change.item.purchaseDate
        ? t('documents.transaction.purchased_on', { description: change.item.description, date: date(change.item.purchaseDate) })
        : change.item.description;
    return [
      [
        String(change.itemNo),
        t(`documents.transaction.op.${change.op}`),
        description,
        before && before.coverageAmount !== change.item.coverageAmount
          ? t('documents.transaction.coverage_was', { amount, previous: money(Money.of(before.coverageAmount, currency)) })
          : amount,
      ],
    ];
  });
  const removedInsureds = changes.flatMap((change) => (change.op === 'remove_named_insured' ? [change.name] : []));

  if (transaction.kind !== 'cancellation' && transaction.kind !== 'void') {
    blocks.push({
      kind: 'heading',
      text: t(transaction.kind === 'renewal' ? 'documents.transaction.renewal_schedule_heading' : 'documents.transaction.changes_heading'),
    });
    if (transaction.kind === 'renewal') blocks.push({ kind: 'paragraph', text: t('documents.transaction.renewal_text') });
    if (itemRows.length > 0)
      blocks.push({
        kind: 'table',
        columns: [
          { header: t('documents.declarations.item_no'), width: 0.08, align: 'left' },
          { header: t('documents.transaction.change'), width: 0.16, align: 'left' },
          { header: t('documents.declarations.description'), width: 0.46, align: 'left' },
          { header: t('documents.declarations.coverage_amount'), width: 0.3, align: 'right' },
        ],
        rows: itemRows,
      });
    if (removedInsureds.length > 0)
      blocks.push({ kind: 'key_values', entries: [{ key: t('documents.transaction.named_insured_removed'), value: removedInsureds.join(', ') }] });
    if (itemRows.length === 0 && removedInsureds.length === 0 && transaction.kind !== 'renewal')
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.no_item_changes') });
  }

  switch (transaction.kind) {
    case 'new_purchase': {
      const reported = textOf(details.reportedDate);
      if (reported && typeof details.daysAfterPurchase === 'number')
        blocks.push({
          kind: 'key_values',
          entries: [
            {
              key: t('documents.transaction.reported'),
              value: t('documents.transaction.reported_value', { date: date(reported), days: details.daysAfterPurchase }),
            },
          ],
        });
      break;
    }
    case 'reinstatement': {
      blocks.push({ kind: 'heading', text: t('documents.transaction.reinstatement_heading') });
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.reinstatement_text') });
      const reason = textOf(details.reason);
      const action = details.action;
      const amount = moneyOf(details.amount, currency);
      const entries: KeyValue[] = [];
      if (reason) entries.push({ key: t('documents.transaction.reason'), value: reason });
      if (action === 'cancel_refund' || action === 'invoice' || action === 'none')
        entries.push({
          key: t('documents.transaction.reinstatement_action'),
          value: t(`documents.transaction.reinstatement.${action}`, { amount: amount ? money(amount) : '' }),
        });
      if (entries.length > 0) blocks.push({ kind: 'key_values', entries });
      break;
    }
    case 'assignment': {
      blocks.push({ kind: 'heading', text: t('documents.transaction.assignment_heading') });
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.assignment_text') });
      const consent = (details.consent ?? {}) as { date?: unknown; reference?: unknown };
      const entries: KeyValue[] = [];
      const consentDate = textOf(consent.date);
      const reference = textOf(consent.reference);
      if (consentDate) entries.push({ key: t('documents.transaction.consent_date'), value: date(consentDate) });
      if (reference) entries.push({ key: t('documents.transaction.consent_reference'), value: reference });
      if (entries.length > 0) blocks.push({ kind: 'key_values', entries });
      break;
    }
    case 'void': {
      blocks.push({ kind: 'heading', text: t('documents.transaction.void_heading') });
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.void_text') });
      const entries: KeyValue[] = [];
      const category = details.category;
      if (category === 'misrepresentation' || category === 'concealment' || category === 'fraud')
        entries.push({ key: t('documents.transaction.void_ground'), value: t(`documents.transaction.void.${category}`) });
      const reason = textOf(details.reason);
      if (reason) entries.push({ key: t('documents.transaction.reason'), value: reason });
      const refund = moneyOf(details.refund, currency);
      if (refund) entries.push({ key: t('documents.transaction.refund'), value: money(refund) });
      if (entries.length > 0) blocks.push({ kind: 'key_values', entries });
      break;
    }
    case 'cancellation': {
      blocks.push({ kind: 'heading', text: t('documents.transaction.cancellation_heading') });
      const by = details.by === 'insurer' ? 'insurer' : 'insured';
      blocks.push({
        kind: 'key_values',
        entries: [
          { key: t('documents.transaction.cancelled_by'), value: t(`documents.transaction.by.${by}`) },
          { key: t('documents.transaction.cover_ends'), value: effectiveValue },
          ...refundEntries(),
        ],
      });
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.refund_note') });
      break;
    }
    default:
      break;
  }

  // The premium change, pro rata by day (issue #3); a cancellation shows it as its refund terms above.
  if (transaction.kind !== 'cancellation') {
    const change = transaction.premiumChange;
    const entries: KeyValue[] = [];
    if (transaction.kind === 'renewal') entries.push({ key: t('documents.transaction.premium_new_period'), value: money(change) });
    else if (change.isPositive()) entries.push({ key: t('documents.transaction.premium_additional'), value: money(change) });
    else if (change.isNegative()) entries.push({ key: t('documents.transaction.premium_credit'), value: money(Money.zero(change.currency).minus(change)) });
    else entries.push({ key: t('documents.transaction.premium_change'), value: t('documents.declarations.none') });
    const before = moneyOf(details.termPremiumBefore, currency);
    const after = moneyOf(details.termPremiumAfter, currency);
    if (before && after)
      entries.push({
        key: t('documents.transaction.premium_for_period'),
        value: t('documents.transaction.coverage_was', { amount: money(after), previous: money(before) }),
      });
    blocks.push({ kind: 'heading', text: t('documents.transaction.premium_heading') });
    blocks.push({ kind: 'key_values', entries });
    if (!change.isZero() && transaction.kind !== 'renewal' && transaction.kind !== 'void')
      blocks.push({ kind: 'paragraph', text: t('documents.transaction.pro_rata_note') });
  }
  blocks.push(...closing);
  const title = `${t(`documents.transaction.title.${transaction.kind}`)} — ${input.policyNumber}`;
  return { kind: 'policy_change', model: { title, locale, createdAt: transaction.recordedAt, blocks } };
}
