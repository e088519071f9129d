import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { instantText, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { readAgentBook } from '../use-cases/read-agent-book.ts';
import { type Policy360, readPolicy360 } from '../use-cases/read-policy-360.ts';
import { SEARCH_PAGE, searchPolicies } from '../use-cases/search-policies.ts';

/**
 * The JSON API behind the back office's search and policy 360 view and the agent's clients (issue #3,
 * "Everything in the UI is also in the API"), registered from api-routes.ts.
 */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const policyStatus = z.enum(['in_force', 'cancelled', 'expired', 'void']);
const person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

const searchQuery = z
  .object({ q: z.string().optional().describe('2 to 100 characters; an empty, too short or too long query answers 422 search_query_invalid') })
  .strict();

const searchResult = z.object({
  query: z.string(),
  items: z.array(
    z.object({
      id: z.uuid(),
      policyNumber: z.string(),
      status: policyStatus,
      firstDay: isoDate,
      lastDay: isoDate,
      namedInsureds: z.array(z.string()),
      holder: z.object({ name: z.string(), email: z.string() }),
      matched: z.array(z.enum(['policy_number', 'email', 'name', 'item'])),
    }),
  ),
  more: z.boolean().describe(`More than ${SEARCH_PAGE} policies match: search more precisely`),
});

const overviewQuery = z.object({ asOf: isoDate.optional().describe('Show the policy as of this date') }).strict();

const overviewSchema = z.object({
  id: z.uuid(),
  policyNumber: z.string(),
  status: policyStatus,
  firstDay: isoDate,
  lastDay: isoDate,
  timeZone: z.string(),
  premium: money,
  issuedAt: instantText,
  holder: person.nullable(),
  agent: person.nullable(),
  product: z.object({ code: z.string(), name: z.string(), version: z.number().int(), effectiveFrom: isoDate }).nullable(),
  namedInsureds: z.array(z.string()),
  otherInsureds: z.array(z.object({ name: z.string(), relation: z.string() })),
  mailingAddress: z.object({ street: z.string(), city: z.string(), state: z.string(), postalCode: z.string(), country: z.string() }),
  deductible: money,
  lossPayee: z.object({ name: z.string(), address: z.string().nullable() }).nullable(),
  asOf: isoDate.nullable(),
  schedule: z.array(
    z.object({
      itemNo: z.number().int(),
      description: z.string(),
      category: z.string(),
      coverageAmount: money,
      setId: z.string().nullable(),
      possessor: z.string().nullable(),
      appraisalDate: isoDate.nullable(),
      keptInSafe: z.boolean(),
      purchaseDate: isoDate.nullable(),
      addedOn: isoDate,
      removedOn: isoDate.nullable(),
      onScheduleAsOf: z.enum(['on', 'not_yet', 'removed']).describe('On the schedule on asOf (without asOf: at the end of the period)'),
    }),
  ),
  transactions: z
    .array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        effectiveDate: isoDate,
        recordedAt: instantText,
        premiumChange: money,
        reversed: z.boolean(),
        details: z.record(z.string(), z.unknown()),
      }),
    )
    .describe('Effective on or before asOf, in effective-date order'),
  worksheet: z.record(z.string(), z.unknown()).describe('The rating worksheet of the application'),
  billing: z
    .object({
      invoices: z.array(z.object({ id: z.uuid(), structuredReference: z.string(), issuedOn: isoDate, dueOn: isoDate, status: z.string(), amount: money })),
      refunds: z.array(z.object({ id: z.uuid(), reason: z.string(), status: z.string(), amount: money, createdAt: instantText })),
      balance: z.object({ invoiced: money, paid: money, outstanding: money, refundsPayable: money }).nullable(),
    })
    .nullable()
    .describe('Null for readers without billing:read'),
  documents: z.array(z.object({ id: z.uuid(), kind: z.string(), locale: z.string(), createdAt: instantText, contentUrl: z.string() })),
});

const bookSchema = z.object({
  clients: z.array(
    person.extend({
      applications: z.array(
        z.object({
          id: z.uuid(),
          status: z.string(),
          namedInsureds: z.array(z.string()),
          premium: money,
          submittedAt: instantText,
          policy: z.object({ id: z.uuid(), policyNumber: z.string(), status: policyStatus, firstDay: isoDate, lastDay: isoDate }).nullable(),
        }),
      ),
    }),
  ),
});

