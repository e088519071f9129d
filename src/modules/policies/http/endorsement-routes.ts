import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import type { EndorsementRequest } from '../endorsement-repository.ts';
import { itemToJson } from '../timeline-repository.ts';
import { endorsementTermsJson } from '../use-cases/endorsement-terms.ts';
import { previewEndorsement } from '../use-cases/preview-endorsement.ts';
import { getPolicyAsOf, listPolicyEndorsements } from '../use-cases/read-policy-as-of.ts';
import { type EndorsementRequestState, requestEndorsement } from '../use-cases/request-endorsement.ts';
import { signEndorsement } from '../use-cases/sign-endorsement.ts';

/** Endorsements (JPF-COND-9) and the policy as of a date (decision 0009), registered from api-routes.ts. */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const policyParam = z.object({ id: z.uuid() }).strict();
const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() }).strict();
const amountText = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount like 5000.00')
  .refine((text) => Number(text) > 0, 'more than zero');
const itemNo = z.number().int().min(1).max(10_000);
const appraisal = {
  appraisalDate: isoDate.describe('JPF-COND-9: the date of the appraisal that supports the change'),
  appraisedBy: z.string().trim().min(2).max(200).describe('JPF-COND-9: the selling or an approved jeweler who made the appraisal'),
  appraisalFileId: z.uuid().optional().describe('The appraisal, uploaded with POST /api/v1/files?purpose=appraisal'),
};

const change = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('add'),
      description: z.string().trim().min(3).max(500),
      category: z.string().min(1).max(40),
      coverageAmount: amountText,
      keptInSafe: z.boolean().default(false),
      setId: z.string().trim().min(1).max(40).nullable().optional(),
      possessor: z.string().trim().min(1).max(200).nullable().optional(),
      ...appraisal,
    })
    .strict(),
  z
    .object({
      op: z.literal('change'),
      itemNo,
      description: z.string().trim().min(3).max(500).optional(),
      category: z.string().min(1).max(40).optional(),
      coverageAmount: amountText.optional(),
      keptInSafe: z.boolean().optional(),
      ...appraisal,
    })
    .strict(),
  z.object({ op: z.literal('remove'), itemNo }).strict(),
  z.object({ op: z.literal('remove_named_insured'), name: z.string().trim().min(1).max(200) }).strict(),
]);

const endorsementBody = z
  .object({
    changes: z.array(change).min(1).max(20),
    postmarkDate: isoDate.optional().describe('Staff entering a mailed request: the postmark date, which becomes the effective date (may be in the past)'),
  })
  .strict();

const itemSchema = z.object({
  description: z.string(),
  category: z.string(),
  coverageAmount: z.string(),
  setId: z.string().nullable(),
  possessor: z.string().nullable(),
  appraisalDate: z.string().nullable(),
  keptInSafe: z.boolean(),
  purchaseDate: z.string().nullable(),
  appraisedBy: z.string().nullable(),
  annualPremium: z.string().describe('The item’s premium for a whole term'),
});
const itemChangeSchema = z.union([
  z.object({ op: z.enum(['add', 'change']), itemNo: z.number().int(), item: itemSchema }),
  z.object({ op: z.literal('remove'), itemNo: z.number().int() }),
  z.object({ op: z.literal('remove_named_insured'), name: z.string() }),
]);

const termsSchema = z.object({
  effectiveDate: isoDate.describe('Cover changes at 00:01 local time on this date'),
  requestedOn: isoDate.describe('The postmark or submission date'),
  receivedVia: z.enum(['portal', 'api', 'mail']),
  premiumChange: money.describe('Term premium after − before: each item version is charged for its own days (pro rata by day)'),
  termPremiumBefore: money,
  termPremiumAfter: money,
  signaturesRequired: z.boolean().describe('Removals need every named insured’s signature'),
  ratingDate: isoDate.describe('Rated with the product and rates the policy was sold under'),
  changes: z.array(itemChangeSchema),
});

const signatureSchema = z.object({ namedInsured: z.string(), signedAt: z.string(), method: z.enum(['portal', 'paper', 'emailed_link']) });
const requestStateSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  effectiveDate: isoDate,
  receivedVia: z.enum(['portal', 'api', 'mail']),
  status: z.enum(['pending', 'executed', 'withdrawn']),
  namedInsureds: z.array(z.string()).describe('Who must sign (removals only)'),
  signatures: z.array(signatureSchema),
  missingSignatures: z.array(z.string()),
  terms: termsSchema,
  transactionId: z.uuid().nullable(),
  invoiceId: z.uuid().nullable(),
  refundId: z.uuid().nullable(),
});
const requestSummarySchema = z.object({
  id: z.uuid(),
  effectiveDate: isoDate,
  receivedVia: z.enum(['portal', 'api', 'mail']),
  status: z.enum(['pending', 'executed', 'withdrawn']),
  namedInsureds: z.array(z.string()),
  createdAt: z.string(),
  transactionId: z.uuid().nullable(),
});

const asOfQuery = z
  .object({ date: isoDate.optional().describe('The day to view the policy on (cover as at 00:01 local time); default today in the insured’s time zone') })
  .strict();
