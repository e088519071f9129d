import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0031_claim_recovery.sql (issue #4): the subrogation record of a claim (JPF-SUBRO-1, JPF-COND-4), its
// recoveries (JPF-SUBRO-2) and appraisal disputes (JPF-APPR-1). They reach the policyholder through claim_id and
// are kept like the claim itself: recovery rights and the limitation periods need them (BASIS.claimRecord).
// Third parties, bailees, appraisers and umpires are named here too: kept for the same reason.

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['data_subject', 'insurer_staff'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const STAFF_RECORD: PersonalOptions = { ...CLAIM_RECORD, provenance: ['insurer_staff'] };
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_RECOVERY_TABLES: readonly TableDeclaration[] = [
  {
    table: 'claim_subrogation',
    module: 'claims',
    subjectColumn: null,
    columns: {
      claim_id: NOT_PERSONAL,
      third_party_name: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Third party responsible for the loss (JPF-SUBRO-1)' }),
      third_party_details: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'How to reach the third party, what they did' }),
      third_party_kind: NOT_PERSONAL,
      custodian_role: NOT_PERSONAL,
      no_benefit_to_bailee: NOT_PERSONAL,
      assignment_required: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Whether the insured must assign recovery rights' }),
      assignment_signed_on: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'When the insured assigned their recovery rights' }),
      waiver_written_on: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Date of the insured’s waiver of recovery' }),
      waiver_in_writing: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Whether the waiver was in writing' }),
      impairment_reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'How the insured impaired the insurer’s recovery rights' }),
      impaired_at: NOT_PERSONAL,
      impaired_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who recorded the impairment' }),
      updated_by: personal('user.unique_id', { ...LINK, description: 'Who last changed the subrogation record' }),
      created_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_recovery',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      line_no: NOT_PERSONAL,
      description: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'What was recovered (JPF-SUBRO-2)' }),
      amount: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Money recovered' }),
      currency: NOT_PERSONAL,
      recovered_from: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'From whom it was recovered' }),
      recovered_on: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'When it was recovered' }),
      reported_by_party: NOT_PERSONAL,
      reported_by_user_id: personal('user.unique_id', { ...LINK, description: 'Who reported the recovery' }),
      outcome: NOT_PERSONAL,
      title_passed_on: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'When the item became the insurer’s' }),
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'appraisal_dispute',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      subjects: NOT_PERSONAL,
      demanded_by: NOT_PERSONAL,
      demand_received_on: NOT_PERSONAL,
      demand_reference: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Reference of the written demand for appraisal' }),
      appraiser_naming_due: NOT_PERSONAL,
      insured_appraiser_name: personal('user.name', { ...CLAIM_RECORD, description: 'Appraiser selected by the insured (JPF-APPR-1)' }),
      insured_appraiser_details: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Contact details of the insured’s appraiser' }),
      insured_appraiser_named_on: NOT_PERSONAL,
      insurer_appraiser_name: personal('user.name', { ...STAFF_RECORD, description: 'Appraiser selected by the insurer' }),
      insurer_appraiser_details: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Contact details of the insurer’s appraiser' }),
      insurer_appraiser_named_on: NOT_PERSONAL,
      umpire_selection_due: NOT_PERSONAL,
      umpire_name: personal('user.name', { ...STAFF_RECORD, description: 'Umpire of the appraisal' }),
      umpire_details: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Contact details of the umpire' }),
      umpire_selected_by: NOT_PERSONAL,
      umpire_selected_on: NOT_PERSONAL,
      umpire_court: NOT_PERSONAL,
      status: NOT_PERSONAL,
      award_amount_of_loss: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Appraisal award: the amount of the loss' }),
      award_property_value: personal('user.insurance.insured_property', { ...STAFF_RECORD, description: 'Appraisal award: the value of the property' }),
      award_repair_cost: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Appraisal award: the cost to repair or replace' }),
      award_signed_by: NOT_PERSONAL,
      award_signed_on: NOT_PERSONAL,
      award_recorded_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who recorded the award' }),
      award_recorded_at: NOT_PERSONAL,
      insured_appraiser_fee: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Fee of the insured’s appraiser' }),
      insurer_appraiser_fee: NOT_PERSONAL,
      umpire_fee: NOT_PERSONAL,
      other_expenses: NOT_PERSONAL,
      insured_cost_share: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'What the insured pays of the appraisal' }),
      insurer_cost_share: NOT_PERSONAL,
      currency: NOT_PERSONAL,
      created_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who recorded the demand' }),
      created_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
    },
  },
];
