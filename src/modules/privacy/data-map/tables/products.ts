import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { NOT_PERSONAL } from '../declare.ts';

// The products module's tables (migration 0003): product definitions and rate tables, no personal data.
// uploaded_by / activated_by name staff as 'system:<name>' or a staff user id: staff accountability, not
// data about insured people; the audit log holds the same.

export const PRODUCTS_TABLES: readonly TableDeclaration[] = [
  {
    table: 'product',
    module: 'products',
    subjectColumn: null,
    columns: { id: NOT_PERSONAL, code: NOT_PERSONAL, name: NOT_PERSONAL, currency: NOT_PERSONAL, country: NOT_PERSONAL, created_at: NOT_PERSONAL },
  },
  {
    table: 'product_version',
    module: 'products',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      product_id: NOT_PERSONAL,
      version: NOT_PERSONAL,
      effective_from: NOT_PERSONAL,
      status: NOT_PERSONAL,
      broadening: NOT_PERSONAL,
      adopted_on: NOT_PERSONAL,
      definition: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'rate_table',
    module: 'products',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      product_id: NOT_PERSONAL,
      name: NOT_PERSONAL,
      version: NOT_PERSONAL,
      effective_from: NOT_PERSONAL,
      status: NOT_PERSONAL,
      uploaded_by: NOT_PERSONAL,
      source_sha256: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      activated_by: NOT_PERSONAL,
      activated_at: NOT_PERSONAL,
    },
  },
  {
    table: 'rate_table_row',
    module: 'products',
    subjectColumn: null,
    columns: { rate_table_id: NOT_PERSONAL, key: NOT_PERSONAL, value: NOT_PERSONAL },
  },
];
