import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { type Actor, isStaff } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';

/** The staff views that show a person's data; each has the duty it serves when the reader gives no purpose. */
export const STAFF_READ_VIEWS = {
  policy_360: 'Policy administration: the policy 360 view',
  policy_search: 'Policy administration: finding a policy',
  disclosure_log: 'Privacy operations: the disclosures made about a person',
  incident: 'Fraud prevention and collections: the incident register',
} as const;
export type StaffReadView = keyof typeof STAFF_READ_VIEWS | 'route';

export type StaffRead = {
  /** A view with its own duty, or 'route' for a route audited by the staff-read hook (its duty names the route). */
  view: StaffReadView;
  /** For view 'route': 'GET /api/v1/policies/:id'. */
  route?: string;
  /** The record read (a policy, a person, an incident…); null id for a search. */
  subject: { type: string; id: string | null };
  /** Ids and counts only (hashed, kept for ever); search terms and names go in personalDetails. */
  details?: Record<string, unknown>;
  personalDetails?: Record<string, unknown>;
};

/**
 * PRV-DISC-2: "access restricted to staff who need it; reads of personal data by staff are audited". Every
 * staff read of a person's data writes an audit event `personal_data.read` with the purpose: the one the
 * reader gave (the `Bezel-Purpose` header), otherwise the duty the view serves, so no read has an empty
 * purpose. Reads by the person themselves, an agent of their own clients or the system are not staff reads.
 * Joins the caller's transaction when there is one (deps.db), else writes the event in its own.
 */
export async function auditStaffRead(deps: Deps, actor: Actor, read: StaffRead, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<void> {
  if (!isStaff(actor)) return;
  const duty =
    read.view === 'route' ? `Duties of the role (${actor.kind === 'user' ? actor.roles.join(', ') : ''}): ${read.route ?? ''}` : STAFF_READ_VIEWS[read.view];
  const purpose = (actor.kind === 'user' ? actor.purpose : undefined) ?? duty;
  await inTransaction(deps.db, (trx) =>
    recordAuditEvent(
      trx,
      {
        actor,
        action: 'personal_data.read',
        subject: read.subject,
        purpose,
        details: {
          view: read.view,
          ...(read.route && { route: read.route }),
          purposeGiven: actor.kind === 'user' && actor.purpose !== undefined,
          ...read.details,
        },
        ...(read.personalDetails && { personalDetails: read.personalDetails }),
        requestId: origin.requestId,
      },
      deps.clock,
    ),
  );
}
