import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiToken, createUser, DEMO_PASSWORD, seedDemoUsers } from '../../modules/accounts/index.ts';
import { createTestBezel, type TestBezel } from '../../testing/test-bezel.ts';
import { csrfTokenFor } from '../http/csrf.ts';
import { SYSTEM_ORIGIN } from '../request-origin.ts';
import { systemActor } from './actor.ts';

/**
 * Issue #2, point 4: a customer cannot reach another customer's records through any route that
 * exists. The test walks every registered route — new routes are covered without editing it —
 * and calls each as customer A aimed at customer B's records.
 */
let bezel: TestBezel;
const other = { id: '', email: 'bea.other@example.com', tokenId: '' };
const csrfCookie = 'k'.repeat(43);
let cookie = '';
let csrf = '';

/** Routes anyone may call, or that hold no records. */
const PUBLIC = [
  /^\/api\/v1\/auth\//,
  /^\/(healthz|readyz|metrics)$/,
  /^\/api\/docs/,
  /^\/assets\//,
  /^\/(login|register|password-reset|reset-password|confirm-email|language|logout)$/,
  /^\/$/,
];

/** A well-formed body per route, so that a refusal comes from the access rules and not from validation. */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/claims/:id/close': { note: 'Nothing left to do' },
  'POST /backoffice/claims/:id/close': { note: 'Nothing left to do' },
  // Issue #4 first notice of loss: a customer reports only on a policy they hold (another's is not found), withdraws only
  // claims they reach, and neither assigns claims nor takes phone or jeweler reports.
  'POST /api/v1/claims': {
    policyId: '00000000-0000-4000-8000-000000000001',
    items: [{ itemNo: 1 }],
    lossKind: 'loss',
    lossDate: '2026-11-20',
    lossPlace: 'Fifth Avenue',
    lossCountry: 'US',
    narrative: 'Lost it',
    protectionConfirmed: true,
    reporterName: 'Carla Customer',
    reporterRelation: 'named_insured',
    insuredName: 'Bea Other',
  },
  'POST /api/v1/claims/:id/withdraw': { reason: 'Sneaky' },
  'POST /api/v1/claims/:id/assign': { adjusterUserId: '00000000-0000-4000-8000-000000000002' },
  'POST /portal/policies/:id/claims/new': {
    items: '1',
    lossKind: 'loss',
    lossDate: '2026-11-20',
    lossPlace: 'Fifth Avenue',
    lossCountry: 'US',
    narrative: 'Lost it',
    protectionConfirmed: 'yes',
    reporterName: 'Carla Customer',
    reporterRelation: 'named_insured',
    insuredName: 'Bea Other',
  },
  'POST /portal/jeweler/claims/new': { policyNumber: 'JW-2026-000001', insuredName: 'Bea Other', itemNumbers: '1', lossKind: 'loss' },
  'POST /portal/claims/:id/withdraw': { reason: 'Sneaky' },
  'POST /backoffice/claims/new': { policyNumber: 'JW-2026-000001', items: '1', lossKind: 'loss' },
  'POST /backoffice/claims/:id/assign': { adjusterUserId: '00000000-0000-4000-8000-000000000002' },
  'PUT /api/v1/users/:id/roles': { roles: ['customer', 'admin'] },
  'PUT /api/v1/users/:id/status': { status: 'disabled' },
  'POST /api/v1/users': { email: 'sneaky@example.com', displayName: 'Sneaky', roles: ['admin'] },
  'PATCH /api/v1/me': { displayName: 'Carla Customer' },
  'POST /api/v1/me/tokens': { name: 'mine', scopes: ['profile:read'] },
  'POST /api/v1/products/:code/rate': { state: 'NY', deductible: '250', items: [{ category: 'ring', coverageAmount: '5000.00', keptInSafe: true }] },
  'POST /api/v1/products/:code/rate-tables': { name: 'safe_factor', csv: 'key,value\nkept_in_safe,0.01\n' },
  'POST /api/v1/rate-tables/:id/activate': { effectiveFrom: '2099-01-01' },
  // JPF-COND-3: a customer cannot publish a product version (products:manage).
  'POST /api/v1/products/:code/versions': { definition: {}, effectiveFrom: '2099-01-01', broadening: true, adoptedOn: '2026-11-21' },
  'POST /api/v1/applications': {
    namedInsureds: ['Carla Customer'],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: [{ description: 'Gold ring', category: 'ring', coverageAmount: '5000.00', appraisalDate: '2026-10-01' }],
  },
  'POST /api/v1/applications/:id/decision': { decision: 'approve', reason: 'looks fine to me' },
  'POST /api/v1/applications/:id/bind': { inceptionDate: '2026-12-01' },
  'POST /api/v1/policies/:id/cancellation-requests': { effectiveDate: '2026-12-31' },
  'POST /api/v1/policies/:id/new-purchases': {
    description: 'Gold bracelet',
    category: 'bracelet',
    coverageAmount: '1000.00',
    purchaseDate: '2026-11-20',
    receiptReceivedOn: '2026-11-21',
    appraisalReceivedOn: '2026-11-21',
    keptInSafe: false,
  },
  'POST /api/v1/policies/:id/cancellation-requests/:requestId/signatures': { namedInsured: 'Bea Other' },
  'POST /api/v1/policies/:id/insurer-cancellation': { effectiveDate: '2027-01-31', reason: 'non-payment of premium' },
  'POST /api/v1/policies/:id/endorsement-preview': {
    changes: [{ op: 'add', description: 'Steel watch', category: 'watch', coverageAmount: '2000.00', appraisalDate: '2026-11-01', appraisedBy: 'A Jeweler' }],
  },
  'POST /api/v1/policies/:id/endorsements': {
    changes: [{ op: 'add', description: 'Steel watch', category: 'watch', coverageAmount: '2000.00', appraisalDate: '2026-11-01', appraisedBy: 'A Jeweler' }],
  },
  'POST /api/v1/policies/:id/endorsements/:requestId/signatures': { namedInsured: 'Bea Other' },
  'POST /api/v1/policies/:id/endorsements/:requestId/invitations': { namedInsured: 'Bea Other', email: 'someone@example.com' },
  'POST /api/v1/policies/:id/cancellation-requests/:requestId/invitations': { namedInsured: 'Bea Other', email: 'someone@example.com' },
  'POST /api/v1/payments': { reference: 'RF18539007547034', amount: '120.00', currency: 'USD', receivedOn: '2026-11-20' },
  'POST /api/v1/bank-statements': { format: 'csv', content: 'date,amount,currency,reference,transaction_id\n2026-11-20,120.00,USD,RF18539007547034,TX-1\n' },
  'POST /api/v1/refunds/:id/paid': { paidOn: '2026-11-21' },
  'POST /api/v1/policies/:id/void': { category: 'fraud', reason: 'false swearing about the appraisal' },
  'POST /api/v1/policies/:id/reinstatement': { reason: 'premium paid after all' },
  'POST /api/v1/policies/:id/assignment-requests': { assigneeEmail: 'customer3@example.com' },
  'POST /api/v1/policies/:id/assignment-requests/:rid/decision': { decision: 'approve', consentDate: '2026-11-20', consentReference: 'LTR-1' },
  'POST /backoffice/policies/:id/void': { category: 'fraud', reason: 'false swearing about the appraisal' },
  'POST /backoffice/policies/:id/reinstate': { reason: 'premium paid after all' },
  'POST /backoffice/policies/:id/assignment-requests/:rid': { decision: 'approve', consentDate: '2026-11-20', consentReference: 'LTR-1' },
  'POST /portal/policies/:id/assignment': { assigneeEmail: 'customer3@example.com' },
  'POST /portal/policies/:id/change': {
    op: 'add',
    description: 'Steel watch',
    category: 'watch',
    coverageAmount: '2000.00',
    appraisalDate: '2026-11-01',
    appraisedBy: 'A Jeweler',
  },
  'POST /portal/policies/:id/change/premium': {
    op: 'add',
    description: 'Steel watch',
    category: 'watch',
    coverageAmount: '2000.00',
    appraisalDate: '2026-11-01',
    appraisedBy: 'A Jeweler',
  },
  'POST /portal/policies/:id/endorsements/:requestId/sign': {},
  'POST /portal/policies/:id/endorsements/:requestId/invitations': { namedInsured: 'Bea Other', email: 'someone@example.com' },
  'POST /portal/policies/:id/cancellation-requests/:requestId/invitations': { namedInsured: 'Bea Other', email: 'someone@example.com' },
  'POST /portal/policies/:id/new-purchase': {
    description: 'Gold bracelet',
    category: 'bracelet',
    coverageAmount: '1000.00',
    purchaseDate: '2026-11-20',
    receiptReceivedOn: '2026-11-21',
    appraisalReceivedOn: '2026-11-21',
  },
  'POST /portal/policies/:id/cancel': { action: 'request', effectiveDate: '2026-12-31', confirm: 'yes' },
  'POST /portal/policies/:id/cancel/preview': { effectiveDate: '2026-12-31' },
  'POST /backoffice/users/:id/roles': { roles: 'admin' },
  'POST /backoffice/users/:id/status': { status: 'disabled' },
  'POST /portal/quote': { 'namedInsureds.0': 'Carla Customer', street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', deductible: '250' },
  'POST /portal/quote/premium': { state: 'NY', deductible: '250', 'items.0.category': 'ring', 'items.0.coverageAmount': '5000.00' },
  'POST /portal/applications/:id/bind': { inceptionDate: '2026-12-01' },
  'POST /backoffice/applications/:id/decision': { decision: 'approve', reason: 'looks fine to me' },
  'POST /backoffice/users': { email: 'sneaky@example.com', displayName: 'Sneaky', roles: 'admin', locale: 'en' },
  // The upload takes the raw PDF/JPEG/PNG as its body; a JSON body is refused (415) before any access decision.
  'POST /api/v1/files': {},
  // JPF-COND-7: a customer cannot start a renewal run (renewals:manage).
  'POST /api/v1/renewal-runs': {},
  'POST /backoffice/renewals': {},
  'POST /backoffice/products/:code/rate-tables': { name: 'safe_factor', csv: 'key,value\nkept_in_safe,0.01\n' },
  'POST /backoffice/products/:code/rate-tables/:id/activate': { effectiveFrom: '2099-01-01', confirm: 'reviewed' },
  'POST /backoffice/products/:code/versions': { definition: '{}', effectiveFrom: '2099-01-01', broadening: 'yes', adoptedOn: '2026-11-21' },
  'POST /backoffice/policies/:id/insurer-cancellation': { action: 'cancel', effectiveDate: '2027-01-31', reason: 'non-payment of premium' },
  'POST /agent/quote': { clientEmail: 'bea.other@example.com' },
  // Issue #5 consent (PRV-COOKIE-1, PRV-RIGHT-7, PRV-RIGHT-5, PRV-OPTOUT-1): a customer only ever changes their own choices;
  // sending marketing to Bea needs privacy:manage.
  'POST /cookies/consent': { choice: 'refuse_all', returnTo: '/' },
  'POST /api/v1/me/consents': { purpose: 'marketing_email', given: false },
  'POST /api/v1/me/marketing-objection': {},
  'POST /api/v1/privacy/marketing-mails': { userId: '00000000-0000-4000-8000-000000000000', headline: 'Offer', body: 'Text' },
  'POST /portal/privacy/consents': { purpose: 'marketing_email', given: 'false' },
  'POST /portal/privacy/marketing-objection': {},
  'POST /unsubscribe': { token: 'not-a-token' },
  'POST /api/v1/privacy/notice-versions': { publishedOn: '2099-01-01', summaryEn: 'S', summaryNl: 'S', changesEn: 'C', changesNl: 'C' },
  // PRV-REC-1, PRV-CHILD-1: only privacy officers and admins register recordings and messages.
  'POST /api/v1/privacy/call-recordings': {
    callerPhone: '+31 6 1234 5678',
    purpose: 'training',
    recordedAt: '2026-11-20T10:00:00Z',
    durationSeconds: 60,
    mediaType: 'audio/mpeg',
    recording: 'SUQzBAAAAAAA',
  },
  'POST /api/v1/privacy/inbound-messages': { channel: 'email', body: 'Hello', receivedAt: '2026-11-20T10:00:00Z' },
  'POST /api/v1/privacy/inbound-messages/:id/flag-child': {},
  // PRV-DISC-1/3, PRV-PROC-1, PRV-FRAUD-1, PRV-SURVEY-1, PRV-DEID-1: officers manage recipients, surveys and exports;
  // the incident register is 404 to anyone without incidents:manage; a customer revokes only their own authorisation.
  'POST /api/v1/privacy/recipients': { name: 'Sneaky partner', type: 'partner' },
  'POST /api/v1/privacy/recipients/:id/agreements': { reference: 'DPA-1', signedOn: '2026-01-01' },
  'POST /api/v1/privacy/recipients/:id/retire': {},
  'POST /api/v1/privacy/disclosures': {
    recipientId: '00000000-0000-4000-8000-000000000001',
    subjectUserId: '00000000-0000-4000-8000-000000000002',
    categories: ['user.name'],
    basis: 'sale',
    purpose: 'selling',
  },
  'POST /api/v1/me/partner-authorisations': { recipientId: '00000000-0000-4000-8000-000000000001' },
  'POST /api/v1/incidents': { kind: 'suspected_fraud', subjectUserId: '00000000-0000-4000-8000-000000000002', summary: 'made up' },
  'POST /api/v1/incidents/:id/close': { note: 'closing it' },
  'POST /api/v1/privacy/surveys': { title: 'Sneaky survey', questions: ['overall'] },
  'POST /api/v1/privacy/surveys/:id/invitations': { userIds: ['00000000-0000-4000-8000-000000000002'] },
  'POST /api/v1/survey-answers': { token: 'sneakysneakysneakysneakysneakysneakysneaky', ratings: { overall: 5 } },
  'POST /backoffice/privacy/recipients': { name: 'Sneaky partner', type: 'partner' },
  'POST /backoffice/privacy/recipients/:id/agreements': { reference: 'DPA-1', signedOn: '2026-01-01' },
  'POST /backoffice/incidents': { kind: 'suspected_fraud', summary: 'made up' },
  'POST /portal/privacy/partners': { recipientId: '00000000-0000-4000-8000-000000000001' },
  'POST /surveys/:token': { overall: '5' },
  // PRV-RIGHT-1..13, PRV-CONTACT-1: a customer makes requests only about themselves; verify/extend/complete/reject need privacy:manage.
  'POST /api/v1/privacy/requests': { type: 'access', jurisdiction: 'NL' },
  'POST /api/v1/privacy/requests/:id/verify': { note: 'Passport checked' },
  'POST /api/v1/privacy/requests/:id/extend': { reason: 'Archived records' },
  'POST /api/v1/privacy/requests/:id/complete': {},
  'POST /api/v1/privacy/requests/:id/reject': { reason: 'Not verified' },
  'POST /api/v1/privacy/review-tasks/:id/review': { outcome: 'Confirmed' },
  'POST /api/v1/privacy/public-requests': { type: 'access', jurisdiction: 'NL', requesterName: 'Sneaky', requesterEmail: 'sneaky@example.com' },
  'POST /api/v1/privacy/public-requests/:id/verification': { code: '123456' },
  'POST /portal/privacy': { type: 'access', jurisdiction: 'NL' },
  'POST /privacy/requests/new': { type: 'access', jurisdiction: 'NL', requesterName: 'Sneaky', requesterEmail: 'sneaky@example.com' },
  'POST /privacy/requests/:id': { code: '123456' },
  'POST /backoffice/privacy/requests/:id/verify': { note: 'Passport checked' },
  'POST /backoffice/privacy/requests/:id/extend': { reason: 'Archived records' },
  'POST /backoffice/privacy/requests/:id/complete': {},
  'POST /backoffice/privacy/requests/:id/reject': { reason: 'Not verified' },
  'POST /backoffice/privacy/requests/new': {
    channel: 'phone',
    receivedOn: '2026-11-20',
    requesterName: 'Sneaky',
    requesterEmail: 'sneaky@example.com',
    type: 'access',
    jurisdiction: 'NL',
  },
  // PRV-RET-1: only privacy officers and admins place and release legal holds (privacy:manage).
  'POST /api/v1/privacy/legal-holds': { subjectType: 'app_user', subject: 'bea.other@example.com', reason: 'Lawsuit' },
  'POST /api/v1/privacy/legal-holds/:id/release': { reason: 'Case closed' },
  'POST /backoffice/privacy/legal-holds': { subjectType: 'app_user', subject: 'bea.other@example.com', reason: 'Lawsuit' },
  'POST /backoffice/privacy/legal-holds/:id/release': { reason: 'Case closed' },
  // PRV-RIGHT-1..3, PRV-PORTAL-1: the customer's own data; erasure and closure are not confirmed here (400, nothing done).
  'POST /portal/my-data/packages': {},
  'POST /portal/my-data/packages/:id/password': {},
  'POST /portal/my-data/contact': { displayName: 'Carla Customer' },
  'POST /portal/my-data/erase': {},
  'POST /portal/my-data/close': {},
  'POST /portal/my-data/portability': { recipientName: 'Other Insurer', recipientEmail: 'privacy@other-insurer.example' },
  // PRV-RIGHT-2, PRV-RIGHT-4: privacy officers only (privacy:manage).
  'POST /backoffice/privacy/fulfilment/corrections/:id/apply': {},
  'POST /backoffice/privacy/fulfilment/corrections/:id/reject': { reason: 'No document' },
  'POST /backoffice/privacy/fulfilment/restrictions/:id/lift': { reason: 'Resolved' },
  // Issue #4 coverage decision: a customer neither proposes nor decides (claims:handle); only the claim's holder asks for a
  // person to review its automatic proposal (PRV-RIGHT-6).
  'POST /api/v1/claims/:id/coverage/proposal': { causes: [{ peril: 'accidental_loss', role: 'proximate' }] },
  'POST /api/v1/claims/:id/coverage/decision': { action: 'confirm' },
  'POST /api/v1/claims/:id/coverage/review-request': { reason: 'A person should look at this' },
  'POST /backoffice/claims/:id/coverage/proposal': { cause0: 'accidental_loss' },
  'POST /backoffice/claims/:id/coverage/decision': { action: 'confirm' },
  'POST /portal/claims/:id/coverage/review': { reason: 'A person should look at this' },
  // Issue #4 duties and deadlines (JPF-DUTY-2/5/6/7): a customer neither asks, records nor fulfils (claims:handle); only the
  // claim's holder answers a request, and another customer's claim is not found.
  'POST /api/v1/claims/:id/duty-requests': { kind: 'exhibit_property', dueOn: '2099-01-01' },
  'POST /api/v1/claims/:id/duty-requests/:requestId/fulfil': { fulfilledOn: '2026-11-21' },
  'POST /api/v1/claims/:id/duty-requests/:requestId/answer': { note: 'I confirm the loss.' },
  'POST /api/v1/claims/:id/duty-requests/:requestId/withdraw': { reason: 'No longer needed' },
  'POST /api/v1/claims/:id/duty-records': { kind: 'cooperation_issue', occurredOn: '2026-11-20', description: 'made up' },
  'POST /backoffice/claims/:id/duty-requests': { dutyKind: 'exhibit_property', dutyDueOn: '2099-01-01' },
  'POST /backoffice/claims/:id/duty-requests/:requestId/fulfil': { fulfilledOn: '2026-11-21' },
  'POST /backoffice/claims/:id/duty-requests/:requestId/withdraw': { withdrawalReason: 'No longer needed' },
  'POST /backoffice/claims/:id/duty-records': { recordKind: 'cooperation_issue', recordOccurredOn: '2026-11-20', recordDescription: 'made up' },
  'POST /portal/claims/:id/duty-requests/:requestId': { answerNote: 'I confirm the loss.' },
  // Issue #4 subrogation, recoveries, appraisal (JPF-SUBRO-1/2, JPF-APPR-1): a customer records neither subrogation nor
  // appraisal (claims:handle); only the claim's holder reports a recovery, and another customer's claim is not found.
  'PUT /api/v1/claims/:id/subrogation': { thirdParty: null, assignmentRequired: false },
  'POST /api/v1/claims/:id/subrogation/impairment': { reason: 'Released the jeweler' },
  'POST /api/v1/claims/:id/recoveries': { kind: 'money', description: 'Paid back', amount: '10.00', recoveredOn: '2026-11-21' },
  'POST /api/v1/claims/:id/appraisal': { subjects: ['value'], demandedBy: 'insured', demandReceivedOn: '2026-11-21' },
  'POST /api/v1/claims/:id/appraisal/:did/appraisers': { party: 'insured', name: 'Ann', namedOn: '2026-11-21' },
  'POST /api/v1/claims/:id/appraisal/:did/umpire': { name: 'Uma', selectedBy: 'appraisers', selectedOn: '2026-11-21' },
  'POST /api/v1/claims/:id/appraisal/:did/award': {
    amountOfLoss: '1.00',
    propertyValue: '1.00',
    repairReplaceCost: '1.00',
    signedBy: ['insured_appraiser', 'insurer_appraiser'],
    signedOn: '2026-11-21',
  },
  'POST /portal/claims/:id/recoveries': { recoveryKind: 'money', recoveryDescription: 'Paid back', recoveryAmount: '10.00', recoveryOn: '2026-11-21' },
  // Issue #4 proof of loss and worksheet (JPF-DUTY-4, JPF-SETTLE-1..9): only the claim's holder signs a proof or agrees to
  // the amount, only adjusters decide, ask for an oath or make worksheets; another customer's claim is not found.
  'POST /api/v1/claims/:id/proof-of-loss': {
    lossDate: '2026-11-20',
    lossTime: '10:00',
    lossPlace: 'Home',
    lossDetails: 'Made up to get paid',
    otherInsurance: [],
    insuredInterest: 'Owner',
    otherInterests: [],
    titleChanges: null,
    inventory: [{ claimLineNo: 1, quantity: 1, description: 'Ring', cost: '1.00', actualCashValue: '1.00', amountOfLoss: '1.00' }],
    fileIds: [],
    signature: { fullName: 'Carla Customer', confirm: true },
  },
  'POST /api/v1/claims/:id/proof-of-loss/oath-request': { note: 'why not' },
  'POST /api/v1/claims/:id/proof-of-loss/:proofId/accept': {},
  'POST /api/v1/claims/:id/proof-of-loss/:proofId/reject': { reason: 'Not good enough' },
  'POST /api/v1/claims/:id/worksheet': { lines: [{ lineNo: 1, method: 'cash', actualCashValue: '99999.00' }] },
  'POST /api/v1/claims/:id/worksheet/agreement': { version: 1, fullName: 'Carla Customer', agree: true },
  'POST /backoffice/claims/:id/proof-of-loss/:proofId/accept': {},
  'POST /backoffice/claims/:id/proof-of-loss/:proofId/reject': { rejectionReason: 'Not good enough' },
  'POST /backoffice/claims/:id/proof-of-loss/oath-request': { oathNote: 'why not' },
  'POST /backoffice/claims/:id/worksheet': { 'lines.0.method': 'cash', 'lines.0.actualCashValue': '99999.00' },
  'POST /portal/claims/:id/proof-of-loss': { lossDate: '2026-11-20', fullName: 'Carla Customer', confirm: 'yes' },
  'POST /portal/claims/:id/settlement': { version: '1', agreementName: 'Carla Customer', agreementConfirm: 'yes' },
  // Issue #4 reserves, payments, payment authority, jeweler orders (JPF-SETTLE-2/7/8/9): a customer neither reserves, pays,
  // approves nor sets authority (claims:handle, claims:pay, claims:manage_authority); only the jeweler an order went to
  // accepts or completes it, and another customer's claim is not found.
  'POST /api/v1/claims/:id/reserve': { amount: '99999.00', reason: 'made up' },
  'POST /api/v1/claims/:id/reserve/release': { reason: 'made up' },
  'POST /api/v1/claims/:id/payments': { amount: '99999.00', payee: 'insured' },
  'POST /api/v1/claims/:id/payments/:paymentId/approve': {},
  'POST /api/v1/claims/:id/payments/:paymentId/reject': { reason: 'made up' },
  'POST /api/v1/payment-authorities': { userId: '00000000-0000-4000-8000-000000000002', limit: '99999999.00', currency: 'USD' },
  'POST /api/v1/claims/:id/jeweler-orders': {
    jewelerUserId: '00000000-0000-4000-8000-000000000002',
    kind: 'replace',
    lineNo: 1,
    instructions: 'Send me the ring',
  },
  'POST /api/v1/claims/:id/jeweler-orders/:orderId/cancel': { reason: 'made up' },
  'POST /api/v1/jeweler/orders/:id/accept': {},
  'POST /api/v1/jeweler/orders/:id/complete': { invoiceAmount: '99999.00' },
  'POST /backoffice/claims/:id/reserve': { reserveAmount: '99999.00', reserveReason: 'made up' },
  'POST /backoffice/claims/:id/reserve/release': { releaseReason: 'made up' },
  'POST /backoffice/claims/:id/payments': { paymentAmount: '99999.00', payee: 'insured' },
  'POST /backoffice/claims/:id/payments/:paymentId/approve': {},
  'POST /backoffice/claims/:id/payments/:paymentId/reject': { rejectReason1: 'made up' },
  'POST /backoffice/claims/:id/jeweler-orders': {
    orderJeweler: '00000000-0000-4000-8000-000000000002',
    orderKind: 'replace',
    orderLine: '1',
    orderInstructions: 'Send me the ring',
  },
  'POST /backoffice/claims/:id/jeweler-orders/:orderId/cancel': { cancelReason1: 'made up' },
  'POST /backoffice/payment-authority': { userId: '00000000-0000-4000-8000-000000000002', limit: '99999999.00' },
  'POST /portal/jeweler/orders/:id/accept': {},
  'POST /portal/jeweler/orders/:id/complete': { invoiceAmount: '99999.00' },
};

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  const created = await createUser(
    bezel.deps,
    systemActor('test'),
    { email: other.email, displayName: 'Bea Other', roles: ['customer'], locale: 'en', password: 'bea has a long password' },
    SYSTEM_ORIGIN,
  );
  other.id = created.id;
  const beaActor = { kind: 'user' as const, userId: created.id, roles: created.roles, locale: 'en' as const, via: 'session' as const };
  other.tokenId = (await createApiToken(bezel.deps, beaActor, { name: 'bea', scopes: ['profile:read'] }, SYSTEM_ORIGIN)).id;
  const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'customer@demo.bezel.test', password: DEMO_PASSWORD } });
  cookie = `bezel_session=${login.cookies.find((c) => c.name === 'bezel_session')?.value}; bezel_csrf=${csrfCookie}`;
  csrf = csrfTokenFor(bezel.deps.appSecret, csrfCookie);
});
after(async () => bezel.close());

