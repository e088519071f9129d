import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { ANONYMISE, BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The accounts module's tables (migration 0001): people who log in, their roles, sessions, mailed links and API tokens.

const ACCOUNT = { purposes: ['essential.service', 'essential.service.authentication'], provenance: ['data_subject', 'agent', 'insurer_staff'] } as const;
const SECURITY = { purposes: ['essential.service.security'], provenance: ['system'] } as const;

export const ACCOUNTS_TABLES: readonly TableDeclaration[] = [
  {
    table: 'app_user',
    module: 'accounts',
    subjectColumn: 'id',
    columns: {
      id: personal('user.unique_id', {
        ...ACCOUNT,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: keep(BASIS.identifier),
        description: 'Account id',
      }),
      email: personal('user.contact.email', { ...ACCOUNT, retention: 'until_erasure', erasure: ANONYMISE, description: 'Email address (login name)' }),
      display_name: personal('user.name', { ...ACCOUNT, retention: 'until_erasure', erasure: ANONYMISE, description: 'Name' }),
      password_hash: personal('user.authorization.credentials', {
        ...ACCOUNT,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Password (argon2id hash)',
      }),
      locale: personal('user.account.settings', {
        ...ACCOUNT,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: ANONYMISE,
        description: 'Language',
      }),
      status: NOT_PERSONAL,
      email_confirmed_at: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
      // Migration 0019 (PRV-RIGHT-2, PRV-PORTAL-1, PRV-RIGHT-3): contact data beyond name and email, closure, erasure.
      phone: personal('user.contact.phone_number', {
        ...ACCOUNT,
        provenance: ['data_subject', 'insurer_staff'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Phone number',
      }),
      postal_address: personal('user.contact.address', {
        ...ACCOUNT,
        provenance: ['data_subject', 'insurer_staff'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Postal address',
      }),
      closed_at: NOT_PERSONAL,
      erased_at: NOT_PERSONAL,
      // PRV-RIGHT-4 (migration 0023): whether a restriction is live; the restriction itself is in processing_restriction.
      processing_restricted: NOT_PERSONAL,
    },
  },
  {
    table: 'user_role',
    module: 'accounts',
    subjectColumn: 'user_id',
    columns: {
      user_id: personal('user.unique_id', {
        ...ACCOUNT,
        provenance: ['insurer_staff', 'system'],
        retention: 'until_erasure',
        erasure: keep(BASIS.identifier),
        description: 'Whose role',
      }),
      role: personal('user.account.settings', {
        ...ACCOUNT,
        provenance: ['insurer_staff', 'system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Role',
      }),
      granted_at: NOT_PERSONAL,
      granted_by: personal('user.unique_id', {
        purposes: ['essential.service.security'],
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: keep(BASIS.identifier),
        description: 'Staff member who granted the role',
      }),
    },
  },
  {
    table: 'user_session',
    module: 'accounts',
    subjectColumn: 'user_id',
    columns: {
      token_hash: personal('user.authorization.credentials', {
        ...SECURITY,
        retention: 'session_30_days',
        erasure: DELETE,
        description: 'Session token (hashed)',
      }),
      user_id: personal('user.unique_id', { ...SECURITY, retention: 'session_30_days', erasure: DELETE, description: 'Whose session' }),
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      last_seen_at: personal('user.behavior.browsing_history', { ...SECURITY, retention: 'session_30_days', erasure: DELETE, description: 'Last activity' }),
      ip_address: personal('user.device.ip_address', { ...SECURITY, retention: 'session_30_days', erasure: DELETE, description: 'IP address at login' }),
      user_agent: personal('user.device.device_id', { ...SECURITY, retention: 'session_30_days', erasure: DELETE, description: 'Browser (user agent)' }),
    },
  },
  {
    table: 'email_token',
    module: 'accounts',
    subjectColumn: 'user_id',
    columns: {
      token_hash: personal('user.authorization.credentials', {
        ...SECURITY,
        retention: 'session_30_days',
        erasure: DELETE,
        description: 'Mailed link token (hashed)',
      }),
      user_id: personal('user.unique_id', { ...SECURITY, retention: 'session_30_days', erasure: DELETE, description: 'Whose link' }),
      purpose: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      used_at: NOT_PERSONAL,
    },
  },
  {
    table: 'api_token',
    module: 'accounts',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', {
        ...ACCOUNT,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Whose token',
      }),
      name: personal('user.account.settings', {
        ...ACCOUNT,
        provenance: ['data_subject'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Token name',
      }),
      token_hash: personal('user.authorization.credentials', {
        ...ACCOUNT,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'API token (hashed)',
      }),
      token_prefix: personal('user.authorization.credentials', {
        ...ACCOUNT,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'API token prefix',
      }),
      scopes: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      expires_at: NOT_PERSONAL,
      last_used_at: personal('user.behavior.browsing_history', {
        ...ACCOUNT,
        provenance: ['system'],
        retention: 'until_erasure',
        erasure: DELETE,
        description: 'Last use of the token',
      }),
      revoked_at: NOT_PERSONAL,
    },
  },
];
