import { Money } from '../../../platform/money.ts';
import type { InsurerNotice, PolicyTransactionView } from '../../policies/index.ts';
import type { TransactionDocumentInput } from './transaction-document.ts';

/**
 * Fixed policy transactions for the transaction documents' known-answer and golden-file tests: the policy of
 * declarations-fixture-test-support.ts (JW-2026-000042, 2026-12-01 to 2027-11-30 = 365 days, New York; a ring of
 * $5,000 and a pair of pearl earrings of $1,500 each; term premium 82.11 = 53.13 + 14.49 + 14.49 where
 * 5000/100 × 1.10 ring × 1.05 NY × 0.92 ($250) = 53.13 and 1500/100 × 1.00 × 1.05 × 0.92 = 14.49).
 */
const usd = (amount: string) => Money.of(amount, 'USD');
const json = (amount: string) => ({ amount, currency: 'USD' });
const POLICY_ID = '0190a000-0000-7000-8000-000000000001';
export const MAILING_ADDRESS = { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' as const };

const item = (description: string, category: string, coverageAmount: string, annualPremium: string, purchaseDate: string | null = null) => ({
  description,
  category,
  coverageAmount,
  setId: null,
  possessor: null,
  appraisalDate: '2026-10-01',
  keptInSafe: false,
  purchaseDate,
  appraisedBy: null,
  annualPremium,
});

function transaction(fields: Partial<PolicyTransactionView> & Pick<PolicyTransactionView, 'id' | 'kind' | 'sequenceNo'>): PolicyTransactionView {
  return {
    policyId: POLICY_ID,
    effectiveDate: '2026-12-01',
    recordedAt: '2026-11-21T12:00:00Z',
    premiumChange: usd('0.00'),
    details: {},
    itemChanges: [],
    reversedBy: null,
    insurerNotice: null,
    ...fields,
  };
}

export const ISSUE = transaction({
  id: '0190a000-0000-7000-8000-0000000000a1',
  kind: 'issue',
  sequenceNo: 1,
  premiumChange: usd('82.11'),
  itemChanges: [
    { op: 'add', itemNo: 1, item: item('Diamond engagement ring, 1 ct, platinum', 'ring', '5000.00', '53.13') },
    { op: 'add', itemNo: 2, item: item('Pearl stud earring, left', 'earrings', '1500.00', '14.49') },
    { op: 'add', itemNo: 3, item: item('Pearl stud earring, right', 'earrings', '1500.00', '14.49') },
  ],
});

/**
 * JPF-COND-9 endorsement effective 2027-03-01 (275 days left: 31+30+31+30+31+31+30+31+30), recorded 2027-03-04
 * 15:30Z = 10:30 a.m. in New York: the ring raised to $6,000 (annual 6000/100 × 1.10 × 1.05 × 0.92 = 63.756 →
 * 63.76), a watch of $2,500 added (25 × 0.90 × 1.05 × 0.92 = 21.735 → 21.74), the right earring removed (14.49),
 * and Cees Customer removed as a named insured. Change ≈ (10.63 + 21.74 − 14.49) × 275 / 365 = 13.47; term
 * premium 82.11 + 13.47 = 95.58.
 */
export const ENDORSEMENT = transaction({
  id: '0190a000-0000-7000-8000-0000000000a2',
  kind: 'endorsement',
  sequenceNo: 2,
  effectiveDate: '2027-03-01',
  recordedAt: '2027-03-04T15:30:00Z',
  premiumChange: usd('13.47'),
  details: { requestedOn: '2027-03-01', receivedVia: 'mail', ratingDate: '2027-03-01', termPremiumBefore: json('82.11'), termPremiumAfter: json('95.58') },
  itemChanges: [
    { op: 'change', itemNo: 1, item: item('Diamond engagement ring, 1 ct, platinum', 'ring', '6000.00', '63.76') },
    { op: 'add', itemNo: 4, item: item('Steel wristwatch, automatic', 'watch', '2500.00', '21.74') },
    { op: 'remove', itemNo: 3 },
    { op: 'remove_named_insured', name: 'Cees Customer' },
  ],
});

/**
 * JPF-CANCEL-1: the insureds cancel from 2027-06-01, recorded 2027-05-20 13:00Z. Unused 2027-06-01..2027-11-30
 * = 183 days, covered 365 − 183 = 182; unearned 82.11 × 183 / 365 = 41.1678… → 41.17; earned 82.11 − 41.17 = 40.94;
 * paid 82.11, so the refund is 41.17 and nothing is due.
 */
export const INSURED_CANCELLATION = transaction({
  id: '0190a000-0000-7000-8000-0000000000a3',
  kind: 'cancellation',
  sequenceNo: 2,
  effectiveDate: '2027-06-01',
  recordedAt: '2027-05-20T13:00:00Z',
  premiumChange: usd('-41.17'),
  details: {
    by: 'insured',
    effectiveDate: '2027-06-01',
    rule: 'pro_rata',
    dayOfPeriod: 183,
    daysCovered: 182,
    daysUnused: 183,
    premiumPaid: json('82.11'),
    earnedPremium: json('40.94'),
    unearnedPremium: json('41.17'),
    refund: json('41.17'),
    balanceDue: json('0.00'),
    notice: null,
    refundId: '0190a000-0000-7000-8000-0000000000f1',
    premiumEndsOn: '2027-06-01',
  },
});

/**
 * JPF-CANCEL-2 / JPF-COND-2: the insurer's notice mailed 2027-05-20 13:00Z (9:00 a.m. in New York); NY requires 15
 * days, so the earliest effective date is 2027-05-20 + 15 = 2027-06-04, the date chosen. Unused 2027-06-04..
 * 2027-11-30 = 180 days, covered 185; unearned 82.11 × 180 / 365 = 40.4926… → 40.49; earned 41.62; refund 40.49.
 */
export const INSURER_NOTICE: InsurerNotice = {
  date: '2027-05-20',
  days: 15,
  source: 'state_rule',
  state: 'NY',
  earliestEffectiveDate: '2027-06-04',
  mailedAt: '2027-05-20T13:00:00Z',
  name: 'Carla Customer',
  address: '1 Main Street, New York, NY 10001, US',
  mailingAddress: MAILING_ADDRESS,
};

export const INSURER_CANCELLATION = transaction({
  id: '0190a000-0000-7000-8000-0000000000a4',
  kind: 'cancellation',
  sequenceNo: 2,
  effectiveDate: '2027-06-04',
  recordedAt: '2027-05-20T13:00:00Z',
  premiumChange: usd('-40.49'),
  details: {
    by: 'insurer',
    effectiveDate: '2027-06-04',
    rule: 'pro_rata',
    dayOfPeriod: 186,
    daysCovered: 185,
    daysUnused: 180,
    premiumPaid: json('82.11'),
    earnedPremium: json('41.62'),
    unearnedPremium: json('40.49'),
    refund: json('40.49'),
    balanceDue: json('0.00'),
    refundId: '0190a000-0000-7000-8000-0000000000f2',
    premiumEndsOn: '2027-06-04',
    reason: 'Material misrepresentation of the appraisal of the ring',
    notice: {
      mailedAt: '2027-05-20T13:00:00Z',
      to: 'customer@example.com',
      name: 'Carla Customer',
      address: '1 Main Street, New York, NY 10001, US',
      mailingAddress: MAILING_ADDRESS,
      mailJobId: '1',
    },
  },
  insurerNotice: INSURER_NOTICE,
});

export function fixedInput(transactions: PolicyTransactionView[], documented: PolicyTransactionView): TransactionDocumentInput {
  return {
    policyNumber: 'JW-2026-000042',
    timeZone: 'America/New_York',
    currency: 'USD',
    namedInsuredsAtIssue: ['Carla Customer', 'Cees Customer'],
    mailingAddress: MAILING_ADDRESS,
    transactions,
    transactionId: documented.id,
  };
}
