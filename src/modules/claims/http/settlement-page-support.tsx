import type { TypedApp } from '../../../platform/http/app.ts';
import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { layoutPageSender, safeLocalPath } from '../../../platform/ui/page-support.tsx';

/** What the proof-of-loss and worksheet pages share: the layout (no one-time messages), ids from the path, where to go back. */

export const sendSettlementPage = layoutPageSender(async () => undefined);

/** A record id from the path; anything that is not an id is simply not found. */
export function pagePathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

/**
 * Where a successful post returns: the claim page at the section (the back office's claim 360 view, the portal's
 * claim status page) when that page exists, else this part's own page.
 */
export function claimPageOr(app: TypedApp, surface: 'backoffice' | 'portal', claimId: string, section: string, fallback: string): string {
  return app.hasRoute({ method: 'GET', url: `/${surface}/claims/:id` }) ? `/${surface}/claims/${claimId}#${section}` : `${fallback}#${section}`;
}

/** A section form's own return address, when it is a page of this claim on the same surface; else null. */
export function returnPath(value: unknown, surface: 'backoffice' | 'portal', claimId: string): string | null {
  const path = safeLocalPath(value);
  return path?.startsWith(`/${surface}/claims/${claimId}`) ? path : null;
}
