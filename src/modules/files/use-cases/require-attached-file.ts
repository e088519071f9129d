import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { type Clock, nowText } from '../../../platform/clock.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { FilePurpose } from '../domain/file-type.ts';
import { fileErrors } from '../errors.ts';
import { type FileLink, findReachableFile, linkStoredFile, type StoredFile } from '../files-repository.ts';

export type AttachOptions = {
  /** The request field that named the file, for the problem ('body.receiptFileId'). */
  field?: string;
  /**
   * Link the file to the record it supports, inside the caller's transaction: it then belongs to that
   * record's customer (`ownerUserId`) and cannot be attached to anything else.
   */
  link?: { to: FileLink; ownerUserId: string; clock: Clock; requestId?: string | null };
};

/**
 * A step of another module's use case, run in its transaction: the file `fileId` must exist and be
 * within the actor's reach, have been uploaded as `purpose`, not be attached to anything yet, and
 * (when linking to a customer's record) be that customer's own file or one the acting agent or staff
 * member uploaded. Otherwise 422 `attachment_invalid` naming the field, and the caller's transaction
 * rolls back, so nothing is written. Someone else's file is "not found", never "someone else's".
 *
 * Keeps issue #3 (an item's appraisal upload), JPF-ADD-1 (newly purchased jewelry reported with its
 * receipt and appraisal) and JPF-COND-9 (a change requested with an appraisal).
 */
export async function requireAttachedFile(
  trx: Trx,
  actor: Actor,
  fileId: string,
  // One purpose, or any of several (a claim's photo, document or police report).
  purpose: FilePurpose | readonly FilePurpose[],
  options: AttachOptions = {},
): Promise<StoredFile> {
  const field = options.field ?? 'body.fileId';
  // Locked, so two transactions attaching the same file wait for each other and the second sees it linked.
  const file = await findReachableFile(trx, actor, fileId, { forUpdate: true });
  if (!file) throw fileErrors.attachment(field, 'file_not_found');
  if (typeof purpose === 'string' ? file.purpose !== purpose : !purpose.includes(file.purpose)) throw fileErrors.attachment(field, 'purpose_mismatch');
  if (file.link !== null) throw fileErrors.attachment(field, 'already_linked');
  const link = options.link;
  if (!link) return file;
  const actedByUploader = actor.kind === 'user' && file.uploadedBy === actor.userId;
  if (file.ownerUserId !== link.ownerUserId && !actedByUploader) throw fileErrors.attachment(field, 'not_applicants');
  const at = nowText(link.clock);
  if (!(await linkStoredFile(trx, file.id, link.to, link.ownerUserId, at))) throw fileErrors.attachment(field, 'already_linked');
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'file.linked',
      subject: { type: 'stored_file', id: file.id },
      details: { purpose: file.purpose, linkedType: link.to.type, linkedId: link.to.id, itemIndex: link.to.itemIndex },
      requestId: link.requestId ?? null,
    },
    link.clock,
  );
  return { ...file, ownerUserId: link.ownerUserId, link: link.to };
}

/**
 * Issue #3: the appraisal uploads named by an application's items (`appraisalFileId`, one per item or
 * null), checked and linked to the application in its transaction, each to its item.
 */
export async function linkAppraisalFiles(
  trx: Trx,
  actor: Actor,
  application: { id: string; applicantUserId: string },
  fileIds: readonly (string | null | undefined)[],
  clock: Clock,
  requestId: string | null = null,
): Promise<void> {
  for (const [index, fileId] of fileIds.entries()) {
    if (!fileId) continue;
    await requireAttachedFile(trx, actor, fileId, 'appraisal', {
      field: `body.items.${index}.appraisalFileId`,
      link: { to: { type: 'application', id: application.id, itemIndex: index }, ownerUserId: application.applicantUserId, clock, requestId },
    });
  }
}
