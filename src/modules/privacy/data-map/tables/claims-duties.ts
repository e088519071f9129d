import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0028_claim_duties.sql (issue #4, "Duties and deadlines"): what the insurer asked of the insured after a
// loss (JPF-DUTY-5, JPF-DUTY-2) with the insured's answer and its fulfilment, the documents sent in answer, and the
// records of cooperation (JPF-DUTY-6) and abandonment offers (JPF-DUTY-7). They reach the policyholder through
// claim_id (request_id for the documents) and are kept like the claim: its defence and limitation periods need them.

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['insurer_staff'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const FROM_INSURED: PersonalOptions = { ...CLAIM_RECORD, provenance: ['data_subject'] };
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_DUTIES_TABLES: readonly TableDeclaration[] = [
  {
    table: 'claim_duty_request',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      clause: NOT_PERSONAL,
      details: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'What the insured was asked for (records, property, confirmation)' }),
      examination_on: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Date of the examination under oath' }),
      examination_time: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Time of the examination under oath' }),
      place: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Where the insured is examined or shows the property' }),
      due_on: NOT_PERSONAL,
      status: NOT_PERSONAL,
      requested_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who made the request' }),
      requested_at: NOT_PERSONAL,
      answered_by: personal('user.unique_id', { ...LINK, description: 'Policyholder who answered in the portal' }),
      answered_at: NOT_PERSONAL,
      answer_note: personal('user.insurance.claim', { ...FROM_INSURED, description: 'The insured’s answer or written confirmation (JPF-DUTY-2)' }),
      fulfilled_on: NOT_PERSONAL,
      fulfilment_note: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Adjuster’s note on how the duty was fulfilled' }),
      fulfilled_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who recorded the fulfilment' }),
      fulfilled_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_duty_request_file',
    module: 'claims',
    subjectColumn: null,
    columns: {
      request_id: NOT_PERSONAL,
      file_id: NOT_PERSONAL,
      attached_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_duty_record',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      clause: NOT_PERSONAL,
      occurred_on: NOT_PERSONAL,
      description: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Cooperation issue or abandonment offer (JPF-DUTY-6/7)' }),
      decision: NOT_PERSONAL,
      consent_reference: NOT_PERSONAL,
      recorded_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who recorded it' }),
      recorded_at: NOT_PERSONAL,
    },
  },
];
