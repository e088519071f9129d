import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Button, Card, ErrorSummary, Field, Form, fieldId, PageHeading, Panel, SummaryList } from '../../../platform/ui/components.tsx';
import { type FormError, type FormValues, formValues, says, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import type { JewelerOrder } from '../jeweler-order-repository.ts';
import { instantDayText, moneyText } from '../settlement-words.ts';
import { acceptJewelerOrder } from '../use-cases/accept-jeweler-order.ts';
import { completeJewelerOrder } from '../use-cases/complete-jeweler-order.ts';
import { listMyJewelerOrders } from '../use-cases/read-jeweler-orders.ts';

/**
 * The jeweler's portal page of repair and replacement orders (JPF-SETTLE-2), EN/NL: each order with only what the
 * jeweler needs — the claim number, the item, what to do, the customer's name, address and phone, the deductible to
 * collect — and the forms to accept it and to report it done with the invoice amount.
 */

const sendLayoutPage = layoutPageSender(async () => undefined);
export const JEWELER_ORDERS_PATH = '/portal/jeweler/orders';

type OrderForm = { orderId: string; values: FormValues; errors: readonly FormError[] };

const completeForm = z.object({
  invoiceAmount: z
    .string()
    .trim()
    .regex(/^(\d{1,11}(\.\d{1,2})?)?$/, says('claims_payments.form.amount_invalid'))
    .optional()
    .transform((value) => (value ? value : undefined)),
  note: z
    .string()
    .trim()
    .max(2000, says('claims_payments.form.too_long'))
    .optional()
    .transform((value) => (value ? value : undefined)),
});

function requireJeweler(request: FastifyRequest, reply: FastifyReply): UserActor | null {
  const actor = requirePageUser(request, reply, 'portal:enter', JEWELER_ORDERS_PATH);
  if (actor && !actor.roles.includes('jeweler')) throw problems.forbidden();
  return actor;
}

function OrderCard({ locale, order, csrfToken, form }: { locale: Locale; order: JewelerOrder; csrfToken: string; form: OrderForm | null }) {
  const t = translator(locale);
  const mine = form?.orderId === order.id ? form : null;
  const errors = mine?.errors ?? [];
  const invoiceId = fieldId(`invoiceAmount-${order.id}`);
  const noteId = fieldId(`note-${order.id}`);
  const open = order.status === 'sent' || order.status === 'accepted';
  return (
    <Card id={`order-${order.id}`} title={t('claims_payments.jeweler.order_title', { claimNumber: order.claimNumber, n: order.orderNo })} headingLevel={2}>
      <ErrorSummary locale={locale} errors={errors} />
      <SummaryList
        items={[
          { term: t('claims_payments.orders.kind'), value: t(`claims_payments.orders.kind.${order.kind}`) },
          { term: t('claims_payments.orders.item'), value: order.itemDescription },
          { term: t('claims_payments.orders.instructions'), value: order.instructions },
          { term: t('claims_payments.jeweler.customer'), value: order.customerName },
          { term: t('claims_payments.jeweler.address'), value: order.customerAddress },
          { term: t('claims_payments.orders.phone'), value: order.customerPhone ?? t('claims_payments.none') },
          { term: t('claims_payments.orders.status'), value: t(`claims_payments.jeweler.status.${order.status}`) },
          { term: t('claims_payments.jeweler.sent_on'), value: instantDayText(locale, order.sentAt, order.timeZone) },
          ...(order.invoiceAmount ? [{ term: t('claims_payments.jeweler.invoice'), value: moneyText(locale, order.invoiceAmount) }] : []),
        ]}
      />
      {order.collectDeductible && order.deductible ? (
        <Panel kind="info">{t('claims_payments.jeweler.collect_deductible', { amount: moneyText(locale, order.deductible), name: order.customerName })}</Panel>
      ) : null}
      {order.status === 'sent' ? (
        <Form
          action={`${JEWELER_ORDERS_PATH}/${order.id}/accept`}
          csrfToken={csrfToken}
          aria-label={t('claims_payments.jeweler.accept_n', { n: order.orderNo })}
        >
          <Button>{t('claims_payments.jeweler.accept')}</Button>
        </Form>
      ) : null}
      {open ? (
        <Form
          action={`${JEWELER_ORDERS_PATH}/${order.id}/complete`}
          csrfToken={csrfToken}
          aria-label={t('claims_payments.jeweler.complete_n', { n: order.orderNo })}
        >
          <Field
            locale={locale}
            id={invoiceId}
            name="invoiceAmount"
            label={t('claims_payments.jeweler.invoice_amount', { currency: order.currency })}
            optional
            inputMode="decimal"
            width="short"
            value={mine?.values.invoiceAmount}
            error={errors.find((error) => error.field === `invoiceAmount-${order.id}`)?.message}
          />
          <Field locale={locale} id={noteId} name="note" label={t('claims_payments.jeweler.note')} optional multiline rows={2} value={mine?.values.note} />
          <Button variant="secondary">{t('claims_payments.jeweler.complete')}</Button>
        </Form>
      ) : null}
    </Card>
  );
}

async function sendOrdersPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, form: OrderForm | null = null, status = 200) {
  const t = translator(request.locale);
  const orders = await listMyJewelerOrders(deps, actor);
  const title = t('claims_payments.jeweler.title');
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: JEWELER_ORDERS_PATH },
    <>
      <PageHeading title={title} lead={t('claims_payments.jeweler.lead')} />
      {orders.length === 0 ? <p>{t('claims_payments.orders.none')}</p> : null}
      {orders.map((order) => (
        <OrderCard key={order.id} locale={request.locale} order={order} csrfToken={request.csrfToken} form={form} />
      ))}
    </>,
  );
}

