import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { fileErrors } from '../errors.ts';

/**
 * HTML forms that carry files (issue #3: the appraisal upload on the quote form). @fastify/multipart
 * is registered once, but a multipart body is read only on routes that opt in with
 * `...multipartForm(deps)`; anywhere else it is refused with 415 before the handler runs. An opted-in
 * route gets the form's text fields in `request.body` as a urlencoded form would give them (so the
 * CSRF check and the page's zod schema work unchanged) and each chosen file as an UploadedPart.
 * Files are read into memory up to the upload limit + 1 byte (decision 0008), so a file over the
 * limit is known to be over it without reading the rest.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    multipartForm?: boolean;
  }
}

export type UploadedPart = {
  kind: 'uploaded_file';
  fileName: string;
  declaredType: string;
  /** At most the upload limit + 1 bytes. */
  content: Buffer;
  /** The bytes received; more than the limit when the file was cut short. */
  size: number;
};

const FIELD_LIMITS = { fieldNameSize: 100, fieldSize: 10_000, fields: 200, headerPairs: 100 };

export async function registerMultipart(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { ...FIELD_LIMITS, fileSize: deps.config.maxUploadBytes, files: 10, parts: 300 },
    throwFileSizeLimit: false,
  });
  // Sync hook: it runs on every request, so it costs no promise.
  app.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.isMultipart() && request.routeOptions.config.multipartForm !== true) return done(fileErrors.multipartNotAccepted());
    done();
  });
}

/** Route options for a page route whose form may carry up to `maxFiles` files. */
export function multipartForm(deps: Deps, options: { maxFiles: number }) {
  const limits = { ...FIELD_LIMITS, fileSize: deps.config.maxUploadBytes, files: options.maxFiles, parts: FIELD_LIMITS.fields + options.maxFiles };
  return {
    config: { multipartForm: true },
    preValidation: async (request: FastifyRequest) => {
      if (!request.isMultipart()) return;
      request.body = await readMultipartForm(request, limits);
    },
  };
}

async function readMultipartForm(request: FastifyRequest, limits: Record<string, number>): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null);
  const add = (name: string, value: unknown) => {
    const known = body[name];
    body[name] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') add(part.fieldname, part.value);
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        chunks.push(chunk);
      }
      // A file input left empty posts a part without a name and without bytes: nothing was chosen.
      if (part.filename === '' && size === 0) continue;
      add(part.fieldname, {
        kind: 'uploaded_file',
        fileName: part.filename,
        declaredType: part.mimetype,
        content: Buffer.concat(chunks),
        // busboy stops at the limit and marks the file truncated: it was at least one byte more.
        size: part.file.truncated ? size + 1 : size,
      } satisfies UploadedPart);
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT'].includes(code)) throw fileErrors.tooManyParts();
    // A field named like a prototype property, a field that says it is JSON and is not, a body cut off.
    if (
      ['FST_PROTO_VIOLATION', 'FST_INVALID_JSON_FIELD_ERROR', 'FST_MP_PREMATURE_CLOSE'].includes(code) ||
      (error as Error).message === 'Unexpected end of form'
    )
      throw problems.validation([{ field: 'body', code: 'invalid', messageKey: 'error.field.invalid' }]);
    throw error;
  }
  return { ...body };
}

/** The file posted in `name`, if one was chosen. */
export function uploadedPart(body: unknown, name: string): UploadedPart | null {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === 'object' && single !== null && (single as UploadedPart).kind === 'uploaded_file' ? (single as UploadedPart) : null;
}
