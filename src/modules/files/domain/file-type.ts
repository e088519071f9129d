/**
 * What an uploaded file is, decided by its content (issue #3: appraisals are "PDF/JPEG/PNG, type
 * checked by content, size-limited"; "Bad input": "files that are not what they claim"). Pure: no
 * I/O. The first bytes of a file (its magic number) say what it is; what the uploader declares (the
 * Content-Type) and the file name's extension must agree with them, or the file is refused.
 */

export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/**
 * What a file is for: JPF-COND-9 and issue #3 appraisals, JPF-ADD-1 receipts (and appraisals); issue #4 a claim's
 * photos and documents and the police report (JPF-DUTY-3).
 */
export const FILE_PURPOSES = ['appraisal', 'receipt', 'other', 'claim_photo', 'claim_document', 'police_report'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export function isFileType(value: string): value is FileType {
  return (FILE_TYPES as readonly string[]).includes(value);
}

export function isFilePurpose(value: string): value is FilePurpose {
  return (FILE_PURPOSES as readonly string[]).includes(value);
}

/** The magic numbers: PDF "%PDF-", JPEG SOI + a marker (FF D8 FF), PNG's eight-byte signature. */
const SIGNATURES: readonly { type: FileType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The extensions a file name of each type may have (lower case, with the dot). */
export const EXTENSIONS: Record<FileType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe', '.jfif'],
  'image/png': ['.png'],
};

/** The content type the bytes start with, or null when they are none of the accepted types. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((byte, index) => bytes[index] === byte)) return signature.type;
  }
  return null;
}

/**
 * A declared Content-Type, without parameters and in lower case; null when the uploader claimed
 * nothing in particular (none, or the generic application/octet-stream browsers send for unknown files).
 * 'image/jpg' and 'image/pjpeg' are old spellings of image/jpeg that some clients still send.
 */
export function normalizeDeclaredType(declared: string | null | undefined): string | null {
  const bare = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (bare === '' || bare === 'application/octet-stream') return null;
  if (bare === 'image/jpg' || bare === 'image/pjpeg') return 'image/jpeg';
  return bare;
}

/** The extension of a file name ('.pdf'), lower case; null when the name has none. */
export function extensionOf(fileName: string | null | undefined): string | null {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot).toLowerCase() : null;
}

export type FileProblem =
  | { code: 'file_empty' }
  | { code: 'file_too_large'; size: number; limit: number }
  | { code: 'file_type_unsupported'; declared: string | null }
  | { code: 'file_type_mismatch'; sniffed: FileType; declared: string | null; extension: string | null };

export type FileCheck = { ok: true; type: FileType } | { ok: false; problem: FileProblem };

export type UploadFacts = {
  /** The bytes received (at most limit + 1 of them are needed to judge the size). */
  content: Uint8Array;
  /** The size of the whole upload, when more arrived than `content` holds; defaults to content.length. */
  size?: number;
  declaredType?: string | null;
  fileName?: string | null;
};

/**
 * The rules in the order a person would want to hear them: nothing sent (422), too big (413), not a
 * PDF/JPEG/PNG at all (422), or a PDF/JPEG/PNG that claims to be something else by its declared type or
 * its file name (422 file_type_mismatch, e.g. a PNG renamed to .pdf).
 */
export function checkUpload(facts: UploadFacts, limitBytes: number): FileCheck {
  const size = facts.size ?? facts.content.length;
  if (size === 0) return { ok: false, problem: { code: 'file_empty' } };
  if (size > limitBytes) return { ok: false, problem: { code: 'file_too_large', size, limit: limitBytes } };
  const declared = normalizeDeclaredType(facts.declaredType);
  const sniffed = sniffFileType(facts.content);
  if (sniffed === null) return { ok: false, problem: { code: 'file_type_unsupported', declared } };
  const extension = extensionOf(facts.fileName);
  const declaredDisagrees = declared !== null && declared !== sniffed;
  const extensionDisagrees = extension !== null && !EXTENSIONS[sniffed].includes(extension);
  if (declaredDisagrees || extensionDisagrees) return { ok: false, problem: { code: 'file_type_mismatch', sniffed, declared, extension } };
  return { ok: true, type: sniffed };
}

/** The extension a stored file is offered for download with. */
export function downloadExtension(type: FileType): string {
  return EXTENSIONS[type][0] ?? '';
}
