import type { ProductDefinition } from './product-definition.ts';

/**
 * JPF-COND-2 (Conformity with statutes): terms of the policy that conflict with the statutes of the
 * state where it is issued are changed to conform. The product holds such rules as data; this
 * reads them. The first one is the insurer's cancellation notice:
 *
 * JPF-CANCEL-2: "We" may cancel by written notice "at least 10 days before cancellation is
 * effective, unless otherwise required by statute". A state that requires a longer notice
 * overrides the product default. A state whose statute asks for fewer days does not conflict with
 * the promise of 10 (giving more notice than a statute's minimum obeys it), so the policy form's
 * promise stands: the notice is never shorter than the product default.
 */
export type NoticeDays = { days: number; source: 'product_default' | 'state_rule'; state: string };

export function insurerCancellationNoticeDays(definition: Pick<ProductDefinition, 'jurisdictionRules'>, state: string): NoticeDays {
  const rule = definition.jurisdictionRules.insurerCancellationNoticeDays;
  const override = rule.byState[state];
  if (override !== undefined && override > rule.default) return { days: override, source: 'state_rule', state };
  return { days: rule.default, source: 'product_default', state };
}
