import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The files module's table (migration 0012): uploaded appraisals and receipts, supporting an application or policy.

const UPLOAD: PersonalOptions = {
  purposes: ['essential.service', 'essential.service.underwriting'],
  provenance: ['data_subject', 'agent', 'jeweler'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.policyRecord),
};

export const FILES_TABLES: readonly TableDeclaration[] = [
  {
    table: 'stored_file',
    module: 'files',
    subjectColumn: 'owner_user_id',
    columns: {
      id: NOT_PERSONAL,
      owner_user_id: personal('user.unique_id', { ...UPLOAD, provenance: ['system'], description: 'Customer the file is about' }),
      uploaded_by: personal('user.unique_id', { ...UPLOAD, provenance: ['system'], description: 'Who uploaded' }),
      purpose: NOT_PERSONAL,
      declared_content_type: NOT_PERSONAL,
      sniffed_content_type: NOT_PERSONAL,
      byte_size: NOT_PERSONAL,
      sha256: NOT_PERSONAL,
      content: personal('user.insurance.insured_property', { ...UPLOAD, description: 'Appraisal or receipt (file)' }),
      linked_type: NOT_PERSONAL,
      linked_id: NOT_PERSONAL,
      linked_item_index: NOT_PERSONAL,
      linked_at: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
];
