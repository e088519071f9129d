import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// migrations/0026_claims_fnol.sql (issue #4, first notice of loss): the report's facts beside the claim row. It
// reaches the policyholder through claim_id and is kept like the claim itself (BASIS.claimRecord).
const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['data_subject', 'agent', 'insurer_staff'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};

export const CLAIMS_FNOL_TABLES: readonly TableDeclaration[] = [
  {
    table: 'claim_first_notice',
    module: 'claims',
    subjectColumn: null,
    columns: {
      claim_id: NOT_PERSONAL,
      violation_of_law: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'The loss results from a violation of law (JPF-DUTY-3)' }),
      withdrawn_at: NOT_PERSONAL,
      withdrawal_reason: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Why the claim was withdrawn' }),
    },
  },
];
