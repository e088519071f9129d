import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { ANONYMISE, BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

// Platform tables (migrations 0001, 0002 and the migration runner's own bookkeeping).

const SECURITY = { purposes: ['essential.service.security'], provenance: ['system'] } as const;

export const PLATFORM_TABLES: readonly TableDeclaration[] = [
  {
    table: 'schema_migration',
    module: 'platform',
    subjectColumn: null,
    columns: { version: NOT_PERSONAL, name: NOT_PERSONAL, checksum: NOT_PERSONAL, applied_at: NOT_PERSONAL },
  },
  {
    table: 'instance_setting',
    module: 'platform',
    subjectColumn: null,
    columns: { name: NOT_PERSONAL, value: NOT_PERSONAL, created_at: NOT_PERSONAL },
  },
  {
    table: 'rate_limit_counter',
    module: 'platform',
    subjectColumn: null,
    columns: {
      // 'login:ip:<address>' or 'login:email:<sha-256>': an IP address or a pseudonymised email.
      bucket: personal('user.device.ip_address', {
        ...SECURITY,
        retention: 'rate_limit_1_day',
        erasure: DELETE,
        description: 'Rate-limit key (IP address or hashed email)',
      }),
      window_start: NOT_PERSONAL,
      hits: NOT_PERSONAL,
    },
  },
  {
    table: 'idempotency_record',
    module: 'platform',
    subjectColumn: null,
    columns: {
      scope: personal('user.unique_id', {
        purposes: ['essential.service'],
        provenance: ['system'],
        retention: 'idempotency_30_days',
        erasure: DELETE,
        description: 'Who sent the request (scope)',
      }),
      idempotency_key: NOT_PERSONAL,
      request_hash: NOT_PERSONAL,
      status_code: NOT_PERSONAL,
      // The stored response of e.g. an application: it names the insureds.
      response_body: personal('user.insurance.policy', {
        purposes: ['essential.service'],
        provenance: ['data_subject', 'agent'],
        retention: 'idempotency_30_days',
        erasure: DELETE,
        description: 'Stored API response',
      }),
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'audit_event',
    module: 'platform',
    subjectColumn: 'actor_id',
    columns: {
      id: NOT_PERSONAL,
      occurred_at: NOT_PERSONAL,
      actor_type: NOT_PERSONAL,
      actor_id: personal('user.unique_id', { ...SECURITY, retention: 'audit_chain', erasure: keep(BASIS.audit), description: 'Who acted' }),
      actor_roles: NOT_PERSONAL,
      action: NOT_PERSONAL,
      subject_type: NOT_PERSONAL,
      subject_id: personal('user.unique_id', { ...SECURITY, retention: 'audit_chain', erasure: keep(BASIS.audit), description: 'What was acted on' }),
      outcome: NOT_PERSONAL,
      request_id: NOT_PERSONAL,
      purpose: NOT_PERSONAL,
      details: NOT_PERSONAL,
      // Outside the hashed part, so that erasure keeps the chain verifiable (DESIGN §5).
      personal_details: personal('user.content.private', {
        ...SECURITY,
        retention: 'audit_chain',
        erasure: ANONYMISE,
        description: 'Personal details of an event',
      }),
      chain_seq: NOT_PERSONAL,
      prev_hash: NOT_PERSONAL,
      hash: NOT_PERSONAL,
      sealed_at: NOT_PERSONAL,
    },
  },
  {
    table: 'job',
    module: 'platform',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      // A mail job holds the recipient's address and the mail's parameters.
      payload: personal('user.contact.email', {
        purposes: ['essential.service'],
        provenance: ['system'],
        retention: 'job_90_days',
        erasure: DELETE,
        description: 'Job payload (mail recipient, parameters)',
      }),
      status: NOT_PERSONAL,
      run_at: NOT_PERSONAL,
      attempts: NOT_PERSONAL,
      max_attempts: NOT_PERSONAL,
      last_error: NOT_PERSONAL,
      dedupe_key: NOT_PERSONAL,
      locked_by: NOT_PERSONAL,
      locked_until: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
      finished_at: NOT_PERSONAL,
    },
  },
];
