import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { IncidentTable } from '../../../platform/db/schema.ts';

/** SQL of the incident register (PRV-FRAUD-1). */

export type IncidentKind = IncidentTable['kind'];
export const INCIDENT_KINDS = ['non_payment', 'suspected_fraud'] as const satisfies readonly IncidentKind[];

export type Incident = {
  id: string;
  kind: IncidentKind;
  subjectUserId: string | null;
  policyId: string | null;
  summary: string;
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string | null;
};

function toIncident(row: Selectable<IncidentTable>): Incident {
  return {
    id: row.id,
    kind: row.kind,
    subjectUserId: row.subject_user_id,
    policyId: row.policy_id,
    summary: row.summary,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closingNote: row.closing_note,
  };
}

export async function insertIncident(db: Db, row: Selectable<IncidentTable>): Promise<void> {
  await db.insertInto('incident').values(row).execute();
}

export async function findIncident(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Incident | null> {
  let query = db.selectFrom('incident').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toIncident(row) : null;
}

export async function listIncidentRows(
  db: Db,
  filter: { status?: 'open' | 'closed' | undefined; subjectUserId?: string | undefined; policyId?: string | undefined },
): Promise<Incident[]> {
  let query = db.selectFrom('incident').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(200);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.subjectUserId) query = query.where('subject_user_id', '=', filter.subjectUserId);
  if (filter.policyId) query = query.where('policy_id', '=', filter.policyId);
  return (await query.execute()).map(toIncident);
}

export async function closeIncidentRow(db: Db, id: string, values: { closedAt: string; closedBy: string; note: string }): Promise<void> {
  await db
    .updateTable('incident')
    .set({ status: 'closed', closed_at: values.closedAt, closed_by: values.closedBy, closing_note: values.note })
    .where('id', '=', id)
    .execute();
}

/** The holder of a policy, for an incident recorded against a policy only. */
export async function policyHolder(db: Db, policyId: string): Promise<string | null> {
  const row = await db.selectFrom('policy').select('holder_user_id').where('id', '=', policyId).executeTakeFirst();
  return row?.holder_user_id ?? null;
}