/** Several orders' forms share one page: each field's id carries the order's id, and so do its messages. */
function ofOrder(errors: readonly FormError[], orderId: string): FormError[] {
  return errors.map((error) => (error.field.endsWith(orderId) ? error : { ...error, field: `${error.field}-${orderId}` }));
}

function orderIdOf(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

export function registerJewelerPortalPages(app: TypedApp, deps: Deps): void {
  app.get(JEWELER_ORDERS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireJeweler(request, reply);
    if (!actor) return reply;
    return sendOrdersPage(deps, request, reply, actor);
  });

  app.post<{ Params: { id: string } }>(`${JEWELER_ORDERS_PATH}/:id/accept`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireJeweler(request, reply);
    if (!actor) return reply;
    const orderId = orderIdOf(request.params.id);
    const result = await submitForm(request, reply, z.object({}), `invoiceAmount-${orderId}`, () =>
      acceptJewelerOrder(deps, actor, orderId, originOf(request)),
    );
    if (result.ok) return reply.redirect(`${JEWELER_ORDERS_PATH}#order-${orderId}`, 303);
    return sendOrdersPage(deps, request, reply, actor, { orderId, values: {}, errors: ofOrder(result.failure.errors, orderId) }, result.failure.status);
  });

  app.post<{ Params: { id: string } }>(`${JEWELER_ORDERS_PATH}/:id/complete`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireJeweler(request, reply);
    if (!actor) return reply;
    const orderId = orderIdOf(request.params.id);
    const result = await submitForm(request, reply, completeForm, `invoiceAmount-${orderId}`, (data) =>
      completeJewelerOrder(deps, actor, orderId, { invoiceAmount: data.invoiceAmount, note: data.note }, originOf(request)),
    );
    if (result.ok) return reply.redirect(`${JEWELER_ORDERS_PATH}#order-${orderId}`, 303);
    const values = formValues(request.body, ['invoiceAmount', 'note']);
    return sendOrdersPage(deps, request, reply, actor, { orderId, values, errors: ofOrder(result.failure.errors, orderId) }, result.failure.status);
  });
}
