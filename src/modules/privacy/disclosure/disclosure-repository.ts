import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { DisclosureTable, PrivacyRecipientTable, ProcessorAgreementTable } from '../../../platform/db/schema.ts';
import type { DataCategory } from '../domain/data-map-types.ts';
import type { DisclosureBasis, RecipientType } from './domain/disclosure-rules.ts';

/** SQL of the recipient registry, processor agreements, the disclosure log and partner authorisations. */

export type ProcessorAgreementRecord = { id: string; reference: string; signedOn: string; endsOn: string | null; createdAt: string };

export type Recipient = {
  id: string;
  name: string;
  type: RecipientType;
  description: string | null;
  contactEmail: string | null;
  userId: string | null;
  createdAt: string;
  retiredAt: string | null;
  agreements: ProcessorAgreementRecord[];
};

export type Disclosure = {
  id: string;
  recipientId: string;
  recipientName: string;
  recipientType: RecipientType;
  subjectUserId: string;
  categories: DataCategory[];
  basis: DisclosureBasis;
  purpose: string;
  referenceType: string | null;
  referenceId: string | null;
  disclosedAt: string;
};

function toAgreement(row: Selectable<ProcessorAgreementTable>): ProcessorAgreementRecord {
  return { id: row.id, reference: row.reference, signedOn: row.signed_on, endsOn: row.ends_on, createdAt: row.created_at };
}

function toRecipient(row: Selectable<PrivacyRecipientTable>, agreements: ProcessorAgreementRecord[]): Recipient {
  return {
    id: row.id,
    name: row.name,
    type: row.recipient_type as RecipientType,
    description: row.description,
    contactEmail: row.contact_email,
    userId: row.user_id,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    agreements,
  };
}

async function agreementsOf(db: Db, recipientIds: readonly string[]): Promise<Map<string, ProcessorAgreementRecord[]>> {
  const byRecipient = new Map<string, ProcessorAgreementRecord[]>();
  if (recipientIds.length === 0) return byRecipient;
  const rows = await db.selectFrom('processor_agreement').selectAll().where('recipient_id', 'in', recipientIds).orderBy('signed_on').orderBy('id').execute();
  for (const row of rows) byRecipient.set(row.recipient_id, [...(byRecipient.get(row.recipient_id) ?? []), toAgreement(row)]);
  return byRecipient;
}

export async function listRecipients(db: Db, filter: { type?: RecipientType | undefined } = {}): Promise<Recipient[]> {
  let query = db.selectFrom('privacy_recipient').selectAll().orderBy('recipient_type').orderBy('name').orderBy('id').limit(500);
  if (filter.type) query = query.where('recipient_type', '=', filter.type);
  const rows = await query.execute();
  const agreements = await agreementsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toRecipient(row, agreements.get(row.id) ?? []));
}

export async function findRecipient(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Recipient | null> {
  let query = db.selectFrom('privacy_recipient').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return toRecipient(row, (await agreementsOf(db, [id])).get(id) ?? []);
}

export async function findRecipientOfUser(db: Db, userId: string): Promise<Recipient | null> {
  const row = await db.selectFrom('privacy_recipient').select('id').where('user_id', '=', userId).where('retired_at', 'is', null).executeTakeFirst();
  return row ? findRecipient(db, row.id) : null;
}

export async function insertRecipient(db: Db, row: Selectable<PrivacyRecipientTable>): Promise<void> {
  await db.insertInto('privacy_recipient').values(row).execute();
}

export async function retireRecipientRow(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('privacy_recipient').set({ retired_at: at }).where('id', '=', id).execute();
}

export async function insertAgreement(db: Db, row: Selectable<ProcessorAgreementTable>): Promise<void> {
  await db.insertInto('processor_agreement').values(row).execute();
}

export async function insertDisclosure(db: Db, row: Selectable<DisclosureTable>): Promise<void> {
  await db.insertInto('disclosure').values(row).execute();
}

/** Every disclosure about one person, newest first (for the person's access package and the officer). */
export async function disclosuresAbout(db: Db, userId: string): Promise<Disclosure[]> {
  const rows = await db
    .selectFrom('disclosure')
    .innerJoin('privacy_recipient', 'privacy_recipient.id', 'disclosure.recipient_id')
    .select([
      'disclosure.id',
      'disclosure.recipient_id',
      'privacy_recipient.name as recipient_name',
      'privacy_recipient.recipient_type',
      'disclosure.subject_user_id',
      'disclosure.categories',
      'disclosure.basis',
      'disclosure.purpose',
      'disclosure.reference_type',
      'disclosure.reference_id',
      'disclosure.disclosed_at',
    ])
    .where('disclosure.subject_user_id', '=', userId)
    .orderBy('disclosure.disclosed_at', 'desc')
    .orderBy('disclosure.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    recipientType: row.recipient_type as RecipientType,
    subjectUserId: row.subject_user_id,
    categories: row.categories as DataCategory[],
    basis: row.basis as DisclosureBasis,
    purpose: row.purpose,
    referenceType: row.reference_type,
    referenceId: row.reference_id,
    disclosedAt: row.disclosed_at,
  }));
}

