import type { Locale } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, fieldId, Panel, RadioGroup, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimPayment } from '../payment-repository.ts';
import type { ReserveEntry } from '../reserve-repository.ts';
import { dayText, instantDayText, moneyText } from '../settlement-words.ts';
import type { PaymentsOverview } from '../use-cases/read-claim-payments.ts';
import { EMPTY_STATE, type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The back-office view of a claim's reserve and payments (issue #4): the ledger (worksheet total, paid, waiting,
 * open reserve), the reserve's history, every payment with its payee, status and approval, and the forms — set,
 * change or release the reserve; pay worksheet lines or an amount on account to the insured, the loss payee
 * (JPF-SETTLE-8) or the repairing jeweler (JPF-SETTLE-2); approve or reject a payment that waits. Shown on the
 * claim 360 view (section 60) and on its own page, where a refused form comes back with its messages.
 */

export const PAYMENTS_SECTION_ID = 'payments';

export const paymentPaths = {
  page: (claimId: string) => `/backoffice/claims/${claimId}/payments`,
  reserve: (claimId: string) => `/backoffice/claims/${claimId}/reserve`,
  release: (claimId: string) => `/backoffice/claims/${claimId}/reserve/release`,
  pay: (claimId: string) => `/backoffice/claims/${claimId}/payments`,
  approve: (claimId: string, paymentId: string) => `/backoffice/claims/${claimId}/payments/${paymentId}/approve`,
  reject: (claimId: string, paymentId: string) => `/backoffice/claims/${claimId}/payments/${paymentId}/reject`,
};

export function payeeText(locale: Locale, payment: Pick<ClaimPayment, 'payeeKind' | 'payeeName'>): string {
  return translator(locale)(`claims_payments.payee.${payment.payeeKind}`, { name: payment.payeeName });
}

function LedgerSummary({ locale, overview }: { locale: Locale; overview: PaymentsOverview }) {
  const t = translator(locale);
  const { ledger } = overview;
  const value = (money: Parameters<typeof moneyText>[1] | null | undefined) => (money ? moneyText(locale, money) : t('claims_payments.none'));
  return (
    <SummaryList
      items={[
        { term: t('claims_payments.worksheet_total'), value: value(ledger?.worksheetTotal) },
        { term: t('claims_payments.paid_to_date'), value: value(ledger?.issued) },
        { term: t('claims_payments.awaiting_approval'), value: value(ledger?.awaiting) },
        { term: t('claims_payments.open_reserve'), value: value(overview.reserve.balance) },
      ]}
    />
  );
}

function ReserveHistory({ locale, entries, timeZone }: { locale: Locale; entries: readonly ReserveEntry[]; timeZone: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('claims_payments.reserve.history')}
      rows={entries}
      rowKey={(entry) => entry.id}
      empty={t('claims_payments.reserve.none')}
      columns={[
        { header: t('claims_payments.reserve.entry'), cell: (entry) => String(entry.entryNo), rowHeader: true },
        { header: t('claims_payments.reserve.kind'), cell: (entry) => t(`claims_payments.reserve.kind.${entry.kind}`) },
        { header: t('claims_payments.reserve.change'), cell: (entry) => moneyText(locale, entry.change), numeric: true },
        { header: t('claims_payments.reserve.balance'), cell: (entry) => moneyText(locale, entry.balance), numeric: true },
        { header: t('claims_payments.reason'), cell: (entry) => entry.reason ?? '' },
        { header: t('claims_payments.recorded_on'), cell: (entry) => instantDayText(locale, entry.recordedAt, timeZone) },
      ]}
    />
  );
}

