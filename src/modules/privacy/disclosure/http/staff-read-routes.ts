import type { FastifyReply, FastifyRequest } from 'fastify';
import { isStaff } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { auditStaffRead } from '../use-cases/audit-staff-read.ts';

/**
 * PRV-DISC-2: "reads of personal data by staff are audited". Every GET route of the staff surfaces (the API
 * and the back office) is classified here, once, like every column in the data map:
 *  - a subject type: the route shows a person's data; a staff read that succeeds writes a `personal_data.read`
 *    audit event (subject: the route's record) with the purpose given, else the duty of the route;
 *  - 'audited': its use case writes that event itself (policy 360 view, policy search, incidents, disclosures);
 *  - 'self': the reader's own data (their account, tokens, consents);
 *  - 'none': no person's data (products, rate tables, counts, the register of processing, the recipient registry).
 * staff-read-routes.test.ts fails for a staff GET route not classified here, so a new one cannot be forgotten;
 * until it is classified, a route is audited as a read of personal data (the safe default).
 */
export type StaffReadClass = { subject: string } | 'audited' | 'self' | 'none';

const policy = { subject: 'policy' } as const;
const list = (subject: string) => ({ subject }) as const;

export const STAFF_READ_ROUTES: Readonly<Record<string, StaffReadClass>> = {
  'GET /api/v1/agent/clients': list('app_user'),
  'GET /api/v1/applications/:id': list('application'),
  'GET /api/v1/assignment-requests': list('assignment_request'),
  'GET /api/v1/billing/policies/:policyId/balance': policy,
  // Issue #4 first notice: a claim, a staff member's own reports (other people's claims all the same), the adjuster's queue.
  'GET /api/v1/claims': list('claim'),
  'GET /api/v1/claims/:id': list('claim'),
  'GET /api/v1/claims/queue': list('claim'),
  // Issue #4 coverage decision: proposals, decisions, review requests and the denial letters of a claim.
  'GET /api/v1/claims/:id/coverage': list('claim'),
  'GET /api/v1/claims/:id/coverage/letters/:letterId': list('claim'),
  // Issue #4 duties and deadlines: a claim's diary, duty requests and records; the adjuster's diary across claims.
  'GET /api/v1/claims/:id/duties': list('claim'),
  'GET /api/v1/claims/diary': list('claim'),
  // Issue #4 subrogation, recoveries and appraisal disputes of a claim (JPF-SUBRO-1/2, JPF-APPR-1).
  'GET /api/v1/claims/:id/recovery': list('claim'),
  'GET /api/v1/claims/:id/appraisal': list('claim'),
  // Issue #4 the insured's proof of loss (JPF-DUTY-4) and the settlement worksheet (JPF-SETTLE-1..9) of a claim.
  'GET /api/v1/claims/:id/proof-of-loss': list('claim'),
  'GET /api/v1/claims/:id/worksheet': list('claim'),
  'GET /api/v1/documents/:id/content': list('document'),
  'GET /api/v1/files/:id': list('stored_file'),
  'GET /api/v1/incidents': 'audited',
  'GET /api/v1/incidents/:id': 'audited',
  'GET /api/v1/invoices': list('invoice'),
  'GET /api/v1/invoices/:id': list('invoice'),
  'GET /api/v1/me': 'self',
  // Issue #4: partners only (staff get 403); each look is logged as a disclosure by the use case.
  'GET /api/v1/partner/claims/:claimNumber': 'audited',
  'GET /api/v1/me/consents': 'self',
  'GET /api/v1/me/disclosures': 'self',
  'GET /api/v1/me/partner-authorisations': 'self',
  'GET /api/v1/me/tokens': 'self',
  // The policies the reader holds or sold as an agent: their own.
  'GET /api/v1/policies': 'self',
  'GET /api/v1/policies/:id': policy,
  'GET /api/v1/policies/:id/as-of': policy,
  'GET /api/v1/policies/:id/assignment-requests': policy,
  'GET /api/v1/policies/:id/cancellation-preview': policy,
  'GET /api/v1/policies/:id/documents': policy,
  'GET /api/v1/policies/:id/endorsements': policy,
  'GET /api/v1/policies/:id/overview': 'audited',
  'GET /api/v1/policies/:id/reinstatement-preview': policy,
  'GET /api/v1/policies/:id/transactions': policy,
  'GET /api/v1/policies/:id/transactions/:transactionId': policy,
  'GET /api/v1/policies/search': 'audited',
  'GET /api/v1/privacy/call-recordings': list('call_recording'),
  'GET /api/v1/privacy/call-recordings/:id/audio': list('call_recording'),
  'GET /api/v1/privacy/deidentified-exports': 'none',
  'GET /api/v1/privacy/legal-holds': list('legal_hold'),
  'GET /api/v1/privacy/legal-holds/:id': list('legal_hold'),
  'GET /api/v1/privacy/notice': 'none',
  'GET /api/v1/privacy/page-statistics': 'none',
  'GET /api/v1/privacy/people/:id/disclosures': 'audited',
  'GET /api/v1/privacy/recipients': 'none',
  'GET /api/v1/privacy/recipients/:id': 'none',
  'GET /api/v1/privacy/register': 'none',
  'GET /api/v1/privacy/register.csv': 'none',
  'GET /api/v1/privacy/requests': list('privacy_request'),
  'GET /api/v1/privacy/requests/:id': list('privacy_request'),
  'GET /api/v1/privacy/surveys': 'none',
  'GET /api/v1/privacy/surveys/:id/results': 'none',
  'GET /api/v1/products': 'none',
  'GET /api/v1/products/:code': 'none',
  'GET /api/v1/products/:code/rate-tables': 'none',
  'GET /api/v1/products/:code/rate-tables/:id/impact': 'none',
  'GET /api/v1/products/:code/versions': 'none',
  'GET /api/v1/rate-tables/:id': 'none',
  'GET /api/v1/referrals': list('application'),
  'GET /api/v1/refunds': list('refund'),
  'GET /api/v1/renewal-runs': 'none',
  'GET /api/v1/renewal-runs/:id': 'none',
  'GET /api/v1/users': list('app_user'),
  'GET /api/v1/users/:id': list('app_user'),
  'GET /backoffice': 'none',
  'GET /backoffice/claims': list('claim'),
  'GET /backoffice/claims/:id': list('claim'),
  'GET /backoffice/claims/:id/coverage': list('claim'),
  'GET /backoffice/claims/:id/diary': list('claim'),
  'GET /backoffice/claims/:id/recovery': list('claim'),
  'GET /backoffice/claims/:id/proof-of-loss': list('claim'),
  'GET /backoffice/claims/:id/worksheet': list('claim'),
  'GET /backoffice/claims/diary': list('claim'),
  'GET /backoffice/claims/new': 'none',
  // Issue #4 reserves, payments and jeweler orders of a claim; the jeweler's own orders; who pays claims, with their limits.
  'GET /api/v1/claims/:id/reserve': list('claim'),
  'GET /api/v1/claims/:id/payments': list('claim'),
  'GET /api/v1/claims/:id/jeweler-orders': list('claim'),
  'GET /api/v1/jeweler/orders': 'self',
  'GET /api/v1/payment-authorities': list('app_user'),
  'GET /backoffice/claims/:id/payments': list('claim'),
  'GET /backoffice/claims/:id/jeweler-orders': list('claim'),
  'GET /backoffice/payment-authority': list('app_user'),
  'GET /backoffice/applications/:id': list('application'),
  'GET /backoffice/assignments': list('assignment_request'),
  'GET /backoffice/incidents': 'audited',
  'GET /backoffice/policies/:id': 'audited',
  'GET /backoffice/policies/:id/assignment-requests/:rid': policy,
  'GET /backoffice/policies/:id/insurer-cancellation': policy,
  'GET /backoffice/policies/:id/reinstate': policy,
  'GET /backoffice/policies/:id/void': policy,
  'GET /backoffice/privacy/deidentified-export': 'none',
  // Pending corrections and restrictions, with the people they are about.
  'GET /backoffice/privacy/fulfilment': list('privacy_request'),
  'GET /backoffice/privacy/legal-holds': list('legal_hold'),
  'GET /backoffice/privacy/page-statistics': 'none',
  'GET /backoffice/privacy/recipients': 'none',
  'GET /backoffice/privacy/register': 'none',
  'GET /backoffice/privacy/requests': list('privacy_request'),
  'GET /backoffice/privacy/requests/:id': list('privacy_request'),
  'GET /backoffice/privacy/requests/new': 'none',
  'GET /backoffice/products': 'none',
  'GET /backoffice/products/:code/rate-tables': 'none',
  'GET /backoffice/products/:code/rate-tables/:id/activate': 'none',
  'GET /backoffice/products/:code/versions': 'none',
  'GET /backoffice/referrals': list('application'),
  'GET /backoffice/renewals': 'none',
  'GET /backoffice/search': 'audited',
  'GET /backoffice/users': list('app_user'),
  'GET /backoffice/users/:id': list('app_user'),
};