function fillPath(url: string, id: string): string {
  return url.replace(/:[A-Za-z]+/g, id);
}

test('a customer reaches no other customer’s record through any route', async () => {
  const routes = bezel.app.bezelRoutes.filter((route) => !PUBLIC.some((pattern) => pattern.test(route.url)));
  assert.ok(routes.length >= 8, `expected the accounts routes, found ${routes.length}`);
  const checked: string[] = [];
  for (const route of routes) {
    const targets = route.url.includes(':') ? [other.id, other.tokenId] : [''];
    for (const target of targets) {
      const url = fillPath(route.url, target);
      const isApi = url.startsWith('/api/');
      const sample = SAMPLE_BODIES[`${route.method} ${route.url}`] ?? {};
      const hasBody = !['GET', 'DELETE'].includes(route.method);
      const response = await bezel.app.inject({
        method: route.method as 'GET',
        url,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          accept: isApi ? 'application/json' : 'text/html',
          ...(hasBody && !isApi && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(hasBody && {
          payload: isApi
            ? sample
            : new URLSearchParams({ ...Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, String(v)])), _csrf: csrf }).toString(),
        }),
      });
      const label = `${route.method} ${url} → ${response.statusCode}`;
      checked.push(label);
      assert.ok(!response.body.includes(other.email), `${label} shows the other customer's email`);
      if (route.url.includes(':')) {
        assert.ok([401, 403, 404].includes(response.statusCode), `${label}: a record of another customer must be out of reach`);
      }
      if (route.url === '/api/v1/users/:id' && route.method === 'GET') assert.equal(response.statusCode, 404, `${label}: out of reach is "not found"`);
    }
  }
  // Nothing of B's changed through all of that.
  const bea = await bezel.deps.db.selectFrom('app_user').select(['status', 'display_name']).where('id', '=', other.id).executeTakeFirstOrThrow();
  assert.deepEqual(bea, { status: 'active', display_name: 'Bea Other' });
  const roles = await bezel.deps.db.selectFrom('user_role').select('role').where('user_id', '=', other.id).execute();
  assert.deepEqual(
    roles.map((r) => r.role),
    ['customer'],
  );
  const token = await bezel.deps.db.selectFrom('api_token').select('revoked_at').where('id', '=', other.tokenId).executeTakeFirstOrThrow();
  assert.equal(token.revoked_at, null);
  const sneaky = await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'sneaky@example.com').executeTakeFirst();
  assert.equal(sneaky, undefined, 'a customer cannot create users');
  assert.ok(checked.length >= routes.length);
  // The session and CSRF token work: the customer's own records answer, so the refusals above are real.
  assert.ok(checked.includes('GET /api/v1/me → 200'), checked.join('\n'));
  assert.ok(checked.includes('PATCH /api/v1/me → 200'), checked.join('\n'));
});
