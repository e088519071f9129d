import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { auditStaffRead } from '../../privacy/index.ts';
import { parseSearchQuery, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, type SearchQueryProblem } from '../domain/search-query.ts';
import { searchPolicies as findMatchingPolicies, type PolicySearchHit } from '../search-repository.ts';

/** At most this many policies per search; more matches are reported as `more`, to narrow the search. */
export const SEARCH_PAGE = 25;

export type PolicySearchResult = { query: string; items: PolicySearchHit[]; more: boolean };

export function searchQueryError(problem: SearchQueryProblem): AppError {
  const messageKey = `backoffice_pages.search.problem.${problem}` as const;
  const params = { min: SEARCH_MIN_LENGTH, max: SEARCH_MAX_LENGTH };
  return new AppError(
    422,
    'search_query_invalid',
    'backoffice_pages.search.problem',
    {},
    { errors: [{ field: 'querystring.q', code: problem, messageKey, params }] },
  );
}

/**
 * The back office's policy search (issue #3, "Screens and API"): by policy number or holder email
 * (prefix) and by named insureds' names or item descriptions (word prefixes), in policy-number order. Staff only: searching is reading every policy (policies:read_all); the SQL
 * scope applies all the same. A query that is empty, too short, too long or holds control
 * characters answers 422 and nothing is searched.
 */
export async function searchPolicies(deps: Deps, actor: Actor, raw: string | undefined): Promise<PolicySearchResult> {
  requirePermission(actor, 'policies:read_all');
  const parsed = parseSearchQuery(raw);
  if (!parsed.ok) throw searchQueryError(parsed.problem);
  const hits = await findMatchingPolicies(deps.db, actor, parsed.query, SEARCH_PAGE + 1);
  // PRV-DISC-2: searching shows people's names and emails; the search words may name a person, so they are kept out of the hashed part.
  await auditStaffRead(deps, actor, {
    view: 'policy_search',
    subject: { type: 'policy', id: null },
    details: { count: Math.min(hits.length, SEARCH_PAGE) },
    personalDetails: { query: parsed.query.text },
  });
  return { query: parsed.query.text, items: hits.slice(0, SEARCH_PAGE), more: hits.length > SEARCH_PAGE };
}
