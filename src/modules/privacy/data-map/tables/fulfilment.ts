import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { ANONYMISE, BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

/**
 * The tables of privacy fulfilment (migration 0019): restrictions, access packages, portability deliveries,
 * corrections and erasure records (PRV-RIGHT-1, -2, -3, -4, -8). The app_user columns it adds (phone,
 * postal_address, closed_at, erased_at) are declared with app_user in the accounts tables file.
 */
const RIGHTS = ['privacy.rights_management'] as const;
const ACCOUNTABILITY = 'Accountability: proof that a privacy right was honoured is kept (GDPR art. 5(2)); it holds no other personal data.';

export const FULFILMENT_TABLES: readonly TableDeclaration[] = [
  {
    table: 'processing_restriction',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { purposes: RIGHTS, provenance: ['system'], retention: 'until_erasure', erasure: keep(BASIS.identifier) }),
      reason: personal('user.privacy_preferences', { purposes: RIGHTS, provenance: ['data_subject'], retention: 'until_erasure', erasure: ANONYMISE }),
      privacy_request_id: NOT_PERSONAL,
      started_at: NOT_PERSONAL,
      started_by: NOT_PERSONAL,
      lifted_at: NOT_PERSONAL,
      lifted_by: NOT_PERSONAL,
      lift_reason: personal('user.privacy_preferences', { purposes: RIGHTS, provenance: ['insurer_staff'], retention: 'until_erasure', erasure: ANONYMISE }),
    },
  },
  {
    table: 'access_package',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { purposes: RIGHTS, provenance: ['system'], retention: 'until_erasure', erasure: DELETE }),
      purpose: NOT_PERSONAL,
      privacy_request_id: NOT_PERSONAL,
      status: NOT_PERSONAL,
      sealed_password: personal('user.authorization.credentials', { purposes: RIGHTS, provenance: ['system'], retention: 'until_erasure', erasure: DELETE }),
      password_shown_at: NOT_PERSONAL,
      content: personal('user.content.private', {
        purposes: RIGHTS,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'The encrypted access package (PRV-RIGHT-1).',
      }),
      sha256: NOT_PERSONAL,
      byte_size: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      ready_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      downloads: NOT_PERSONAL,
      last_downloaded_at: NOT_PERSONAL,
    },
  },
  {
    table: 'portability_delivery',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      access_package_id: NOT_PERSONAL,
      recipient_name: personal('user.name', { purposes: RIGHTS, provenance: ['data_subject'], retention: 'until_erasure', erasure: keep(ACCOUNTABILITY) }),
      recipient_email: personal('user.contact.email', {
        purposes: RIGHTS,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: keep(ACCOUNTABILITY),
      }),
      token_hash: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      downloaded_at: NOT_PERSONAL,
    },
  },
  {
    table: 'contact_correction',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { purposes: RIGHTS, provenance: ['system'], retention: 'until_erasure', erasure: DELETE }),
      requested_by: NOT_PERSONAL,
      changes: personal('user.contact.address', { purposes: RIGHTS, provenance: ['data_subject'], retention: 'until_erasure', erasure: DELETE }),
      note: personal('user.content.private', { purposes: RIGHTS, provenance: ['data_subject'], retention: 'until_erasure', erasure: DELETE }),
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      decided_at: NOT_PERSONAL,
      decided_by: NOT_PERSONAL,
      decision_reason: NOT_PERSONAL,
    },
  },
  {
    table: 'erasure_record',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { purposes: RIGHTS, provenance: ['system'], retention: 'audit_chain', erasure: keep(ACCOUNTABILITY) }),
      privacy_request_id: NOT_PERSONAL,
      performed_at: NOT_PERSONAL,
      performed_by: NOT_PERSONAL,
      erased: NOT_PERSONAL,
      kept: NOT_PERSONAL,
    },
  },
];
