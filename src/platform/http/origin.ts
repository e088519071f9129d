import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../request-origin.ts';

export function originOf(request: FastifyRequest): RequestOrigin {
  const userAgent = request.headers['user-agent'];
  return { requestId: String(request.id), ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}