export function overviewJson(view: Policy360) {
  const { policy } = view;
  const { application } = policy;
  return {
    id: policy.id,
    policyNumber: policy.policyNumber,
    status: policy.status,
    firstDay: policy.firstDay,
    lastDay: policy.lastDay,
    timeZone: policy.timeZone,
    premium: policy.premium.toJSON(),
    issuedAt: policy.issuedAt,
    holder: view.holder,
    agent: view.agent,
    product: view.product,
    namedInsureds: application.namedInsureds,
    otherInsureds: application.otherInsureds,
    mailingAddress: application.mailingAddress,
    deductible: application.deductible.toJSON(),
    lossPayee: application.lossPayee,
    asOf: view.asOf,
    schedule: view.schedule.map((item) => ({
      itemNo: item.itemNo,
      description: item.description,
      category: item.category,
      coverageAmount: item.coverageAmount.toJSON(),
      setId: item.setId,
      possessor: item.possessor,
      appraisalDate: item.appraisalDate,
      keptInSafe: item.keptInSafe,
      purchaseDate: item.purchaseDate ?? null,
      addedOn: item.addedOn,
      removedOn: item.removedOn ?? null,
      onScheduleAsOf: item.mark.kind,
    })),
    transactions: view.transactions.map((transaction) => ({
      id: transaction.id,
      kind: transaction.kind,
      effectiveDate: transaction.effectiveDate,
      recordedAt: transaction.recordedAt,
      premiumChange: transaction.premiumChange.toJSON(),
      reversed: transaction.reversedBy !== null,
      details: transaction.details,
    })),
    worksheet: application.worksheet as unknown as Record<string, unknown>,
    billing: view.billing && {
      invoices: view.billing.invoices.map((invoice) => ({
        id: invoice.id,
        structuredReference: invoice.structuredReference,
        issuedOn: invoice.issuedOn,
        dueOn: invoice.dueOn,
        status: invoice.status,
        amount: { amount: invoice.amount, currency: invoice.currency },
      })),
      refunds: view.billing.refunds.map((refund) => ({
        id: refund.id,
        reason: refund.reason,
        status: refund.status,
        amount: { amount: refund.amount, currency: refund.currency },
        createdAt: refund.createdAt,
      })),
      balance: view.billing.balance && {
        invoiced: view.billing.balance.invoiced.toJSON(),
        paid: view.billing.balance.paid.toJSON(),
        outstanding: view.billing.balance.outstanding.toJSON(),
        refundsPayable: view.billing.balance.refundsPayable.toJSON(),
      },
    },
    documents: view.documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      locale: document.locale,
      createdAt: document.createdAt,
      contentUrl: `/api/v1/documents/${document.id}/content`,
    })),
  };
}

export function registerSearchRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }): void {
  app.get(
    '/api/v1/policies/search',
    {
      schema: {
        ...tags,
        summary: 'Search policies by number or holder email (prefix) and by named insured or item (word prefixes); staff',
        description: `At most ${SEARCH_PAGE} policies, in policy-number order. Needs policies:read_all (staff).`,
        querystring: searchQuery,
        response: { 200: searchResult, ...problemResponses },
      },
    },
    async (request) => {
      const result = await searchPolicies(deps, request.actor, request.query.q);
      return {
        query: result.query,
        more: result.more,
        items: result.items.map(({ holderName, holderEmail, ...hit }) => ({ ...hit, holder: { name: holderName, email: holderEmail } })),
      };
    },
  );
  app.get(
    '/api/v1/policies/:id/overview',
    {
      schema: {
        ...tags,
        summary: 'The policy 360 view for staff: schedule, transactions, worksheet, billing and documents, optionally as of a date',
        description: 'A policy out of reach answers 404; within reach, readers without policies:read_all get 403.',
        params: uuidParam,
        querystring: overviewQuery,
        response: { 200: overviewSchema, ...problemResponses },
      },
    },
    async (request) => overviewJson(await readPolicy360(deps, request.actor, request.params.id, { asOf: request.query.asOf })),
  );
  app.get(
    '/api/v1/agent/clients',
    {
      schema: {
        ...tags,
        summary: 'An agent’s clients: the applications the agent made for each, with the policy each was bound into',
        response: { 200: bookSchema, ...problemResponses },
      },
    },
    async (request) => ({
      clients: (await readAgentBook(deps, request.actor)).map((client) => ({
        id: client.client.id,
        name: client.client.name,
        email: client.client.email,
        applications: client.applications.map((entry) => ({
          id: entry.applicationId,
          status: entry.applicationStatus,
          namedInsureds: entry.namedInsureds,
          premium: entry.premium.toJSON(),
          submittedAt: entry.submittedAt,
          policy: entry.policy,
        })),
      })),
    }),
  );
}