function ReserveForms({ locale, claimId, csrfToken, state }: { locale: Locale; claimId: string; csrfToken: string; state: SectionFormState }) {
  const t = translator(locale);
  const set = valuesFor(state, 'reserve', {});
  const release = valuesFor(state, 'release', {});
  const errors = (form: string) => (state.form === form ? state.errors : []);
  return (
    <>
      <Form action={paymentPaths.reserve(claimId)} csrfToken={csrfToken} aria-label={t('claims_payments.reserve.set')}>
        <ErrorSummary locale={locale} errors={errors('reserve')} />
        <Field
          locale={locale}
          name="reserveAmount"
          label={t('claims_payments.reserve.amount')}
          inputMode="decimal"
          width="short"
          value={set.reserveAmount}
          error={errorFor(errors('reserve'), 'reserveAmount')}
        />
        <Field
          locale={locale}
          name="reserveReason"
          label={t('claims_payments.reason')}
          hint={t('claims_payments.reserve.reason_hint')}
          optional
          value={set.reserveReason}
          error={errorFor(errors('reserve'), 'reserveReason')}
        />
        <Button variant="secondary">{t('claims_payments.reserve.set')}</Button>
      </Form>
      <Form action={paymentPaths.release(claimId)} csrfToken={csrfToken} aria-label={t('claims_payments.reserve.release')}>
        <ErrorSummary locale={locale} errors={errors('release')} />
        <Field
          locale={locale}
          name="releaseReason"
          label={t('claims_payments.reserve.release_reason')}
          value={release.releaseReason}
          error={errorFor(errors('release'), 'releaseReason')}
        />
        <Button variant="secondary">{t('claims_payments.reserve.release')}</Button>
      </Form>
    </>
  );
}

function PaymentActions({
  locale,
  claimId,
  payment,
  csrfToken,
  state,
}: {
  locale: Locale;
  claimId: string;
  payment: ClaimPayment;
  csrfToken: string;
  state: SectionFormState;
}) {
  const t = translator(locale);
  const form = `reject:${payment.id}`;
  const name = `rejectReason${payment.paymentNo}`;
  const errors = state.form === form ? state.errors : [];
  const approveErrors = state.form === `approve:${payment.id}` ? state.errors : [];
  return (
    <>
      <Form action={paymentPaths.approve(claimId, payment.id)} csrfToken={csrfToken} aria-label={t('claims_payments.approve_n', { n: payment.paymentNo })}>
        <ErrorSummary locale={locale} errors={approveErrors} />
        <Button id={fieldId(`approve-${payment.id}`)} aria-label={t('claims_payments.approve_n', { n: payment.paymentNo })}>
          {t('claims_payments.approve')}
        </Button>
      </Form>
      <Form action={paymentPaths.reject(claimId, payment.id)} csrfToken={csrfToken} aria-label={t('claims_payments.reject_n', { n: payment.paymentNo })}>
        <ErrorSummary locale={locale} errors={errors} />
        <Field
          locale={locale}
          name={name}
          label={t('claims_payments.reject_reason_n', { n: payment.paymentNo })}
          value={valuesFor(state, form, {})[name]}
          error={errorFor(errors, name)}
        />
        <Button variant="secondary" aria-label={t('claims_payments.reject_n', { n: payment.paymentNo })}>
          {t('claims_payments.reject')}
        </Button>
      </Form>
    </>
  );
}

function statusKey(payment: ClaimPayment): MessageKey {
  return `claims_payments.status.${payment.status}`;
}

function PaymentsTable({
  locale,
  overview,
  canPay,
  csrfToken,
  state,
}: {
  locale: Locale;
  overview: PaymentsOverview;
  canPay: boolean;
  csrfToken: string;
  state: SectionFormState;
}) {
  const t = translator(locale);
  return (
    <Table
      caption={t('claims_payments.payments')}
      rows={overview.payments}
      rowKey={(payment) => payment.id}
      empty={t('claims_payments.no_payments')}
      columns={[
        { header: t('claims_payments.payment_no'), cell: (payment) => String(payment.paymentNo), rowHeader: true },
        { header: t('claims_payments.amount'), cell: (payment) => moneyText(locale, payment.amount), numeric: true },
        { header: t('claims_payments.payee'), cell: (payment) => payeeText(locale, payment) },
        {
          header: t('claims_payments.lines'),
          cell: (payment) => (payment.lineNos.length > 0 ? payment.lineNos.join(', ') : t('claims_payments.on_account')),
        },
        {
          header: t('claims_payments.status'),
          cell: (payment) => (
            <>
              {t(statusKey(payment))}
              {payment.issuedOn ? ` — ${dayText(locale, payment.issuedOn)}` : ''}
              {payment.decidedBy && payment.status === 'issued' ? <p class="hint">{t('claims_payments.approved_by_other')}</p> : null}
              {payment.rejectionReason ? <p class="hint">{payment.rejectionReason}</p> : null}
              {payment.coverEnded.length > 0 ? (
                <p class="hint">{t('claims_payments.cover_ended', { items: payment.coverEnded.map((cover) => cover.itemNo).join(', ') })}</p>
              ) : null}
            </>
          ),
        },
        {
          header: t('claims_payments.actions'),
          cell: (payment) =>
            canPay && payment.status === 'awaiting_approval' ? (
              <PaymentActions locale={locale} claimId={overview.claim.id} payment={payment} csrfToken={csrfToken} state={state} />
            ) : (
              ''
            ),
        },
      ]}
    />
  );
}

