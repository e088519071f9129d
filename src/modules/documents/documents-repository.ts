import type { Db } from '../../platform/db/database.ts';
import type { DocumentKind, Locale } from '../../platform/db/schema.ts';

/** SQL only. A document's bytes are stored once per SHA-256 in document_content; `document` says whose they are. */
export type StoredDocument = {
  id: string;
  policyId: string;
  kind: DocumentKind;
  locale: Locale;
  sha256: string;
  byteSize: number;
  createdAt: string;
  /** The policy transaction the document is the written record of (JPF-COND-6); null for the declarations page. */
  policyTransactionId: string | null;
};

const COLUMNS = ['id', 'policy_id', 'kind', 'locale', 'sha256', 'byte_size', 'created_at', 'policy_transaction_id'] as const;

type Row = {
  id: string;
  policy_id: string;
  kind: DocumentKind;
  locale: Locale;
  sha256: string;
  byte_size: number;
  created_at: string;
  policy_transaction_id: string | null;
};

function toDocument(row: Row): StoredDocument {
  return {
    id: row.id,
    policyId: row.policy_id,
    kind: row.kind,
    locale: row.locale,
    sha256: row.sha256,
    byteSize: row.byte_size,
    createdAt: row.created_at,
    policyTransactionId: row.policy_transaction_id,
  };
}

/** Stores bytes under their hash; the same bytes a second time are already there. */
export async function storeContent(db: Db, sha256: string, content: Buffer, createdAt: string): Promise<void> {
  await db
    .insertInto('document_content')
    .values({ sha256, content, byte_size: content.length, created_at: createdAt })
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .execute();
}

/** Inserts the document unless the same policy, kind, language and content is already stored; answers the stored one. */
export async function insertDocumentOnce(db: Db, document: Omit<StoredDocument, 'policyTransactionId'>): Promise<StoredDocument> {
  await db
    .insertInto('document')
    .values({
      id: document.id,
      policy_id: document.policyId,
      kind: document.kind,
      locale: document.locale,
      sha256: document.sha256,
      byte_size: document.byteSize,
      created_at: document.createdAt,
    })
    .onConflict((conflict) => conflict.columns(['policy_id', 'kind', 'locale', 'sha256']).doNothing())
    .execute();
  const row = await db
    .selectFrom('document')
    .select(COLUMNS)
    .where('policy_id', '=', document.policyId)
    .where('kind', '=', document.kind)
    .where('locale', '=', document.locale)
    .where('sha256', '=', document.sha256)
    .executeTakeFirstOrThrow();
  return toDocument(row);
}

/** The document of a policy transaction: one per transaction (migrations/0014_transaction_documents.sql). */
export async function findDocumentOfTransaction(db: Db, policyTransactionId: string): Promise<StoredDocument | null> {
  const row = await db.selectFrom('document').select(COLUMNS).where('policy_transaction_id', '=', policyTransactionId).executeTakeFirst();
  return row ? toDocument(row) : null;
}

/** Inserts a transaction's document unless the transaction has one; answers the stored one. */
export async function insertTransactionDocumentOnce(db: Db, document: StoredDocument & { policyTransactionId: string }): Promise<StoredDocument> {
  await db
    .insertInto('document')
    .values({
      id: document.id,
      policy_id: document.policyId,
      kind: document.kind,
      locale: document.locale,
      sha256: document.sha256,
      byte_size: document.byteSize,
      created_at: document.createdAt,
      policy_transaction_id: document.policyTransactionId,
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const stored = await findDocumentOfTransaction(db, document.policyTransactionId);
  if (!stored) throw new Error(`document of policy transaction ${document.policyTransactionId} was not stored`);
  return stored;
}

export async function findDocument(db: Db, id: string): Promise<StoredDocument | null> {
  const row = await db.selectFrom('document').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toDocument(row) : null;
}

export async function listDocumentsOfPolicy(db: Db, policyId: string, limit: number): Promise<StoredDocument[]> {
  const rows = await db
    .selectFrom('document')
    .select(COLUMNS)
    .where('policy_id', '=', policyId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toDocument);
}

export async function readContent(db: Db, sha256: string): Promise<Buffer | null> {
  const row = await db.selectFrom('document_content').select('content').where('sha256', '=', sha256).executeTakeFirst();
  // pg answers a Buffer, PGlite a Uint8Array.
  return row ? Buffer.from(row.content) : null;
}