/** The staff surfaces: the JSON API and the back office (the portal, agent pages and public pages are not staff reads). */
export function isStaffSurface(url: string): boolean {
  return url.startsWith('/api/v1/') || url === '/backoffice' || url.startsWith('/backoffice/');
}

export function classifyStaffRead(routeKey: string): StaffReadClass {
  return STAFF_READ_ROUTES[routeKey] ?? { subject: 'unclassified_route' };
}

/** The record a route reads: its first uuid-like parameter (`id`, `policyId`…), or null for a list. */
function subjectId(params: unknown): string | null {
  if (typeof params !== 'object' || params === null) return null;
  const values = params as Record<string, unknown>;
  const value = values.id ?? values.policyId;
  return typeof value === 'string' ? value.slice(0, 100) : null;
}

/**
 * Writes the audit event of a successful staff read before the response leaves (onSend): a read whose event
 * cannot be written is not served.
 */
export function registerStaffReadAudit(app: TypedApp, deps: Deps): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (request.method !== 'GET' || reply.statusCode >= 300 || !isStaff(request.actor)) return payload;
    const url = request.routeOptions.url;
    if (url === undefined || !isStaffSurface(url)) return payload;
    const route = `GET ${url}`;
    const kind = classifyStaffRead(route);
    if (typeof kind === 'string') return payload;
    await auditStaffRead(deps, request.actor, { view: 'route', route, subject: { type: kind.subject, id: subjectId(request.params) } }, originOf(request));
    return payload;
  });
}
