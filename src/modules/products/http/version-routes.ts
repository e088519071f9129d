import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, instantText, problemResponses } from '../../../platform/http/schemas.ts';
import type { ProductVersionRecord } from '../product-versions-repository.ts';
import { publishProductVersion } from '../use-cases/publish-product-version.ts';
import { listProductVersionRecords } from '../use-cases/read-product-version-records.ts';
import { productCodeParam } from './api-schemas.ts';

/**
 * Product versions in the API (issue #3: "A product is versioned data"): the list, and publishing a
 * new version, optionally a broadening revision that applies to policies by liberalization
 * (JPF-COND-3). Registered from api-routes.ts.
 */

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');

export const publishVersionBody = z
  .object({
    definition: z
      .record(z.string(), z.unknown())
      .describe(
        'The whole definition of the new version, shaped as `version.definition` of GET /api/v1/products/{code}. Checked in full: every problem answers 422 `product_version_invalid` with one error per field, and nothing is saved.',
      ),
    effectiveFrom: isoDate.describe('First day new quotes and renewals use the version: today or later, and after the latest version’s effective date'),
    broadening: z.boolean().describe('JPF-COND-3: the revision broadens coverage without extra premium, so it applies to policies in force (liberalization)'),
    adoptedOn: isoDate
      .nullable()
      .optional()
      .describe('JPF-COND-3: the day the insurer adopted the revision, today or earlier (insurer’s calendar); required when broadening'),
  })
  .strict();

export const productVersionSchema = z.object({
  id: z.uuid(),
  product: z.string(),
  version: z.number().int(),
  effectiveFrom: isoDate,
  status: z.enum(['draft', 'active', 'retired']),
  broadening: z.boolean().describe('JPF-COND-3: a revision that broadens coverage without extra premium'),
  adoptedOn: isoDate.nullable().describe('JPF-COND-3: the day the insurer adopted the revision'),
  createdAt: instantText,
});

export function registerVersionRoutes(app: TypedApp, deps: Deps): void {
  const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
  const products = { tags: ['Products and rating'], security };

  app.get(
    '/api/v1/products/:code/versions',
    {
      schema: {
        ...products,
        summary: 'Every version of a product, newest first, with its liberalization flag (staff)',
        params: productCodeParam,
        response: { 200: z.object({ items: z.array(productVersionSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const versions = await listProductVersionRecords(deps, request.actor, request.params.code);
      return { items: versions.map((version) => versionJson(request.params.code, version)) };
    },
  );

  app.post(
    '/api/v1/products/:code/versions',
    {
      schema: {
        ...products,
        summary: 'Publish a new product version, active from its effective date (underwriter, admin; Idempotency-Key supported)',
        description:
          'Issued policies keep the version they were sold under. A broadening revision (JPF-COND-3) applies to every policy whose period includes its adoption day or begins within six months after it, without extra premium: see `productTerms` in GET /api/v1/policies/{id}/as-of.',
        headers: idempotencyHeaders,
        params: productCodeParam,
        body: publishVersionBody,
        response: { 201: productVersionSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      sendIdempotent(
        reply,
        await runIdempotent(deps, request, async (inner) => ({
          status: 201,
          body: versionJson(
            request.params.code,
            await publishProductVersion(inner, request.actor, { productCode: request.params.code, ...request.body }, originOf(request)),
          ),
        })),
      ),
  );
}

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}

function versionJson(product: string, { productId: _productId, ...version }: ProductVersionRecord) {
  return { ...version, product };
}
