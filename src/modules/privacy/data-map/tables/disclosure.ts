import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

/**
 * The tables of disclosures, incidents, surveys and de-identified exports (migration 0020): the recipient
 * registry with processor agreements (PRV-DISC-3, PRV-PROC-1), the disclosure log (PRV-DISC-1), partner
 * authorisations, the incident register (PRV-FRAUD-1), survey invitations and anonymous answers
 * (PRV-SURVEY-1) and the record of de-identified exports (PRV-DEID-1).
 */
const DISCLOSURES =
  'Accountability (PRV-DISC-3): the log of disclosures made about a person is kept so it can be shown to them and to a supervisory authority.';
const INCIDENTS = 'Fraud prevention and legal claims (PRV-FRAUD-1): the incident register is kept while the policy record is.';
const SERVICE = ['essential.service'] as const;
const RIGHTS = ['privacy.rights_management'] as const;

export const DISCLOSURE_TABLES: readonly TableDeclaration[] = [
  {
    table: 'privacy_recipient',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      name: NOT_PERSONAL,
      recipient_type: NOT_PERSONAL,
      description: NOT_PERSONAL,
      contact_email: NOT_PERSONAL,
      // The login of an agent, jeweler or partner firm: a business relationship, not a data subject of this table.
      user_id: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      created_by: NOT_PERSONAL,
      retired_at: NOT_PERSONAL,
    },
  },
  {
    table: 'processor_agreement',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      recipient_id: NOT_PERSONAL,
      reference: NOT_PERSONAL,
      signed_on: NOT_PERSONAL,
      ends_on: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      created_by: NOT_PERSONAL,
    },
  },
  {
    table: 'disclosure',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: {
      id: NOT_PERSONAL,
      recipient_id: personal('user.privacy_preferences', {
        purposes: RIGHTS,
        provenance: ['system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(DISCLOSURES),
        description: 'Who received the data',
      }),
      subject_user_id: personal('user.unique_id', {
        purposes: RIGHTS,
        provenance: ['system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(BASIS.identifier),
        description: 'Whose data was disclosed',
      }),
      categories: personal('user.privacy_preferences', {
        purposes: RIGHTS,
        provenance: ['system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(DISCLOSURES),
        description: 'Which categories of data were disclosed',
      }),
      basis: personal('user.privacy_preferences', {
        purposes: RIGHTS,
        provenance: ['system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(DISCLOSURES),
        description: 'Why the disclosure was allowed',
      }),
      purpose: personal('user.privacy_preferences', {
        purposes: RIGHTS,
        provenance: ['insurer_staff', 'system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(DISCLOSURES),
        description: 'What the recipient needed it for',
      }),
      reference_type: NOT_PERSONAL,
      reference_id: NOT_PERSONAL,
      disclosed_at: NOT_PERSONAL,
      recorded_by_type: NOT_PERSONAL,
      recorded_by: NOT_PERSONAL,
    },
  },
  {
    table: 'partner_authorisation',
    module: 'privacy',
    subjectColumn: 'customer_user_id',
    columns: {
      id: NOT_PERSONAL,
      customer_user_id: personal('user.unique_id', {
        purposes: RIGHTS,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'The customer who authorised a partner',
      }),
      recipient_id: personal('user.privacy_preferences', {
        purposes: RIGHTS,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'The partner the customer authorised',
      }),
      granted_at: NOT_PERSONAL,
      revoked_at: NOT_PERSONAL,
    },
  },
  {
    table: 'incident',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: {
      id: NOT_PERSONAL,
      kind: personal('user.insurance.incident', {
        purposes: ['essential.fraud_detection'],
        provenance: ['insurer_staff'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(INCIDENTS),
        description: 'Kind of incident (non-payment, suspected fraud)',
      }),
      subject_user_id: personal('user.unique_id', {
        purposes: ['essential.fraud_detection'],
        provenance: ['insurer_staff'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(INCIDENTS),
        description: 'Whom the incident is about',
      }),
      policy_id: personal('user.insurance.policy', {
        purposes: ['essential.fraud_detection'],
        provenance: ['insurer_staff'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(INCIDENTS),
        description: 'The policy concerned',
      }),
      summary: personal('user.insurance.incident', {
        purposes: ['essential.fraud_detection'],
        provenance: ['insurer_staff'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(INCIDENTS),
        description: 'What happened',
      }),
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      created_by: NOT_PERSONAL,
      closed_at: NOT_PERSONAL,
      closed_by: NOT_PERSONAL,
      closing_note: personal('user.insurance.incident', {
        purposes: ['essential.fraud_detection'],
        provenance: ['insurer_staff'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(INCIDENTS),
        description: 'How it was closed',
      }),
    },
  },
  {
    table: 'survey',
    module: 'privacy',
    subjectColumn: null,
    columns: { id: NOT_PERSONAL, title: NOT_PERSONAL, questions: NOT_PERSONAL, created_at: NOT_PERSONAL, created_by: NOT_PERSONAL },
  },
  {
    table: 'survey_invitation',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      survey_id: NOT_PERSONAL,
      user_id: personal('user.unique_id', {
        purposes: SERVICE,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Who was invited to a satisfaction survey',
      }),
      sent_at: NOT_PERSONAL,
    },
  },
  {
    // PRV-SURVEY-1: the single-use answer links, hashed, with no column naming a person or an invitation.
    table: 'survey_token',
    module: 'privacy',
    subjectColumn: null,
    columns: { token_hash: NOT_PERSONAL, survey_id: NOT_PERSONAL, expires_at: NOT_PERSONAL, used: NOT_PERSONAL },
  },
  {
    // PRV-SURVEY-1: no column links an answer to a person or an invitation.
    table: 'survey_answer',
    module: 'privacy',
    subjectColumn: null,
    columns: { id: NOT_PERSONAL, survey_id: NOT_PERSONAL, ratings: NOT_PERSONAL },
  },
  {
    table: 'deidentified_export',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      dataset: NOT_PERSONAL,
      exported_at: NOT_PERSONAL,
      exported_by: NOT_PERSONAL,
      row_count: NOT_PERSONAL,
      suppressed_count: NOT_PERSONAL,
      min_cell_size: NOT_PERSONAL,
      sha256: NOT_PERSONAL,
    },
  },
];
