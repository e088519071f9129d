import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0030_claim_payments.sql (issue #4): reserves, payment authority, jeweler repair/replace orders and claim
// payments (JPF-SETTLE-2/7/8/9). They reach the policyholder through claim_id and are kept like the claim itself
// (BASIS.claimRecord): payments and what was disclosed to a jeweler must stay explainable for the limitation periods.

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['data_subject', 'insurer_staff'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const STAFF_RECORD: PersonalOptions = { ...CLAIM_RECORD, provenance: ['insurer_staff'] };
const PAYMENT: PersonalOptions = { ...STAFF_RECORD, purposes: ['essential.service.claims', 'essential.service.payment_processing'] };
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_PAYMENTS_TABLES: readonly TableDeclaration[] = [
  {
    table: 'adjuster_payment_authority',
    module: 'claims',
    subjectColumn: 'user_id',
    columns: {
      user_id: personal('user.unique_id', {
        ...LINK,
        retention: 'until_erasure',
        erasure: keep(BASIS.identifier),
        description: 'Adjuster whose authority it is',
      }),
      currency: NOT_PERSONAL,
      limit_amount: NOT_PERSONAL,
      set_by: personal('user.unique_id', { ...LINK, retention: 'until_erasure', erasure: keep(BASIS.identifier), description: 'Admin who set it' }),
      set_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_reserve_entry',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      entry_no: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      amount_change: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Change of the claim reserve' }),
      balance: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Claim reserve after the change' }),
      currency: NOT_PERSONAL,
      reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Why the reserve changed' }),
      payment_id: NOT_PERSONAL,
      recorded_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who changed the reserve' }),
      recorded_at: NOT_PERSONAL,
    },
  },
  {
    table: 'jeweler_order',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      order_no: NOT_PERSONAL,
      jeweler_user_id: personal('user.unique_id', { ...LINK, description: 'Jeweler the repair/replace order went to (JPF-SETTLE-2)' }),
      kind: NOT_PERSONAL,
      line_no: NOT_PERSONAL,
      item_description: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Item to repair or replace' }),
      instructions: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'What the jeweler is to do' }),
      customer_name: personal('user.name', { ...CLAIM_RECORD, description: 'Customer’s name as sent to the jeweler' }),
      customer_address: personal('user.contact.address', { ...CLAIM_RECORD, description: 'Customer’s address as sent to the jeweler' }),
      customer_phone: personal('user.contact.phone_number', { ...CLAIM_RECORD, description: 'Customer’s phone as sent to the jeweler' }),
      collect_deductible: NOT_PERSONAL,
      deductible_amount: NOT_PERSONAL,
      currency: NOT_PERSONAL,
      status: NOT_PERSONAL,
      disclosure_id: NOT_PERSONAL,
      invoice_amount: personal('user.insurance.claim', {
        ...CLAIM_RECORD,
        provenance: ['jeweler'],
        description: 'Jeweler’s invoice for the repair/replacement',
      }),
      completion_note: personal('user.insurance.claim', { ...CLAIM_RECORD, provenance: ['jeweler'], description: 'Jeweler’s note on completion' }),
      cancel_reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Why the order was cancelled' }),
      sent_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who sent the order' }),
      sent_at: NOT_PERSONAL,
      accepted_at: NOT_PERSONAL,
      completed_at: NOT_PERSONAL,
      cancelled_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_payment',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      payment_no: NOT_PERSONAL,
      amount: personal('user.insurance.payment', { ...PAYMENT, description: 'Amount paid on the claim' }),
      currency: NOT_PERSONAL,
      line_nos: NOT_PERSONAL,
      worksheet_id: NOT_PERSONAL,
      payee_kind: NOT_PERSONAL,
      payee_name: personal('user.name', { ...PAYMENT, description: 'Who was paid: the insured, the loss payee (JPF-SETTLE-8) or the jeweler' }),
      payee_user_id: personal('user.unique_id', { ...LINK, description: 'Jeweler paid for a repair/replacement (JPF-SETTLE-2)' }),
      jeweler_order_id: NOT_PERSONAL,
      reference: personal('user.insurance.payment', { ...PAYMENT, description: 'Payment reference' }),
      status: NOT_PERSONAL,
      requested_by: personal('user.unique_id', { ...LINK, description: 'Who asked for the payment' }),
      requested_at: NOT_PERSONAL,
      decided_by: personal('user.unique_id', { ...LINK, description: 'Who approved or rejected the payment' }),
      decided_at: NOT_PERSONAL,
      rejection_reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Why a payment was rejected' }),
      issued_on: NOT_PERSONAL,
      cover_ended: NOT_PERSONAL,
    },
  },
];
