import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { ANONYMISE, BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The privacy requests' tables (migration 0016): requests (PRV-RIGHT-1..13, PRV-CONTACT-1), their one-time
// codes (PRV-RIGHT-10) and automated-decision review tasks (PRV-RIGHT-6). The request record itself stays as
// proof of how the right was answered (accountability; CCPA regulations §7101 keep request records 24 months),
// so erasure anonymises the person's name, address and words and keeps the bare record.

const REQUEST: PersonalOptions = {
  purposes: ['privacy.rights_management'],
  provenance: ['data_subject', 'insurer_staff'],
  retention: 'until_erasure',
  erasure: ANONYMISE,
};
const LINK: PersonalOptions = { ...REQUEST, provenance: ['system'], erasure: keep(BASIS.identifier) };

export const REQUEST_TABLES: readonly TableDeclaration[] = [
  {
    table: 'privacy_request',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: {
      id: NOT_PERSONAL,
      type: NOT_PERSONAL,
      status: NOT_PERSONAL,
      channel: NOT_PERSONAL,
      jurisdiction: personal('user.contact.address', {
        ...REQUEST,
        erasure: keep('Accountability: which law and deadline applied to the request.'),
        description: 'Country or US state the request falls under',
      }),
      subject_user_id: personal('user.unique_id', { ...LINK, description: 'The account the request is about' }),
      requester_name: personal('user.name', { ...REQUEST, description: 'Name given with the request' }),
      requester_email: personal('user.contact.email', { ...REQUEST, description: 'Address the request is answered at' }),
      details: personal('user.content.private', { ...REQUEST, description: 'What the person wrote with the request' }),
      third_party_recipient: personal('user.content.private', { ...REQUEST, description: 'PRV-RIGHT-8: the named third party for portability' }),
      agent_name: personal('user.name', { ...REQUEST, provenance: ['agent'], description: 'Authorised agent acting for the person' }),
      agent_authorisation_file_id: personal('user.unique_id', { ...LINK, description: 'The uploaded authorisation (stored_file)' }),
      verification_method: NOT_PERSONAL,
      verified_at: NOT_PERSONAL,
      verified_by: NOT_PERSONAL,
      received_on: NOT_PERSONAL,
      deadline_rule: NOT_PERSONAL,
      due_on: NOT_PERSONAL,
      extended_due_on: NOT_PERSONAL,
      extension_reason: personal('user.content.private', {
        ...REQUEST,
        provenance: ['insurer_staff'],
        description: 'PRV-RIGHT-11: reason sent with an extension',
      }),
      extended_at: NOT_PERSONAL,
      outcome_summary: personal('user.content.private', {
        ...REQUEST,
        provenance: ['insurer_staff'],
        description: 'What the person was told when the request was completed',
      }),
      rejection_reason: personal('user.content.private', { ...REQUEST, provenance: ['insurer_staff'], description: 'Why the request was rejected' }),
      closed_at: NOT_PERSONAL,
      closed_by: NOT_PERSONAL,
      entered_by: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
    },
  },
  {
    table: 'privacy_request_code',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      request_id: NOT_PERSONAL,
      // A keyed hash of a random code: nothing about the person, and useless once used or expired.
      code_hash: personal('user.authorization.credentials', {
        ...REQUEST,
        provenance: ['system'],
        erasure: DELETE,
        description: 'HMAC of the one-time code (PRV-RIGHT-10)',
      }),
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      failed_attempts: NOT_PERSONAL,
      used_at: NOT_PERSONAL,
    },
  },
  {
    table: 'privacy_review_task',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      request_id: NOT_PERSONAL,
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      reviewed_at: NOT_PERSONAL,
      reviewed_by: NOT_PERSONAL,
      review_outcome: personal('user.content.private', { ...REQUEST, provenance: ['insurer_staff'], description: 'PRV-RIGHT-6: outcome of the human review' }),
    },
  },
];
