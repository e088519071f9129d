import { createHash } from 'node:crypto';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { checkUpload, type FilePurpose, normalizeDeclaredType } from '../domain/file-type.ts';
import { fileErrors } from '../errors.ts';
import { insertStoredFile, type StoredFile } from '../files-repository.ts';

export type UploadFileInput = {
  purpose: FilePurpose;
  /** The bytes received; when more arrived than the limit allows, the first limit + 1 of them. */
  content: Uint8Array;
  /** The size of the whole upload when `content` was cut short at the limit. */
  size?: number;
  declaredType: string | null;
  fileName: string | null;
  /** Where a problem is reported: 'body' for the API, the form field for a page. */
  field?: string;
};

/** Who may upload: those who apply for policies (customers, agents), report losses (jewelers too) and staff who handle them. */
export function requireFileUploader(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (!(can(actor, 'policies:apply') || can(actor, 'policies:read_all') || can(actor, 'claims:report'))) requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
}

/**
 * Stores an uploaded appraisal, receipt or other file (issue #3; JPF-ADD-1, JPF-COND-9) once its
 * content proves it is a PDF, JPEG or PNG that agrees with its declared type and name and is within
 * the size limit; otherwise nothing is written. The uploader owns it until it is linked to an
 * application or policy, which makes the customer of that record its owner.
 */
export async function uploadFile(deps: Deps, actor: Actor, input: UploadFileInput, origin: RequestOrigin): Promise<StoredFile> {
  requireFileUploader(actor);
  const checked = checkUpload(input, deps.config.maxUploadBytes);
  if (!checked.ok) throw fileErrors.upload(checked.problem, input.field);
  const file: StoredFile = {
    id: newId(),
    ownerUserId: actor.userId,
    uploadedBy: actor.userId,
    purpose: input.purpose,
    declaredType: normalizeDeclaredType(input.declaredType),
    type: checked.type,
    byteSize: input.content.length,
    sha256: createHash('sha256').update(input.content).digest('hex'),
    link: null,
    createdAt: nowText(deps.clock),
  };
  return inTransaction(deps.db, async (trx) => {
    await insertStoredFile(trx, file, input.content);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'file.uploaded',
        subject: { type: 'stored_file', id: file.id },
        details: { purpose: file.purpose, type: file.type, byteSize: file.byteSize, sha256: file.sha256 },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return file;
  });
}