const asOfSchema = z.object({
  policyId: z.uuid(),
  policyNumber: z.string(),
  date: isoDate,
  status: z.enum(['not_yet_in_force', 'in_force', 'cancelled', 'void', 'ended']),
  namedInsureds: z.array(z.string()),
  schedule: z.array(itemSchema.extend({ itemNo: z.number().int() })),
  termPremium: money,
  productTerms: z
    .object({
      productVersionId: z.uuid(),
      version: z.number().int(),
      basis: z.enum(['sold', 'liberalization']),
      adoptedOn: isoDate.nullable(),
    })
    .describe('JPF-COND-3: the version whose terms govern on the date: as sold, or a later broadening revision (no extra premium)'),
  transactions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      effectiveDate: isoDate,
      recordedAt: z.string(),
      sequenceNo: z.number().int(),
      premiumChange: money,
      reversed: z.boolean(),
      inEffect: z.boolean().describe('Had taken effect on the date'),
    }),
  ),
});

function requestStateJson(state: EndorsementRequestState) {
  return {
    id: state.request.id,
    policyId: state.request.policyId,
    effectiveDate: state.request.effectiveDate,
    receivedVia: state.request.receivedVia,
    status: state.request.status,
    namedInsureds: state.request.namedInsureds,
    signatures: state.signatures.map(({ namedInsured, signedAt, method }) => ({ namedInsured, signedAt, method })),
    missingSignatures: state.missingSignatures,
    terms: endorsementTermsJson(state.terms),
    transactionId: state.executed?.transactionId ?? null,
    invoiceId: state.executed?.billing.invoiceId ?? state.executed?.billing.replacementInvoiceId ?? null,
    refundId: state.executed?.billing.refundId ?? null,
  };
}

function requestSummaryJson(request: EndorsementRequest) {
  return {
    id: request.id,
    effectiveDate: request.effectiveDate,
    receivedVia: request.receivedVia,
    status: request.status,
    namedInsureds: request.namedInsureds,
    createdAt: request.createdAt,
    transactionId: request.policyTransactionId,
  };
}

export function registerEndorsementRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.post(
    '/api/v1/policies/:id/endorsement-preview',
    {
      schema: {
        ...tags,
        summary: 'Price a change of the schedule (JPF-COND-9) exactly as executing it would, without writing anything',
        params: policyParam,
        body: endorsementBody,
        response: { 200: termsSchema, ...problemResponses },
      },
    },
    async (request) => endorsementTermsJson(await previewEndorsement(deps, request.actor, request.params.id, request.body)),
  );
  app.post(
    '/api/v1/policies/:id/endorsements',
    {
      schema: {
        ...tags,
        summary: 'Add, change or remove items, or remove a named insured (JPF-COND-9): a written request, effective on its postmark or submission date',
        description:
          'Additions and changes need an appraisal by the selling or an approved jeweler and execute at once: a policy transaction, the ' +
          'premium change pro rata by day, an invoice or refund, a document. Removals wait for every named insured’s signature. A request ' +
          'back-dated before later changes is placed in order (out of sequence = in order); one that contradicts a later change answers 409 ' +
          '`conflicts_with_later_transaction`.',
        params: policyParam,
        body: endorsementBody,
        response: { 201: requestStateSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(requestStateJson(await requestEndorsement(deps, request.actor, request.params.id, request.body, originOf(request)))),
  );
  app.get(
    '/api/v1/policies/:id/endorsements',
    {
      schema: {
        ...tags,
        summary: 'The endorsement requests of a policy, newest first',
        params: policyParam,
        response: { 200: z.array(requestSummarySchema), ...problemResponses },
      },
    },
    async (request) => (await listPolicyEndorsements(deps, request.actor, request.params.id)).map(requestSummaryJson),
  );
  app.post(
    '/api/v1/policies/:id/endorsements/:requestId/signatures',
    {
      schema: {
        ...tags,
        summary: 'Sign a pending removal: the holder in the portal for their own name, or staff recording a named insured’s paper signature',
        description: 'The last missing signature executes the change in the same transaction.',
        params: requestParams,
        body: z.object({ namedInsured: z.string().trim().min(1).max(200).optional() }).strict(),
        response: { 200: requestStateSchema, ...problemResponses },
      },
    },
    async (request) =>
      requestStateJson(await signEndorsement(deps, request.actor, request.params.id, request.params.requestId, request.body, originOf(request))),
  );
  app.get(
    '/api/v1/policies/:id/as-of',
    {
      schema: {
        ...tags,
        summary: 'The policy as of a date, derived from its transactions: schedule, named insureds, status',
        params: policyParam,
        querystring: asOfQuery,
        response: { 200: asOfSchema, ...problemResponses },
      },
    },
    async (request) => {
      const view = await getPolicyAsOf(deps, request.actor, request.params.id, request.query.date);
      return {
        policyId: view.policy.id,
        policyNumber: view.policy.policyNumber,
        date: view.state.date.toString(),
        status: view.state.status,
        namedInsureds: [...view.state.namedInsureds],
        schedule: [...view.state.items].sort(([a], [b]) => a - b).map(([no, item]) => ({ itemNo: no, ...itemToJson(item) })),
        termPremium: view.termPremium.toJSON(),
        productTerms: {
          productVersionId: view.productTerms.productVersionId,
          version: view.productTerms.version,
          basis: view.productTerms.basis,
          adoptedOn: view.productTerms.adoptedOn,
        },
        transactions: view.transactions.map((transaction) => ({
          id: transaction.id,
          kind: transaction.kind,
          effectiveDate: transaction.effectiveDate.toString(),
          recordedAt: transaction.recordedAt,
          sequenceNo: transaction.sequenceNo,
          premiumChange: transaction.premiumChange.toJSON(),
          reversed: transaction.reversed,
          inEffect: transaction.inEffect,
        })),
      };
    },
  );
}