function PaymentForm({ locale, overview, csrfToken, state }: { locale: Locale; overview: PaymentsOverview; csrfToken: string; state: SectionFormState }) {
  const t = translator(locale);
  const values = valuesFor(state, 'payment', { payee: 'insured' });
  const errors = state.form === 'payment' ? state.errors : [];
  const lines = overview.worksheet?.lines ?? [];
  return (
    <Form action={paymentPaths.pay(overview.claim.id)} csrfToken={csrfToken} aria-label={t('claims_payments.new_payment')}>
      <ErrorSummary locale={locale} errors={errors} />
      <CheckboxGroup
        locale={locale}
        name="paymentLines"
        legend={t('claims_payments.form.lines')}
        hint={t('claims_payments.form.lines_hint')}
        options={lines.map((line) => ({
          value: String(line.lineNo),
          label: t('claims_payments.form.line', { lineNo: line.lineNo, description: line.description, amount: moneyText(locale, line.payable) }),
          ...(line.totalLoss ? { hint: t('claims_payments.form.total_loss_hint') } : {}),
        }))}
        selected={state.form === 'payment' ? (state.values.paymentLines ?? '').split(',') : []}
        error={errorFor(errors, 'paymentLines')}
      />
      <Field
        locale={locale}
        name="paymentAmount"
        label={t('claims_payments.form.amount')}
        hint={t('claims_payments.form.amount_hint')}
        optional
        inputMode="decimal"
        width="short"
        value={values.paymentAmount}
        error={errorFor(errors, 'paymentAmount')}
      />
      <RadioGroup
        locale={locale}
        name="payee"
        legend={t('claims_payments.payee')}
        options={(['insured', 'loss_payee', 'jeweler'] as const).map((kind) => ({ value: kind, label: t(`claims_payments.form.payee.${kind}`) }))}
        selected={[values.payee ?? 'insured']}
        error={errorFor(errors, 'payee')}
      />
      {overview.jewelers.length > 0 ? (
        <SelectField
          locale={locale}
          name="payeeJeweler"
          label={t('claims_payments.form.jeweler')}
          options={overview.jewelers.map((jeweler) => ({ value: jeweler.userId, label: jeweler.name }))}
          value={values.payeeJeweler}
          placeholder={t('claims_payments.form.no_jeweler')}
          error={errorFor(errors, 'payeeJeweler')}
        />
      ) : null}
      <Field locale={locale} name="paymentReference" label={t('claims_payments.form.reference')} optional width="medium" value={values.paymentReference} />
      <Button>{t('claims_payments.form.pay')}</Button>
    </Form>
  );
}

export type PaymentsBodyProps = {
  locale: Locale;
  overview: PaymentsOverview;
  csrfToken: string;
  canPay: boolean;
  canHandle: boolean;
  state?: SectionFormState;
  done?: string | undefined;
};

export function PaymentsBody({ locale, overview, csrfToken, canPay, canHandle, state = EMPTY_STATE, done }: PaymentsBodyProps) {
  const t = translator(locale);
  return (
    <>
      {done ? <Panel kind="success">{done}</Panel> : null}
      <LedgerSummary locale={locale} overview={overview} />
      <h3>{t('claims_payments.reserve.title')}</h3>
      <ReserveHistory locale={locale} entries={overview.reserve.entries} timeZone={overview.claim.timeZone} />
      {canHandle ? <ReserveForms locale={locale} claimId={overview.claim.id} csrfToken={csrfToken} state={state} /> : null}
      <h3>{t('claims_payments.payments')}</h3>
      <PaymentsTable locale={locale} overview={overview} canPay={canPay} csrfToken={csrfToken} state={state} />
      {canPay && overview.worksheet ? (
        <>
          <h3>{t('claims_payments.new_payment')}</h3>
          <PaymentForm locale={locale} overview={overview} csrfToken={csrfToken} state={state} />
        </>
      ) : null}
      {canPay && !overview.worksheet ? <p>{t('claims_payments.error.no_worksheet')}</p> : null}
    </>
  );
}
