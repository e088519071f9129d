import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { type AddedNewPurchase, reportNewPurchase } from '../use-cases/report-new-purchase.ts';

/** Newly purchased jewelry (JPF-ADD-1) as a policy transaction, registered from api-routes.ts. */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const policyParam = z.object({ id: z.uuid() }).strict();
const decimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'a decimal number like 5000.00');

const newPurchaseBody = z
  .object({
    description: z.string().trim().min(3).max(500),
    category: z.string().min(1).max(40),
    coverageAmount: decimalText.describe('In the policy’s currency'),
    purchaseDate: isoDate.describe('Within the policy period; cover runs from this date'),
    receiptReceivedOn: isoDate.describe('The day the sales receipt was received'),
    appraisalReceivedOn: isoDate.describe('The day the appraisal was received'),
    keptInSafe: z.boolean().default(false).describe('Kept in a safe when not worn'),
    receiptFileId: z.uuid().optional().describe('The sales receipt, uploaded with POST /api/v1/files?purpose=receipt'),
    appraisalFileId: z.uuid().optional().describe('The appraisal, uploaded with POST /api/v1/files?purpose=appraisal'),
  })
  .strict();

const newPurchaseSchema = z.object({
  policyId: z.uuid(),
  itemNo: z.number().int(),
  transactionId: z.uuid(),
  invoiceId: z.uuid().nullable(),
  coverFrom: isoDate.describe('JPF-ADD-1: the purchase date'),
  reportedDate: isoDate.describe('The day the last of the written request (today), receipt and appraisal arrived'),
  daysAfterPurchase: z.number().int(),
  premiumDays: z.number().int().describe('Purchase date to the last day of the period, both included'),
  itemTermPremium: money.describe('The item’s premium for a whole term, rated as of the purchase date'),
  premium: money.describe('Charged now: the term premium pro rata by day, half-up'),
});

function newPurchaseJson(added: AddedNewPurchase) {
  const { accepted } = added;
  return {
    policyId: added.policyId,
    itemNo: added.itemNo,
    transactionId: added.transactionId,
    invoiceId: added.invoiceId,
    coverFrom: accepted.coverFrom.toString(),
    reportedDate: accepted.reportedDate.toString(),
    daysAfterPurchase: accepted.daysAfterPurchase,
    premiumDays: accepted.premiumDays,
    itemTermPremium: added.itemTermPremium.toJSON(),
    premium: added.premium.toJSON(),
  };
}

export function registerNewPurchaseRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.post(
    '/api/v1/policies/:id/new-purchases',
    {
      schema: {
        ...tags,
        summary: 'Report newly purchased jewelry (JPF-ADD-1; holder or their agent): added from the purchase date, premium pro rata, endorsement invoice',
        description:
          'The written request is this report, received today. A report completed more than 30 days after the purchase answers 422 ' +
          '`reported_after_30_days`; a purchase outside the period 422 `purchased_before_period` / `purchased_after_period`; ' +
          'nothing is written then. A cancelled policy answers 409 `policy_cancelled`.',
        params: policyParam,
        body: newPurchaseBody,
        response: { 201: newPurchaseSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(newPurchaseJson(await reportNewPurchase(deps, request.actor, request.params.id, request.body, originOf(request)))),
  );
}
