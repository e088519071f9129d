import { AppError } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { FileProblem, FileType } from './domain/file-type.ts';

/** The files module's expected failures, each with a stable code (issue #3 "Bad input": files that are not what they claim). */

const TYPE_NAMES: Record<FileType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** "10 MB", "512 KB": the limit as people read it (1 MB = 1,048,576 bytes). */
export function sizeText(bytes: number): string {
  const mb = bytes / 1_048_576;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}

export type AttachmentProblemCode = 'file_not_found' | 'purpose_mismatch' | 'already_linked' | 'not_applicants';

export const fileErrors = {
  /** A problem with the upload itself; `field` names the form or body part it came from. */
  upload: (problem: FileProblem, field = 'body') => {
    const errors = (messageKey: MessageKey, params: Record<string, string> = {}) => ({
      errors: [{ field, code: problem.code, messageKey, params }],
    });
    switch (problem.code) {
      case 'file_empty':
        return new AppError(422, problem.code, 'files.file_empty', {}, errors('files.file_empty'));
      case 'file_too_large': {
        const params = { limit: sizeText(problem.limit) };
        return new AppError(413, problem.code, 'files.file_too_large', params, errors('files.file_too_large', params));
      }
      case 'file_type_unsupported':
        return new AppError(422, problem.code, 'files.file_type_unsupported', {}, errors('files.file_type_unsupported'));
      case 'file_type_mismatch': {
        const claimed = problem.declared !== null && problem.declared !== problem.sniffed ? problem.declared : (problem.extension ?? '');
        const params = { actual: TYPE_NAMES[problem.sniffed], claimed };
        return new AppError(422, problem.code, 'files.file_type_mismatch', params, errors('files.file_type_mismatch', params));
      }
    }
  },
  multipartNotAccepted: () => new AppError(415, 'unsupported_media_type', 'files.multipart_not_accepted'),
  tooManyParts: () => new AppError(413, 'payload_too_large', 'files.too_many_parts'),
  /** A referenced file that cannot be attached: 422 with the field, whether it is missing, out of reach or used (nothing is written). */
  attachment: (field: string, code: AttachmentProblemCode) =>
    new AppError(422, 'attachment_invalid', 'files.attachment_invalid', {}, { errors: [{ field, code, messageKey: `files.attachment.${code}` as const }] }),
};
