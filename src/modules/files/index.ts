/** The files module's public surface: other modules and the composition root import only this. */
export { type FilePurpose, type FileType, sniffFileType } from './domain/file-type.ts';
export { fileErrors } from './errors.ts';
export type { FileLink, StoredFile } from './files-repository.ts';
export { listLinkedFiles } from './files-repository.ts';
export { filesApi } from './http/api-routes.ts';
export { appraisalFileHint, FileField } from './http/file-field.tsx';
export { multipartForm, type UploadedPart, uploadedPart } from './http/multipart-forms.ts';
export { getFile, getFileContent } from './use-cases/read-file.ts';
export { type AttachOptions, linkAppraisalFiles, requireAttachedFile } from './use-cases/require-attached-file.ts';
export { type UploadFileInput, uploadFile } from './use-cases/upload-file.ts';
