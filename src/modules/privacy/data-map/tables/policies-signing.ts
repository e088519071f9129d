import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { DELETE, NOT_PERSONAL, personal } from '../declare.ts';

/**
 * Signing invitations of the policies module (migration 0021; JPF-COND-9 removals, JPF-CANCEL-1 cancellations): a
 * one-time link mailed to a named insured to sign a pending request. The address is only needed to deliver the link:
 * every personal column goes with the row 30 days after the link expired (the retention purge, purge-targets.ts) or
 * on erasure. The signature the link recorded stays in policy_signature, part of the policy record.
 */
const LINK_DELIVERY: PersonalOptions = {
  purposes: ['essential.service'],
  provenance: ['data_subject', 'insurer_staff'],
  retention: 'session_30_days',
  erasure: DELETE,
};

export const POLICIES_SIGNING_TABLES: readonly TableDeclaration[] = [
  {
    table: 'signing_invitation',
    module: 'policies',
    // The user who sent the invitation (the holder, or staff): the named insured invited has no login.
    subjectColumn: 'invited_by',
    columns: {
      id: NOT_PERSONAL,
      policy_id: NOT_PERSONAL,
      cancellation_request_id: NOT_PERSONAL,
      endorsement_request_id: NOT_PERSONAL,
      named_insured: personal('user.name', { ...LINK_DELIVERY, description: 'Named insured invited to sign' }),
      email: personal('user.contact.email', { ...LINK_DELIVERY, description: 'Where the signing link was mailed' }),
      token_hash: personal('user.authorization.credentials', { ...LINK_DELIVERY, provenance: ['system'], description: 'Signing link (hashed)' }),
      invited_by: personal('user.unique_id', { ...LINK_DELIVERY, provenance: ['system'], description: 'Who sent the invitation' }),
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      used_at: NOT_PERSONAL,
      signature_id: NOT_PERSONAL,
      revoked_at: NOT_PERSONAL,
    },
  },
];
