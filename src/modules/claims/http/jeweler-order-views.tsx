import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/db/schema.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, Panel, RadioGroup, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimItem } from '../claims-repository.ts';
import type { ActiveUser, JewelerOrder } from '../jeweler-order-repository.ts';
import { instantDayText, moneyText } from '../settlement-words.ts';
import { EMPTY_STATE, type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * Repair and replacement orders (JPF-SETTLE-2): the adjuster's view on the claim 360 view (section 70) and on its own
 * page — every order, its jeweler and progress, the form to send one and to cancel an open one — and the insured's
 * view of the repair or replacement in plain words.
 */

export const ORDERS_SECTION_ID = 'jeweler-orders';

export const orderPaths = {
  page: (claimId: string) => `/backoffice/claims/${claimId}/jeweler-orders`,
  send: (claimId: string) => `/backoffice/claims/${claimId}/jeweler-orders`,
  cancel: (claimId: string, orderId: string) => `/backoffice/claims/${claimId}/jeweler-orders/${orderId}/cancel`,
};

function CancelForm({
  locale,
  claimId,
  order,
  csrfToken,
  state,
}: {
  locale: Locale;
  claimId: string;
  order: JewelerOrder;
  csrfToken: string;
  state: SectionFormState;
}) {
  const t = translator(locale);
  const form = `cancel:${order.id}`;
  const name = `cancelReason${order.orderNo}`;
  const errors = state.form === form ? state.errors : [];
  return (
    <Form action={orderPaths.cancel(claimId, order.id)} csrfToken={csrfToken} aria-label={t('claims_payments.orders.cancel_n', { n: order.orderNo })}>
      <ErrorSummary locale={locale} errors={errors} />
      <Field
        locale={locale}
        name={name}
        label={t('claims_payments.orders.cancel_reason_n', { n: order.orderNo })}
        value={valuesFor(state, form, {})[name]}
        error={errorFor(errors, name)}
      />
      <Button variant="secondary" aria-label={t('claims_payments.orders.cancel_n', { n: order.orderNo })}>
        {t('claims_payments.orders.cancel')}
      </Button>
    </Form>
  );
}

function progressText(locale: Locale, order: JewelerOrder, timeZone: string): string {
  const t = translator(locale);
  const day = (instant: string | null) => (instant ? instantDayText(locale, instant, timeZone) : '');
  switch (order.status) {
    case 'sent':
      return t('claims_payments.orders.progress.sent', { date: day(order.sentAt) });
    case 'accepted':
      return t('claims_payments.orders.progress.accepted', { date: day(order.acceptedAt) });
    case 'completed':
      return t('claims_payments.orders.progress.completed', { date: day(order.completedAt) });
    case 'cancelled':
      return t('claims_payments.orders.progress.cancelled', { date: day(order.cancelledAt) });
  }
}

export function OrdersTable({
  locale,
  orders,
  timeZone,
  actions,
}: {
  locale: Locale;
  orders: readonly JewelerOrder[];
  timeZone: string;
  actions?: (order: JewelerOrder) => ComponentChildren;
}) {
  const t = translator(locale);
  return (
    <Table
      // Inside the card titled "Repair and replacement orders": a region name of its own (axe landmark-unique).
      caption={t('claims_payments.orders.caption')}
      rows={orders}
      rowKey={(order) => order.id}
      empty={t('claims_payments.orders.none')}
      columns={[
        { header: t('claims_payments.orders.order_no'), cell: (order) => String(order.orderNo), rowHeader: true },
        { header: t('claims_payments.orders.jeweler'), cell: (order) => order.jewelerName },
        { header: t('claims_payments.orders.kind'), cell: (order) => t(`claims_payments.orders.kind.${order.kind}`) },
        { header: t('claims_payments.orders.item'), cell: (order) => order.itemDescription },
        {
          header: t('claims_payments.orders.status'),
          cell: (order) => (
            <>
              {progressText(locale, order, timeZone)}
              {order.collectDeductible && order.deductible ? (
                <p class="hint">{t('claims_payments.orders.collects_deductible', { amount: moneyText(locale, order.deductible) })}</p>
              ) : null}
              {order.invoiceAmount ? <p class="hint">{t('claims_payments.orders.invoice', { amount: moneyText(locale, order.invoiceAmount) })}</p> : null}
              {order.cancelReason ? <p class="hint">{order.cancelReason}</p> : null}
            </>
          ),
        },
        ...(actions ? [{ header: t('claims_payments.actions'), cell: actions }] : []),
      ]}
    />
  );
}

function SendForm({
  locale,
  claimId,
  items,
  jewelers,
  csrfToken,
  state,
}: {
  locale: Locale;
  claimId: string;
  items: readonly ClaimItem[];
  jewelers: readonly ActiveUser[];
  csrfToken: string;
  state: SectionFormState;
}) {
  const t = translator(locale);
  const values = valuesFor(state, 'order', { orderKind: 'replace' });
  const errors = state.form === 'order' ? state.errors : [];
  return (
    <Form action={orderPaths.send(claimId)} csrfToken={csrfToken} aria-label={t('claims_payments.orders.send')}>
      <ErrorSummary locale={locale} errors={errors} />
      <SelectField
        locale={locale}
        name="orderJeweler"
        label={t('claims_payments.orders.jeweler')}
        hint={t('claims_payments.orders.jeweler_hint')}
        options={jewelers.map((jeweler) => ({ value: jeweler.id, label: jeweler.displayName }))}
        value={values.orderJeweler}
        placeholder={t('claims_payments.orders.choose_jeweler')}
        error={errorFor(errors, 'orderJeweler')}
      />
      <RadioGroup
        locale={locale}
        name="orderKind"
        legend={t('claims_payments.orders.kind')}
        options={(['repair', 'replace'] as const).map((kind) => ({ value: kind, label: t(`claims_payments.orders.kind.${kind}`) }))}
        selected={[values.orderKind ?? 'replace']}
        error={errorFor(errors, 'orderKind')}
      />
      <SelectField
        locale={locale}
        name="orderLine"
        label={t('claims_payments.orders.item')}
        options={items.map((item) => ({ value: String(item.lineNo), label: `${item.lineNo}. ${item.description}` }))}
        value={values.orderLine}
        error={errorFor(errors, 'orderLine')}
      />
      <Field
        locale={locale}
        name="orderInstructions"
        label={t('claims_payments.orders.instructions')}
        hint={t('claims_payments.orders.instructions_hint')}
        multiline
        rows={3}
        value={values.orderInstructions}
        error={errorFor(errors, 'orderInstructions')}
      />
      <CheckboxGroup
        locale={locale}
        name="orderCollectDeductible"
        legend={t('claims_payments.orders.deductible_option')}
        options={[{ value: 'yes', label: t('claims_payments.orders.collect_deductible') }]}
        selected={values.orderCollectDeductible === 'yes' ? ['yes'] : []}
      />
      <Field
        locale={locale}
        name="orderPhone"
        label={t('claims_payments.orders.phone')}
        hint={t('claims_payments.orders.phone_hint')}
        type="tel"
        optional
        width="medium"
        value={values.orderPhone}
        error={errorFor(errors, 'orderPhone')}
      />
      <Button>{t('claims_payments.orders.send')}</Button>
    </Form>
  );
}

export type OrdersBodyProps = {
  locale: Locale;
  claim: { id: string; timeZone: string; items: readonly ClaimItem[] };
  orders: readonly JewelerOrder[];
  jewelers: readonly ActiveUser[];
  csrfToken: string;
  canHandle: boolean;
  state?: SectionFormState;
};

export function OrdersBody({ locale, claim, orders, jewelers, csrfToken, canHandle, state = EMPTY_STATE }: OrdersBodyProps) {
  const t = translator(locale);
  const open = (order: JewelerOrder) => order.status === 'sent' || order.status === 'accepted';
  return (
    <>
      <p>{t('claims_payments.orders.lead')}</p>
      <OrdersTable
        locale={locale}
        orders={orders}
        timeZone={claim.timeZone}
        {...(canHandle
          ? {
              actions: (order: JewelerOrder) =>
                open(order) ? <CancelForm locale={locale} claimId={claim.id} order={order} csrfToken={csrfToken} state={state} /> : '',
            }
          : {})}
      />
      {canHandle ? (
        <>
          <h3>{t('claims_payments.orders.send')}</h3>
          <SendForm locale={locale} claimId={claim.id} items={claim.items} jewelers={jewelers} csrfToken={csrfToken} state={state} />
        </>
      ) : null}
    </>
  );
}

/** The insured's view: who repairs or replaces what, how far it is, and the deductible the jeweler collects. */
export function RepairProgress({ locale, orders, timeZone }: { locale: Locale; orders: readonly JewelerOrder[]; timeZone: string }) {
  const t = translator(locale);
  const shown = orders.filter((order) => order.status !== 'cancelled');
  if (shown.length === 0) return null;
  return (
    <ul>
      {shown.map((order) => (
        <li key={order.id}>
          <p>
            {t(`claims_payments.portal.order.${order.kind}`, { jeweler: order.jewelerName, item: order.itemDescription })}{' '}
            {progressText(locale, order, timeZone)}
          </p>
          {order.collectDeductible && order.deductible ? (
            <Panel kind="info">
              {t('claims_payments.portal.collects_deductible', { jeweler: order.jewelerName, amount: moneyText(locale, order.deductible) })}
            </Panel>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
