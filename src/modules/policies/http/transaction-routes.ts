import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { instantText, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { getPolicyTransaction, listPolicyTransactions, type PolicyTransactionView } from '../use-cases/read-policy-transactions.ts';

/** The policy's transactions (JPF-COND-6: every change is a recorded policy transaction), registered from api-routes.ts. */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const transactionParams = z.object({ id: z.uuid(), transactionId: z.uuid() }).strict();

const transactionSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  kind: z.enum(['issue', 'cancellation', 'new_purchase', 'endorsement', 'reinstatement', 'void', 'assignment', 'renewal', 'total_loss']),
  effectiveDate: isoDate.describe('The change applies from 00:01 in the insured’s time zone on this day'),
  recordedAt: instantText,
  sequenceNo: z.number().int().describe('The order the policy’s transactions were recorded in (1 = issue)'),
  premiumChange: money.describe('Pro rata by day; negative for a return of premium'),
  details: z.record(z.string(), z.unknown()).describe('What the kind records, e.g. the refund terms of a cancellation'),
  itemChanges: z.array(z.unknown()).describe("[{op:'add'|'change', itemNo, item}, {op:'remove', itemNo}, {op:'remove_named_insured', name}]"),
  reversedBy: z.uuid().nullable().describe('The reinstatement that reversed this cancellation'),
  insurerNotice: z
    .object({
      date: isoDate,
      days: z.number().int(),
      source: z.enum(['product_default', 'state_rule']),
      state: z.string(),
      earliestEffectiveDate: isoDate,
      mailedAt: instantText,
      name: z.string(),
      address: z.string(),
    })
    .nullable()
    .describe('JPF-CANCEL-2 / JPF-COND-2: the insurer’s written notice of cancellation, as mailed'),
});

function transactionJson(transaction: PolicyTransactionView) {
  const { insurerNotice, premiumChange, ...rest } = transaction;
  return {
    ...rest,
    premiumChange: premiumChange.toJSON(),
    insurerNotice: insurerNotice && {
      date: insurerNotice.date,
      days: insurerNotice.days,
      source: insurerNotice.source,
      state: insurerNotice.state,
      earliestEffectiveDate: insurerNotice.earliestEffectiveDate,
      mailedAt: insurerNotice.mailedAt,
      name: insurerNotice.name,
      address: insurerNotice.address,
    },
  };
}

export function registerTransactionRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.get(
    '/api/v1/policies/:id/transactions',
    {
      schema: {
        ...tags,
        summary: 'The policy’s transactions in the order they were recorded (JPF-COND-6; whoever may see the policy)',
        params: uuidParam,
        response: { 200: z.object({ items: z.array(transactionSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listPolicyTransactions(deps, request.actor, request.params.id)).map(transactionJson) }),
  );
  app.get(
    '/api/v1/policies/:id/transactions/:transactionId',
    {
      schema: {
        ...tags,
        summary: 'One transaction of the policy',
        params: transactionParams,
        response: { 200: transactionSchema, ...problemResponses },
      },
    },
    async (request) => transactionJson(await getPolicyTransaction(deps, request.actor, request.params.id, request.params.transactionId)),
  );
}
