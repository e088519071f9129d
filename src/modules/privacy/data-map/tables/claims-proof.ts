import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0029_proof_of_loss.sql (issue #4, JPF-DUTY-4): the insured's proof of loss, its inventory and attached
// files, and the adjuster's request that it be sworn. They reach the policyholder through claim_id (proof_of_loss)
// and proof_id, and are kept like the claim itself (BASIS.claimRecord): the statement of loss is the evidence the
// settlement and any dispute or suit rest on.

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['data_subject'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const STAFF_RECORD: PersonalOptions = { ...CLAIM_RECORD, provenance: ['insurer_staff'] };
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_PROOF_TABLES: readonly TableDeclaration[] = [
  {
    table: 'proof_of_loss_oath_request',
    module: 'claims',
    subjectColumn: null,
    columns: {
      claim_id: NOT_PERSONAL,
      requested_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who asked for a sworn proof of loss' }),
      requested_at: NOT_PERSONAL,
      note: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Why a sworn proof of loss was asked for' }),
    },
  },
  {
    table: 'proof_of_loss',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      submission_no: NOT_PERSONAL,
      loss_date: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Date of the loss (JPF-DUTY-4 a)' }),
      loss_time: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Time of the loss (JPF-DUTY-4 a)' }),
      loss_time_approximate: NOT_PERSONAL,
      loss_place: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Place of the loss (JPF-DUTY-4 a)' }),
      loss_details: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'The insured’s account of the loss (JPF-DUTY-4 a)' }),
      other_insurance: personal('user.insurance.policy', { ...CLAIM_RECORD, description: 'Other insurance that may cover the loss (JPF-DUTY-4 b)' }),
      insured_interest: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'The insured’s interest in the property (JPF-DUTY-4 c)' }),
      other_interests: personal('user.insurance.insured_property', {
        ...CLAIM_RECORD,
        description: 'Others’ interests in the property, liens and encumbrances, with names (JPF-DUTY-4 c)',
      }),
      title_changes: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Changes in title during the policy period (JPF-DUTY-4 d)' }),
      sworn: NOT_PERSONAL,
      oath_statement: NOT_PERSONAL,
      signed_name: personal('user.name', { ...CLAIM_RECORD, description: 'The insured’s typed signature' }),
      signed_by: personal('user.unique_id', { ...LINK, description: 'User who signed the proof of loss' }),
      signed_at: NOT_PERSONAL,
      status: NOT_PERSONAL,
      decided_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who accepted or rejected it' }),
      decided_at: NOT_PERSONAL,
      rejection_reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Why the proof of loss was not satisfactory' }),
    },
  },
  {
    table: 'proof_of_loss_line',
    module: 'claims',
    subjectColumn: null,
    columns: {
      proof_id: NOT_PERSONAL,
      claim_line_no: NOT_PERSONAL,
      quantity: NOT_PERSONAL,
      description: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Inventory: the lost or damaged property (JPF-DUTY-4 e)' }),
      cost: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Inventory: what the property cost' }),
      actual_cash_value: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Inventory: actual cash value' }),
      amount_of_loss: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Inventory: the amount of the loss' }),
    },
  },
  {
    table: 'proof_of_loss_file',
    module: 'claims',
    subjectColumn: null,
    columns: {
      proof_id: NOT_PERSONAL,
      file_id: NOT_PERSONAL,
    },
  },
];
