import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0027_coverage_decision.sql (issue #4): the coverage proposals and decisions of a claim (JPF-COVER-1,
// JPF-EXCL-1..8, JPF-COND-4), the insured's requests for a person to review an automatic proposal (PRV-RIGHT-6) and
// the denial letters. They reach the policyholder through claim_id and are kept like the claim itself: the decision and
// its grounds are needed while the claim and its limitation periods run (BASIS.claimRecord).

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['insurer_staff', 'system'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const STAFF_RECORD: PersonalOptions = { ...CLAIM_RECORD, provenance: ['insurer_staff'] };
const INSURED_RECORD: PersonalOptions = { ...CLAIM_RECORD, provenance: ['data_subject'] };
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_COVERAGE_TABLES: readonly TableDeclaration[] = [
  {
    table: 'claim_coverage_decision',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      seq: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      outcome: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Whether the loss is covered (proposal or decision)' }),
      automatic: NOT_PERSONAL,
      causes: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Causes of the loss as the adjuster recorded them' }),
      custodian: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Who held the property when it was lost (JPF-COND-4)' }),
      clauses: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Policy clauses the decision rests on' }),
      missing: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Information the insurer still needs' }),
      notes: NOT_PERSONAL,
      proposal_id: NOT_PERSONAL,
      overridden: NOT_PERSONAL,
      reconsideration: NOT_PERSONAL,
      reason: personal('user.insurance.claim', { ...STAFF_RECORD, description: 'Adjuster’s reason for overriding or reconsidering' }),
      decided_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who decided' }),
      recorded_by: personal('user.unique_id', { ...LINK, description: 'Who recorded the causes or the decision' }),
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_coverage_review_request',
    module: 'claims',
    subjectColumn: 'requested_by',
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      proposal_id: NOT_PERSONAL,
      requested_by: personal('user.unique_id', { ...LINK, description: 'Insured who asked for a person to review (PRV-RIGHT-6)' }),
      reason: personal('user.insurance.claim', { ...INSURED_RECORD, description: 'Why the insured asked for a person to review' }),
      status: NOT_PERSONAL,
      due_on: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      closed_at: NOT_PERSONAL,
      decision_id: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_coverage_letter',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      decision_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      locale: personal('user.demographic.language', { ...LINK, description: 'Language the letter was written in (the holder’s)' }),
      sha256: NOT_PERSONAL,
      byte_size: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
];
