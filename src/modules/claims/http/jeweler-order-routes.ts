import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { acceptJewelerOrder } from '../use-cases/accept-jeweler-order.ts';
import { cancelJewelerOrder } from '../use-cases/cancel-jeweler-order.ts';
import { completeJewelerOrder } from '../use-cases/complete-jeweler-order.ts';
import { listJewelerOrdersOfClaim, listMyJewelerOrders } from '../use-cases/read-jeweler-orders.ts';
import { sendJewelerOrder } from '../use-cases/send-jeweler-order.ts';
import {
  cancelOrderBody,
  claimOrderJson,
  claimOrderSchema,
  claimParam,
  completeBody,
  jewelerOrderJson,
  jewelerOrderSchema,
  orderBody,
  orderParams,
} from './payment-schemas.ts';

/** JSON API of repair and replacement orders to jewelers (JPF-SETTLE-2), for adjusters and for the jeweler. */
export const claimJewelerOrdersApi: HttpModule = {
  name: 'claim-jeweler-orders-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = { tags: ['Claims'], security };

    app.get(
      '/api/v1/claims/:id/jeweler-orders',
      {
        schema: {
          ...tags,
          summary: 'Repair and replacement orders of the claim (a jeweler sees only orders sent to them)',
          params: claimParam,
          response: { 200: z.object({ items: z.array(claimOrderSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const staff = can(request.actor, 'claims:read_all');
        return { items: (await listJewelerOrdersOfClaim(deps, request.actor, request.params.id)).map((order) => claimOrderJson(order, staff)) };
      },
    );
    app.post(
      '/api/v1/claims/:id/jeweler-orders',
      {
        schema: {
          ...tags,
          summary: 'Send a repair or replacement order to the selling or an approved jeweler (adjusters; JPF-SETTLE-2)',
          description:
            'The order carries only the item, what to do and the customer’s name, address and phone; the disclosure is logged (PRV-DISC-3). ' +
            'A user without the jeweler role answers 422 `jeweler_not_approved`; a jeweler not in the recipient register 422 `jeweler_not_registered_recipient`.',
          params: claimParam,
          body: orderBody,
          response: { 201: claimOrderSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(claimOrderJson(await sendJewelerOrder(deps, request.actor, request.params.id, request.body, originOf(request)), true)),
    );
    app.post(
      '/api/v1/claims/:id/jeweler-orders/:orderId/cancel',
      {
        schema: {
          ...tags,
          summary: 'Cancel an open repair or replacement order, with a reason (adjusters)',
          params: orderParams,
          body: cancelOrderBody,
          response: { 200: claimOrderSchema, ...problemResponses },
        },
      },
      async (request) =>
        claimOrderJson(await cancelJewelerOrder(deps, request.actor, request.params.id, request.params.orderId, request.body, originOf(request)), true),
    );
    app.get(
      '/api/v1/jeweler/orders',
      {
        schema: {
          ...tags,
          summary: 'The jeweler’s own repair and replacement orders, newest first, with only what the jeweler needs',
          response: { 200: z.object({ items: z.array(jewelerOrderSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listMyJewelerOrders(deps, request.actor)).map(jewelerOrderJson) }),
    );
    app.post(
      '/api/v1/jeweler/orders/:id/accept',
      {
        schema: {
          ...tags,
          summary: 'The jeweler accepts an order sent to them',
          params: uuidParam,
          response: { 200: jewelerOrderSchema, ...problemResponses },
        },
      },
      async (request) => jewelerOrderJson(await acceptJewelerOrder(deps, request.actor, request.params.id, originOf(request))),
    );
    app.post(
      '/api/v1/jeweler/orders/:id/complete',
      {
        schema: {
          ...tags,
          summary: 'The jeweler reports the repair or replacement done, with their invoice amount',
          params: uuidParam,
          body: completeBody,
          response: { 200: jewelerOrderSchema, ...problemResponses },
        },
      },
      async (request) => jewelerOrderJson(await completeJewelerOrder(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
  },
};
