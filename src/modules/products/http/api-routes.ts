import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { worksheetToJson } from '../domain/rating-worksheet.ts';
import type { RateTableSummary } from '../products-repository.ts';
import { activateRateTable } from '../use-cases/activate-rate-table.ts';
import { rateQuote } from '../use-cases/rate-quote.ts';
import { getProduct, listProducts } from '../use-cases/read-products.ts';
import { getRateTable, listRateTables } from '../use-cases/read-rate-tables.ts';
import { uploadRateTable } from '../use-cases/upload-rate-table.ts';
import {
  activateRateTableBody,
  productCodeParam,
  productDetailSchema,
  productQuery,
  productSummarySchema,
  rateBody,
  rateTableDetailSchema,
  rateTableSchema,
  uploadRateTableBody,
  worksheetSchema,
} from './api-schemas.ts';
import { registerVersionRoutes } from './version-routes.ts';

/** JSON API of the products module (issue #3, "Products and rating"). */
export const productsApi: HttpModule = {
  name: 'products-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const products = { tags: ['Products and rating'], security };

    app.get(
      '/api/v1/products',
      {
        schema: {
          ...products,
          summary: 'Products on sale, with the version in force today',
          response: { 200: z.object({ items: z.array(productSummarySchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listProducts(deps, request.actor) }),
    );
    app.get(
      '/api/v1/products/:code',
      {
        schema: {
          ...products,
          summary: 'A product with its version in force: item categories, coverages, deductible options, rules',
          params: productCodeParam,
          querystring: productQuery,
          response: { 200: productDetailSchema, ...problemResponses },
        },
      },
      async (request) => getProduct(deps, request.actor, request.params.code, request.query.asOf),
    );
    app.post(
      '/api/v1/products/:code/rate',
      {
        schema: {
          ...products,
          summary: 'Rate items (the instant premium): the rating worksheet with every factor, table version and amount',
          description: 'Nothing is stored. Items that cannot be rated answer 422 `not_ratable` with one error per field.',
          params: productCodeParam,
          body: rateBody,
          response: { 200: worksheetSchema, ...problemResponses },
        },
      },
      async (request) => worksheetToJson(await rateQuote(deps, request.actor, { productCode: request.params.code, ...request.body })),
    );
    app.get(
      '/api/v1/products/:code/rate-tables',
      {
        schema: {
          ...products,
          summary: 'Every version of the product’s rate tables, drafts included (staff)',
          params: productCodeParam,
          response: { 200: z.object({ items: z.array(rateTableSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listRateTables(deps, request.actor, request.params.code)).map(toJson) }),
    );
    app.post(
      '/api/v1/products/:code/rate-tables',
      {
        schema: {
          ...products,
          summary: 'Upload a rate table as CSV: a new draft version (underwriter, admin; Idempotency-Key supported)',
          description: 'The whole file is validated first; with any error, 422 `rate_table_invalid` lists every error by line and nothing is saved.',
          headers: idempotencyHeaders,
          params: productCodeParam,
          body: uploadRateTableBody,
          response: { 201: rateTableSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({
            status: 201,
            body: toJson(await uploadRateTable(inner, request.actor, { productCode: request.params.code, ...request.body }, originOf(request))),
          })),
        ),
    );
    app.get(
      '/api/v1/rate-tables/:id',
      {
        schema: {
          ...products,
          summary: 'One rate table version with its rows (staff)',
          params: uuidParam,
          response: { 200: rateTableDetailSchema, ...problemResponses },
        },
      },
      async (request) => {
        const table = await getRateTable(deps, request.actor, request.params.id);
        return { ...toJson(table), rows: table.rows };
      },
    );
    app.post(
      '/api/v1/rate-tables/:id/activate',
      {
        schema: {
          ...products,
          summary: 'Activate a draft rate table from an effective date (underwriter, admin)',
          description: 'Earlier dates keep rating with the version in force before. An active table is never changed; upload a new version instead.',
          params: uuidParam,
          body: activateRateTableBody,
          response: { 200: rateTableSchema, ...problemResponses },
        },
      },
      async (request) => toJson(await activateRateTable(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    registerVersionRoutes(app, deps);
  },
};

function toJson({ productId: _productId, productCode, ...table }: RateTableSummary) {
  return { ...table, product: productCode };
}

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
