import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Card, PageHeading } from '../../../platform/ui/components.tsx';
import { formValues, postedList, says, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { cancelJewelerOrder } from '../use-cases/cancel-jeweler-order.ts';
import { listApprovedJewelers, listJewelerOrdersOfClaim } from '../use-cases/read-jeweler-orders.ts';
import { sendJewelerOrder } from '../use-cases/send-jeweler-order.ts';
import { ORDERS_SECTION_ID, OrdersBody, orderPaths } from './jeweler-order-views.tsx';
import { backToSection } from './payment-pages.tsx';
import { EMPTY_STATE, type SectionFormState } from './section-forms.ts';

/**
 * Back-office pages of jeweler orders (JPF-SETTLE-2): the forms of the orders section (70) post here, with the same
 * use cases as the API; a refused form comes back on this part's own page with its messages.
 */

const sendLayoutPage = layoutPageSender(async () => undefined);

function idOf(value: string | undefined): string {
  if (!value || !isUuid(value)) throw problems.notFound();
  return value;
}

const orderForm = z.object({
  orderJeweler: z.string(says('claims_payments.orders.choose_jeweler')).refine(isUuid, says('claims_payments.orders.choose_jeweler')),
  orderKind: z.enum(['repair', 'replace'], says('claims_payments.form.choose')),
  orderLine: z.coerce.number(says('claims_payments.form.choose')).int().min(1, says('claims_payments.form.choose')),
  orderInstructions: z
    .string(says('claims_payments.orders.instructions_required'))
    .trim()
    .min(3, says('claims_payments.orders.instructions_required'))
    .max(2000, says('claims_payments.form.too_long')),
  orderCollectDeductible: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.literal('yes').optional()),
  orderPhone: z
    .string()
    .trim()
    .max(40, says('claims_payments.form.too_long'))
    .optional()
    .transform((value) => (value ? value : undefined)),
});
const ORDER_FIELDS: Record<string, string> = { jewelerUserId: 'orderJeweler', kind: 'orderKind', lineNo: 'orderLine', instructions: 'orderInstructions' };

async function sendOrdersPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, claimId: string, state = EMPTY_STATE, status = 200) {
  const claim = await findClaimWithItemsVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  const canHandle = can(actor, 'claims:handle');
  const [orders, jewelers] = [await listJewelerOrdersOfClaim(deps, actor, claimId), canHandle ? await listApprovedJewelers(deps, actor) : []];
  const t = translator(request.locale);
  const title = t('claims_payments.orders.page_title', { claimNumber: claim.claimNumber });
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: orderPaths.page(claimId) },
    <>
      <PageHeading title={title} caption={claim.claimNumber} />
      <p>
        <a href={`/backoffice/claims/${claimId}`}>{t('claims_payments.back_to_claim', { claimNumber: claim.claimNumber })}</a>
      </p>
      <Card id={ORDERS_SECTION_ID} title={t('claims_payments.orders.title')}>
        <OrdersBody
          locale={request.locale}
          claim={claim}
          orders={orders}
          jewelers={jewelers}
          csrfToken={request.csrfToken}
          canHandle={canHandle}
          state={state}
        />
      </Card>
    </>,
  );
}

function cancelField(request: FastifyRequest): string {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.keys(body).find((name) => /^cancelReason\d+$/.test(name)) ?? 'cancelReason';
}

export function registerJewelerOrderPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/backoffice/claims/:id/jeweler-orders', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:read_all');
    if (!actor) return reply;
    return sendOrdersPage(deps, request, reply, actor, idOf(request.params.id));
  });

  app.post<{ Params: { id: string } }>('/backoffice/claims/:id/jeweler-orders', { schema: { hide: true } }, async (request, reply) => {
    const claimId = idOf(request.params.id);
    const actor = requirePageUser(request, reply, 'claims:handle', orderPaths.page(claimId));
    if (!actor) return reply;
    const result = await submitForm(
      request,
      reply,
      orderForm,
      'orderJeweler',
      (data) =>
        sendJewelerOrder(
          deps,
          actor,
          claimId,
          {
            jewelerUserId: data.orderJeweler,
            kind: data.orderKind,
            lineNo: data.orderLine,
            instructions: data.orderInstructions,
            collectDeductible: data.orderCollectDeductible === 'yes',
            customerPhone: data.orderPhone,
          },
          originOf(request),
        ),
      { fieldName: (field) => ORDER_FIELDS[field] ?? field },
    );
    if (result.ok) return reply.redirect(backToSection(app, claimId, ORDERS_SECTION_ID, orderPaths.page(claimId)), 303);
    const values = formValues(request.body);
    values.orderCollectDeductible = postedList(request.body, 'orderCollectDeductible')[0];
    const state: SectionFormState = { form: 'order', values, errors: result.failure.errors };
    return sendOrdersPage(deps, request, reply, actor, claimId, state, result.failure.status);
  });

  app.post<{ Params: { id: string; orderId: string } }>(
    '/backoffice/claims/:id/jeweler-orders/:orderId/cancel',
    { schema: { hide: true } },
    async (request, reply) => {
      const claimId = idOf(request.params.id);
      const orderId = idOf(request.params.orderId);
      const actor = requirePageUser(request, reply, 'claims:handle', orderPaths.page(claimId));
      if (!actor) return reply;
      const field = cancelField(request);
      const schema = z.object({
        [field]: z
          .string(says('claims_payments.form.reason_required'))
          .trim()
          .min(3, says('claims_payments.form.reason_required'))
          .max(2000, says('claims_payments.form.too_long')),
      });
      const result = await submitForm(request, reply, schema, field, (data) =>
        cancelJewelerOrder(deps, actor, claimId, orderId, { reason: String(data[field]) }, originOf(request)),
      );
      if (result.ok) return reply.redirect(backToSection(app, claimId, ORDERS_SECTION_ID, orderPaths.page(claimId)), 303);
      const state: SectionFormState = { form: `cancel:${orderId}`, values: formValues(request.body), errors: result.failure.errors };
      return sendOrdersPage(deps, request, reply, actor, claimId, state, result.failure.status);
    },
  );
}
