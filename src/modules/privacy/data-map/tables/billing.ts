import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The billing module's tables (migrations 0005, 0011). Invoices, payments and refunds reach their person
// through account_id → billing_account.holder_user_id. PRV-RET-1: invoices are kept 7 years.
// recorded_by / paid_by: 'system:<name>' or the staff member's id (staff accountability).

const LEDGER: PersonalOptions = {
  purposes: ['essential.service.payment_processing', 'essential.legal_obligation'],
  provenance: ['system'],
  retention: 'invoice_7_years',
  erasure: keep(BASIS.invoices),
};

export const BILLING_TABLES: readonly TableDeclaration[] = [
  {
    table: 'billing_account',
    module: 'billing',
    subjectColumn: 'holder_user_id',
    columns: {
      id: NOT_PERSONAL,
      holder_user_id: personal('user.unique_id', { ...LEDGER, description: 'Account holder' }),
      currency: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'invoice',
    module: 'billing',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      account_id: NOT_PERSONAL,
      policy_id: NOT_PERSONAL,
      policy_number: personal('user.insurance.policy', { ...LEDGER, description: 'Policy number on the invoice' }),
      kind: NOT_PERSONAL,
      amount: personal('user.insurance.payment', { ...LEDGER, description: 'Invoice amount' }),
      currency: NOT_PERSONAL,
      issued_on: NOT_PERSONAL,
      due_on: NOT_PERSONAL,
      structured_reference: personal('user.insurance.payment', { ...LEDGER, description: 'Payment reference (ISO 11649)' }),
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      cancelled_at: NOT_PERSONAL,
      cancellation_reason: personal('user.content.private', {
        ...LEDGER,
        provenance: ['insurer_staff', 'system'],
        description: 'Why the invoice was cancelled',
      }),
    },
  },
  {
    table: 'payment',
    module: 'billing',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      account_id: NOT_PERSONAL,
      amount: personal('user.insurance.payment', { ...LEDGER, provenance: ['data_subject'], description: 'Amount paid' }),
      currency: NOT_PERSONAL,
      received_on: NOT_PERSONAL,
      method: NOT_PERSONAL,
      reference: personal('user.insurance.payment', { ...LEDGER, provenance: ['data_subject'], description: 'Reference the payer wrote' }),
      source: NOT_PERSONAL,
      bank_transaction_id: personal('user.insurance.payment', { ...LEDGER, description: "The bank's id of the statement entry" }),
      recorded_by: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'payment_allocation',
    module: 'billing',
    subjectColumn: null,
    columns: { payment_id: NOT_PERSONAL, invoice_id: NOT_PERSONAL, amount: NOT_PERSONAL },
  },
  {
    table: 'refund',
    module: 'billing',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      account_id: NOT_PERSONAL,
      policy_id: NOT_PERSONAL,
      policy_number: personal('user.insurance.policy', { ...LEDGER, description: 'Policy number of the refund' }),
      amount: personal('user.insurance.payment', { ...LEDGER, description: 'Refund amount' }),
      currency: NOT_PERSONAL,
      reason: personal('user.content.private', { ...LEDGER, provenance: ['insurer_staff', 'system'], description: 'Why the refund is due' }),
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      paid_on: NOT_PERSONAL,
      paid_reference: personal('user.insurance.payment', { ...LEDGER, provenance: ['insurer_staff'], description: 'Reference of the refund payment' }),
      paid_by: NOT_PERSONAL,
      cancelled_at: NOT_PERSONAL,
      cancellation_reason: personal('user.content.private', {
        ...LEDGER,
        provenance: ['insurer_staff', 'system'],
        description: 'Why the refund was cancelled',
      }),
    },
  },
];
