import type { DataCategory, ErasureAction, NonPersonalColumn, PersonalColumn, Provenance, Purpose } from '../domain/data-map-types.ts';
import type { KnownRetentionRuleId } from '../domain/retention-rules.ts';

/**
 * Small helpers that keep the table files readable (issue #5, the data map). A tables file may also
 * write the declarations out in full; these only spell the common cases once.
 */
export const NOT_PERSONAL: NonPersonalColumn = { personal: false };

export const DELETE: ErasureAction = { action: 'delete' };
export const ANONYMISE: ErasureAction = { action: 'anonymise' };
export function keep(basis: string): ErasureAction {
  return { action: 'keep', basis };
}

/** Legal bases told to the person when erasure keeps a value (PRV-RIGHT-3). */
export const BASIS = {
  invoices: 'Tax and accounting law: invoices, payments and refunds are kept 7 years.',
  policyRecord: 'The insurance contract: policy records are kept while the policy lives and 7 years after it ends (claims, limitation periods).',
  applicationEvidence: 'PRV-IP-1: the application evidence (IP address and time) is kept while the policy lives.',
  audit: 'Accountability: the audit log must stay verifiable; its personal parts are erased separately.',
  identifier: 'A random identifier without meaning, kept so that records kept by law stay linked.',
  claimRecord:
    'The insurance contract and limitation periods: a claim is kept while it is open and 7 years after the policy ends (JPF-SUIT-1, recovery rights JPF-SUBRO-1/2).',
} as const;

export type PersonalOptions = {
  purposes: readonly Purpose[];
  provenance: readonly Provenance[];
  retention: KnownRetentionRuleId;
  erasure: ErasureAction;
  description?: string;
  sensitive?: boolean;
};

export function personal(category: DataCategory, options: PersonalOptions): PersonalColumn {
  return { personal: true, category, ...options };
}
