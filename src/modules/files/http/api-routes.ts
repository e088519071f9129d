import type { FastifyError } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { instantText, problemResponses, problemSchema, uuidParam } from '../../../platform/http/schemas.ts';
import { downloadExtension, FILE_PURPOSES, FILE_TYPES } from '../domain/file-type.ts';
import { fileErrors } from '../errors.ts';
import type { StoredFile } from '../files-repository.ts';
import { getFileContent } from '../use-cases/read-file.ts';
import { uploadFile } from '../use-cases/upload-file.ts';
import { registerMultipart } from './multipart-forms.ts';

const storedFileSchema = z.object({
  id: z.uuid(),
  purpose: z.enum(FILE_PURPOSES),
  type: z.enum(FILE_TYPES).describe('What the content is, by its magic number'),
  declaredType: z.string().nullable().describe('The Content-Type the file was sent with'),
  byteSize: z.number().int(),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  createdAt: instantText,
  contentUrl: z.string(),
});

function storedFileJson(file: StoredFile) {
  return {
    id: file.id,
    purpose: file.purpose,
    type: file.type,
    declaredType: file.declaredType,
    byteSize: file.byteSize,
    sha256: file.sha256,
    createdAt: file.createdAt,
    contentUrl: `/api/v1/files/${file.id}`,
  };
}

const uploadQuery = z
  .object({
    purpose: z
      .enum(FILE_PURPOSES)
      .describe(
        'What the file is: an appraisal (issue #3, JPF-COND-9), a receipt (JPF-ADD-1), other, or a claim’s photo, document or police report (issue #4, JPF-DUTY-3)',
      ),
    fileName: z.string().min(1).max(255).optional().describe('The original file name; its extension must agree with the content'),
  })
  .strict();

/**
 * JSON API of the files module (issue #3: appraisals "upload PDF/JPEG/PNG, type checked by content,
 * size-limited"; JPF-ADD-1 receipts). The upload takes the raw file as its body; the content-type
 * parsers for PDF, JPEG and PNG exist only in this route's own context, so no other route accepts them.
 */
export const filesApi: HttpModule = {
  name: 'files-api',
  async register(app: TypedApp, deps: Deps) {
    await registerMultipart(app, deps);
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const files = { tags: ['Files'], security };
    const limit = deps.config.maxUploadBytes;

    await app.register(async (upload: TypedApp) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser([...FILE_TYPES], { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));
      // Over the limit is the file's problem, said as such (413 file_too_large), not a generic one.
      upload.setErrorHandler((error: FastifyError, request) => {
        if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
        const declared = Number(request.headers['content-length']);
        throw fileErrors.upload({ code: 'file_too_large', size: Number.isFinite(declared) && declared > limit ? declared : limit + 1, limit });
      });
      upload.post(
        '/api/v1/files',
        {
          schema: {
            ...files,
            summary: 'Upload an appraisal, receipt or other file: the raw PDF, JPEG or PNG as the body',
            description:
              'Send the file itself as the body with `Content-Type: application/pdf`, `image/jpeg` or `image/png`. The content decides its ' +
              'type: a file that is none of the three is 422 `file_type_unsupported`; one whose Content-Type or `fileName` extension ' +
              'disagrees with its content (a PNG named .pdf) is 422 `file_type_mismatch`; an empty one 422 `file_empty`; one over the ' +
              `size limit (${limit} bytes by default configuration) 413 \`file_too_large\`. Nothing is stored then. The answer's id goes ` +
              'into `appraisalFileId` of an application item.',
            querystring: uploadQuery,
            response: { 201: storedFileSchema, 413: problemSchema, 415: problemSchema, ...problemResponses },
          },
        },
        async (request, reply) => {
          const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const file = await uploadFile(
            deps,
            request.actor,
            { purpose: request.query.purpose, content, declaredType: request.headers['content-type'] ?? null, fileName: request.query.fileName ?? null },
            originOf(request),
          );
          return reply.status(201).send(storedFileJson(file));
        },
      );
    });

    app.get(
      '/api/v1/files/:id',
      {
        schema: {
          ...files,
          summary: 'Download a file (its owner, its uploader, the agent of what it is attached to, staff)',
          description: 'Answers the bytes as an attachment with the type found in its content. A file the caller may not see is 404.',
          params: uuidParam,
          response: { 200: z.any().describe('The file (binary)'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { file, content } = await getFileContent(deps, request.actor, request.params.id);
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename="${file.purpose}-${file.id}${downloadExtension(file.type)}"`)
          .header('x-content-type-options', 'nosniff')
          .header('etag', `"${file.sha256}"`)
          .header('cache-control', 'private, no-store')
          .send(content);
      },
    );
  },
};
