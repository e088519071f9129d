import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The documents module's tables (migrations 0007, 0014): generated documents (declarations pages, notices).
// A document row reaches its person through policy_id; the bytes name the insureds and their items.

export const DOCUMENTS_TABLES: readonly TableDeclaration[] = [
  {
    table: 'document_content',
    module: 'documents',
    subjectColumn: null,
    columns: {
      sha256: NOT_PERSONAL,
      content: personal('user.insurance.policy', {
        purposes: ['essential.service', 'essential.legal_obligation'],
        provenance: ['system'],
        retention: 'policy_life_plus_7_years',
        erasure: keep(BASIS.policyRecord),
        description: 'Generated document (declarations page, notices)',
      }),
      byte_size: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'document',
    module: 'documents',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      policy_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      locale: NOT_PERSONAL,
      sha256: NOT_PERSONAL,
      byte_size: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      policy_transaction_id: NOT_PERSONAL,
    },
  },
];