export type PartnerAuthorisation = {
  id: string;
  customerUserId: string;
  recipientId: string;
  recipientName: string;
  grantedAt: string;
  revokedAt: string | null;
};

export async function listPartnerAuthorisations(db: Db, customerUserId: string): Promise<PartnerAuthorisation[]> {
  const rows = await db
    .selectFrom('partner_authorisation')
    .innerJoin('privacy_recipient', 'privacy_recipient.id', 'partner_authorisation.recipient_id')
    .select([
      'partner_authorisation.id',
      'partner_authorisation.customer_user_id',
      'partner_authorisation.recipient_id',
      'privacy_recipient.name',
      'partner_authorisation.granted_at',
      'partner_authorisation.revoked_at',
    ])
    .where('partner_authorisation.customer_user_id', '=', customerUserId)
    .orderBy('partner_authorisation.granted_at', 'desc')
    .orderBy('partner_authorisation.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerUserId: row.customer_user_id,
    recipientId: row.recipient_id,
    recipientName: row.name,
    grantedAt: row.granted_at,
    revokedAt: row.revoked_at,
  }));
}

export async function currentAuthorisation(db: Db, customerUserId: string, recipientId: string): Promise<{ id: string } | null> {
  const row = await db
    .selectFrom('partner_authorisation')
    .select('id')
    .where('customer_user_id', '=', customerUserId)
    .where('recipient_id', '=', recipientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertAuthorisation(db: Db, row: { id: string; customer_user_id: string; recipient_id: string; granted_at: string }): Promise<void> {
  await db
    .insertInto('partner_authorisation')
    .values({ ...row, revoked_at: null })
    .execute();
}

/** Revokes the customer's own current authorisation; false when there is none with that id. */
export async function revokeAuthorisationRow(db: Db, customerUserId: string, id: string, at: string): Promise<{ recipientId: string } | null> {
  const row = await db
    .updateTable('partner_authorisation')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('customer_user_id', '=', customerUserId)
    .where('revoked_at', 'is', null)
    .returning('recipient_id')
    .executeTakeFirst();
  return row ? { recipientId: row.recipient_id } : null;
}

/** PRV-DISC-3: a current authorisation from the customer to the partner recipient whose login is `partnerUserId`. */
export async function authorisationExists(db: Db, partnerUserId: string, customerUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('partner_authorisation')
    .innerJoin('privacy_recipient', 'privacy_recipient.id', 'partner_authorisation.recipient_id')
    .select('partner_authorisation.id')
    .where('privacy_recipient.user_id', '=', partnerUserId)
    .where('privacy_recipient.recipient_type', '=', 'partner')
    .where('privacy_recipient.retired_at', 'is', null)
    .where('partner_authorisation.customer_user_id', '=', customerUserId)
    .where('partner_authorisation.revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The partner recipient (registry id) a user with the partner role acts for, or null (issue #4 partner claim status). */
export async function partnerRecipientIdOf(db: Db, partnerUserId: string): Promise<string | null> {
  const row = await db
    .selectFrom('privacy_recipient')
    .select('id')
    .where('user_id', '=', partnerUserId)
    .where('recipient_type', '=', 'partner')
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Same, by the partner's recipient id (for recording a disclosure to it). */
export async function authorisationExistsFor(db: Db, recipientId: string, customerUserId: string): Promise<boolean> {
  return (await currentAuthorisation(db, customerUserId, recipientId)) !== null;
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}

/** PRV-DISC-3: whether `agentUserId` is the agent of one of the person's policies. */
export async function isAgentOf(db: Db, agentUserId: string, holderUserId: string): Promise<boolean> {
  const row = await db.selectFrom('policy').select('id').where('agent_user_id', '=', agentUserId).where('holder_user_id', '=', holderUserId).executeTakeFirst();
  return row !== undefined;
}
