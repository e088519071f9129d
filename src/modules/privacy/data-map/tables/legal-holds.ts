import type { TableDeclaration } from '../../domain/data-map-types.ts';
import { keep, NOT_PERSONAL, personal } from '../declare.ts';

// The privacy module's legal holds (migration 0018). A hold outlives erasure: it is why data is kept.

const HOLD_BASIS = 'Legal claims: a legal hold and its reasons are kept as evidence of why data was kept.';

export const LEGAL_HOLD_TABLES: readonly TableDeclaration[] = [
  {
    table: 'legal_hold',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      subject_type: NOT_PERSONAL,
      subject_id: personal('user.unique_id', {
        purposes: ['essential.legal_obligation'],
        provenance: ['insurer_staff'],
        retention: 'audit_chain',
        erasure: keep(HOLD_BASIS),
        description: 'Person or policy under legal hold',
      }),
      reason: personal('user.content.private', {
        purposes: ['essential.legal_obligation'],
        provenance: ['insurer_staff'],
        retention: 'audit_chain',
        erasure: keep(HOLD_BASIS),
        description: 'Why the hold was placed',
      }),
      placed_by: NOT_PERSONAL,
      placed_at: NOT_PERSONAL,
      released_by: NOT_PERSONAL,
      released_at: NOT_PERSONAL,
      release_reason: personal('user.content.private', {
        purposes: ['essential.legal_obligation'],
        provenance: ['insurer_staff'],
        retention: 'audit_chain',
        erasure: keep(HOLD_BASIS),
        description: 'Why the hold was released',
      }),
    },
  },
];
