import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type ProductDefinition, productVersionDefinition, productVersionHistory } from '../../products/index.ts';
import { governingVersion } from '../domain/governing-version.ts';
import { coverEndOf, type PolicyTimeline } from '../domain/policy-timeline.ts';
import { findPolicyVisibleTo, type Policy } from '../policies-repository.ts';
import { loadTimeline } from '../timeline-repository.ts';

/** The product terms that govern a policy on a date, and why (JPF-COND-3). Dates are 'YYYY-MM-DD'. */
export type ProductTerms = {
  productVersionId: string;
  version: number;
  /** 'sold': the version the policy was sold under; 'liberalization': a later broadening revision (JPF-COND-3). */
  basis: 'sold' | 'liberalization';
  /** The day the governing revision was adopted; null for the sold version. */
  adoptedOn: string | null;
  /** The day the broadened terms took hold for this policy (adoption day, or the first day); null for the sold version. */
  appliesFrom: string | null;
};

export type GoverningProductVersion = ProductTerms & { definition: ProductDefinition };

/**
 * Which product version governs a policy on a date, with its definition (coverages, categories,
 * rules): the version it was sold under, or a later revision that broadens coverage and applies by
 * liberalization (JPF-COND-3, policies/domain/governing-version.ts). For the claims module, which
 * judges a loss by the terms of its date. Whoever may see the policy may ask; out of reach is 404.
 * Liberalization never changes the premium: nothing is rated here.
 */
export async function getGoverningProductVersion(
  deps: Deps,
  actor: Actor,
  policyId: string,
  date: string | Temporal.PlainDate,
): Promise<GoverningProductVersion> {
  const policy = await findPolicyVisibleTo(deps.db, actor, policyId);
  if (!policy) throw problems.notFound();
  const terms = await productTermsOf(deps, policy, plainDate(date));
  return { ...terms, definition: await productVersionDefinition(deps, terms.productVersionId) };
}

/** The same for a policy already read within the reader's reach (the as-of view), without the definition. */
export async function productTermsOf(deps: Pick<Deps, 'db'>, policy: Policy, date: Temporal.PlainDate, loaded?: PolicyTimeline): Promise<ProductTerms> {
  const [{ sold, versions }, timeline] = await Promise.all([
    productVersionHistory(deps, policy.productVersionId),
    loaded ?? loadTimeline(deps.db, policy).then((found) => found.timeline),
  ]);
  const governing = governingVersion(
    { id: sold.id, version: sold.version, effectiveFrom: Temporal.PlainDate.from(sold.effectiveFrom) },
    versions.map((version) => ({
      id: version.id,
      version: version.version,
      broadening: version.broadening,
      adoptedOn: version.adoptedOn === null ? null : Temporal.PlainDate.from(version.adoptedOn),
    })),
    // JPF-COND-3: only while in force — a cancellation or void ends the days a revision can take hold.
    { firstDay: Temporal.PlainDate.from(policy.firstDay), lastDay: Temporal.PlainDate.from(policy.lastDay), coverEndsOn: coverEndOf(timeline) },
    date,
  );
  return {
    productVersionId: governing.id,
    version: governing.version,
    basis: governing.basis,
    adoptedOn: governing.adoptedOn?.toString() ?? null,
    appliesFrom: governing.appliesFrom?.toString() ?? null,
  };
}

function plainDate(date: string | Temporal.PlainDate): Temporal.PlainDate {
  if (typeof date !== 'string') return date;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalidDate();
  try {
    return Temporal.PlainDate.from(date, { overflow: 'reject' });
  } catch {
    throw invalidDate();
  }
}

function invalidDate() {
  return problems.validation([{ field: 'date', code: 'invalid_date', messageKey: 'error.field.invalid_format' }]);
}
