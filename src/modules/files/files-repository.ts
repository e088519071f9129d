import { scopeStoredFiles } from '../../platform/auth/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { StoredFileTable } from '../../platform/db/schema.ts';
import type { FilePurpose, FileType } from './domain/file-type.ts';

/** SQL only. Uploaded files and their bytes (migrations/0012_stored_files.sql, decision 0008). */
export type FileLink = { type: 'application' | 'policy' | 'claim'; id: string; itemIndex: number | null };

export type StoredFile = {
  id: string;
  ownerUserId: string;
  uploadedBy: string;
  purpose: FilePurpose;
  declaredType: string | null;
  type: FileType;
  byteSize: number;
  sha256: string;
  link: FileLink | null;
  createdAt: string;
};

const COLUMNS = [
  'id',
  'owner_user_id',
  'uploaded_by',
  'purpose',
  'declared_content_type',
  'sniffed_content_type',
  'byte_size',
  'sha256',
  'linked_type',
  'linked_id',
  'linked_item_index',
  'created_at',
] as const;

type Row = Pick<StoredFileTable, (typeof COLUMNS)[number]>;

function toStoredFile(row: Row): StoredFile {
  return {
    id: row.id,
    ownerUserId: row.owner_user_id,
    uploadedBy: row.uploaded_by,
    purpose: row.purpose,
    declaredType: row.declared_content_type,
    type: row.sniffed_content_type,
    byteSize: row.byte_size,
    sha256: row.sha256,
    link: row.linked_type && row.linked_id ? { type: row.linked_type, id: row.linked_id, itemIndex: row.linked_item_index } : null,
    createdAt: row.created_at,
  };
}

export async function insertStoredFile(db: Db, file: StoredFile, content: Uint8Array): Promise<void> {
  await db
    .insertInto('stored_file')
    .values({
      id: file.id,
      owner_user_id: file.ownerUserId,
      uploaded_by: file.uploadedBy,
      purpose: file.purpose,
      declared_content_type: file.declaredType,
      sniffed_content_type: file.type,
      byte_size: file.byteSize,
      sha256: file.sha256,
      content,
      created_at: file.createdAt,
    })
    .execute();
}

/** The file when the actor may reach it (owner, uploader, the agent of what it is linked to, staff); otherwise null. */
export async function findReachableFile(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<StoredFile | null> {
  let query = db.selectFrom('stored_file').select(COLUMNS).where('stored_file.id', '=', id).$call(scopeStoredFiles(actor));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toStoredFile(row) : null;
}

export async function readFileContent(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('stored_file').select('content').where('id', '=', id).executeTakeFirst();
  // pg answers a Buffer, PGlite a Uint8Array.
  return row ? Buffer.from(row.content) : null;
}

/**
 * Links a not yet linked file and makes the customer it is about its owner. Answers false when the
 * file was linked meanwhile (the `linked_id IS NULL` guard makes two racing links link it once).
 */
export async function linkStoredFile(db: Db, id: string, link: FileLink, ownerUserId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('stored_file')
    .set({ linked_type: link.type, linked_id: link.id, linked_item_index: link.itemIndex, linked_at: at, owner_user_id: ownerUserId })
    .where('id', '=', id)
    .where('linked_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function listLinkedFiles(db: Db, actor: Actor, link: { type: FileLink['type']; id: string }): Promise<StoredFile[]> {
  const rows = await db
    .selectFrom('stored_file')
    .select(COLUMNS)
    .where('linked_type', '=', link.type)
    .where('linked_id', '=', link.id)
    .$call(scopeStoredFiles(actor))
    .orderBy('linked_item_index')
    .orderBy('created_at')
    .execute();
  return rows.map(toStoredFile);
}
