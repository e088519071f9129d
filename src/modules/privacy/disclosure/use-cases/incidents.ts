import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { can } from '../../../../platform/auth/access.ts';
import type { Actor, UserActor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { userExists } from '../disclosure-repository.ts';
import { disclosureErrors } from '../errors.ts';
import { closeIncidentRow, findIncident, type Incident, type IncidentKind, insertIncident, listIncidentRows, policyHolder } from '../incident-repository.ts';
import { auditStaffRead } from './audit-staff-read.ts';
import { now } from './common.ts';

/**
 * PRV-FRAUD-1: "internal register of incidents such as non-payment or fraud", visible only to the roles
 * that need it (incidents:manage: underwriters, billing, admins). To anyone else the register does not
 * exist: 404, never 403, so not even its existence is confirmed. Every entry, view and closing is audited.
 */
function requireIncidentRole(actor: Actor): UserActor {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  if (actor.kind !== 'user' || !can(actor, 'incidents:manage')) throw problems.notFound();
  return actor;
}

export type IncidentInput = { kind: IncidentKind; subjectUserId?: string | null | undefined; policyId?: string | null | undefined; summary: string };

export async function recordIncident(deps: Deps, actor: Actor, input: IncidentInput, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Incident> {
  const user = requireIncidentRole(actor);
  return inTransaction(deps.db, async (trx) => {
    const policyId = input.policyId ?? null;
    let subjectUserId = input.subjectUserId ?? null;
    if (policyId !== null) {
      const holder = await policyHolder(trx, policyId);
      if (holder === null) throw disclosureErrors.policyNotFound();
      subjectUserId ??= holder;
    }
    if (subjectUserId === null) throw disclosureErrors.userNotFound('body.subjectUserId');
    if (!(await userExists(trx, subjectUserId))) throw disclosureErrors.userNotFound('body.subjectUserId');
    const id = newId();
    const incident: Incident = {
      id,
      kind: input.kind,
      subjectUserId,
      policyId,
      summary: input.summary,
      status: 'open',
      createdAt: now(deps),
      createdBy: user.userId,
      closedAt: null,
      closedBy: null,
      closingNote: null,
    };
    await insertIncident(trx, {
      id,
      kind: incident.kind,
      subject_user_id: subjectUserId,
      policy_id: policyId,
      summary: incident.summary,
      status: 'open',
      created_at: incident.createdAt,
      created_by: user.userId,
      closed_at: null,
      closed_by: null,
      closing_note: null,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'incident.recorded',
        subject: { type: 'incident', id },
        details: { kind: input.kind, subjectUserId, policyId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return incident;
  });
}

export async function closeIncident(deps: Deps, actor: Actor, id: string, note: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Incident> {
  const user = requireIncidentRole(actor);
  return inTransaction(deps.db, async (trx) => {
    const incident = await findIncident(trx, id, { forUpdate: true });
    if (!incident) throw problems.notFound();
    if (incident.status === 'closed') throw disclosureErrors.incidentClosed();
    const closedAt = now(deps);
    await closeIncidentRow(trx, id, { closedAt, closedBy: user.userId, note });
    await recordAuditEvent(trx, { actor, action: 'incident.closed', subject: { type: 'incident', id }, requestId: origin.requestId }, deps.clock);
    return { ...incident, status: 'closed', closedAt, closedBy: user.userId, closingNote: note };
  });
}

export async function readIncident(deps: Deps, actor: Actor, id: string, origin: RequestOrigin = SYSTEM_ORIGIN): Promise<Incident> {
  requireIncidentRole(actor);
  return inTransaction(deps.db, async (trx) => {
    const incident = await findIncident(trx, id);
    if (!incident) throw problems.notFound();
    await auditStaffRead({ ...deps, db: trx }, actor, { view: 'incident', subject: { type: 'incident', id } }, origin);
    return incident;
  });
}

export async function listIncidents(
  deps: Deps,
  actor: Actor,
  filter: { status?: 'open' | 'closed' | undefined; subjectUserId?: string | undefined; policyId?: string | undefined } = {},
  origin: RequestOrigin = SYSTEM_ORIGIN,
): Promise<Incident[]> {
  requireIncidentRole(actor);
  return inTransaction(deps.db, async (trx) => {
    const incidents = await listIncidentRows(trx, filter);
    await auditStaffRead(
      { ...deps, db: trx },
      actor,
      {
        view: 'incident',
        subject: { type: 'incident', id: null },
        details: { count: incidents.length, ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) },
      },
      origin,
    );
    return incidents;
  });
}
