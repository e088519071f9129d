import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { sql } from 'kysely';
import { ANONYMOUS, type UserActor } from '../auth/actor.ts';
import { sha256Hex } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import { negotiateLocale } from '../i18n/index.ts';
import { csrfCookieName, csrfTokenFor, ensureCsrfToken, verifyCsrf } from './csrf.ts';
import { type HtmlErrorRenderer, installErrorHandlers, sendProblem } from './error-handler.ts';
import { installMetrics } from './metrics.ts';
import { AppError, problems } from './problem.ts';
import './request-context.ts';
import { LANGUAGE_COOKIE, sessionCookieName } from './cookies.ts';

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** How the platform learns who is calling; implemented by the accounts module. */
export type Authenticator = {
  /** The session's user, or null when the session is unknown, expired or its user disabled. */
  fromSession(tokenHash: string): Promise<UserActor | null>;
  /** The token's user with the token's scopes, or null when unknown, revoked or expired. */
  fromApiToken(token: string): Promise<UserActor | null>;
};

export type HttpModule = {
  name: string;
  register(app: TypedApp, deps: Deps): Promise<void> | void;
};

export type AppOptions = {
  modules: HttpModule[];
  authenticator: Authenticator;
  renderHtmlError?: HtmlErrorRenderer;
  /** Extra setup before modules (static assets). */
  beforeModules?: (app: FastifyInstance) => Promise<void>;
};

export type RegisteredRoute = { method: string; url: string };

declare module 'fastify' {
  interface FastifyInstance {
    bezelRoutes: RegisteredRoute[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const BODY_LIMIT_BYTES = 1_048_576;

export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const secure = deps.config.secureCookies;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // A caller's own request id is kept when it is sane, so a request can be followed across systems.
    genReqId: (raw) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  // Every route, as registered: tests walk them to prove access rules hold on all of them.
  const routes: RegisteredRoute[] = [];
  app.decorate('bezelRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Set for every request in onRequest below; null only until then.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('sessionTokenHash', null);

  await app.register(fastifyCookie, { parseOptions: {} });
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  // Bezel's security headers never vary per request (no CSP nonces): compute them once at start.
  // @fastify/helmet would rebuild helmet() and re-parse the CSP on every request.
  const securityHeaders = staticSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bezel API',
        version: '1',
        description: 'Policies, claims, billing and privacy for a specialty personal-articles insurer. Errors are RFC 9457 problem details.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token created in the account page or with `POST /api/v1/me/tokens`.' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookieName(secure),
            description: 'Browser session; unsafe calls also need the x-csrf-token header.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  installErrorHandlers(app, options.renderHtmlError);
  installMetrics(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.actor = ANONYMOUS;
    await identify(request, reply, deps, options.authenticator);
    request.actor = withPurpose(request);
    const explicit = request.cookies[LANGUAGE_COOKIE];
    request.locale = negotiateLocale(explicit ?? (request.actor.kind === 'user' ? request.actor.locale : undefined), request.headers['accept-language']);
    // Browsers asking for a page get a CSRF cookie; API clients, probes and assets do not need one.
    if (!request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      request.csrfToken = ensureCsrfToken(request, reply, deps.appSecret, secure);
    } else {
      const cookieValue = request.cookies[csrfCookieName(secure)];
      request.csrfToken = cookieValue ? csrfTokenFor(deps.appSecret, cookieValue) : '';
    }
  });
  app.addHook('preHandler', async (request) => {
    verifyCsrf(request, deps.appSecret, secure);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      return { status: 'ready', database: deps.database.kind };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(request, reply, new AppError(503, 'service_unavailable', 'error.service_unavailable'));
    }
  });

  if (options.beforeModules) await options.beforeModules(app);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const module of options.modules) await module.register(typed, deps);
  return app;
}

/**
 * Staff say why they open personal data (DESIGN §5); the reason travels with the actor into every
 * audit event of the request. Sent as the `Bezel-Purpose` header by API clients.
 */
export const PURPOSE_HEADER = 'bezel-purpose';

function withPurpose(request: FastifyRequest) {
  const given = request.headers[PURPOSE_HEADER];
  if (given === undefined || request.actor.kind !== 'user') return request.actor;
  const purpose = typeof given === 'string' ? given.trim() : '';
  if (purpose.length < 3 || purpose.length > 200 || [...purpose].some((character) => character.charCodeAt(0) < 32)) {
    throw problems.validation([{ field: 'headers.bezel-purpose', code: 'invalid_format', messageKey: 'error.field.invalid_format' }]);
  }
  return { ...request.actor, purpose };
}

/** Bearer token first (integrations), then the session cookie (browsers). */
async function identify(request: FastifyRequest, reply: FastifyReply, deps: Deps, authenticator: Authenticator): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization);
    const actor = match ? await authenticator.fromApiToken(match[1] as string) : null;
    if (!actor) throw new AppError(401, 'unauthenticated', 'error.unauthenticated', {}, { reason: 'invalid_token' });
    request.actor = actor;
    return;
  }
  const cookieName = sessionCookieName(deps.config.secureCookies);
  const token = request.cookies[cookieName];
  if (token === undefined) return;
  const actor = /^[A-Za-z0-9_-]{43}$/.test(token) ? await authenticator.fromSession(sha256Hex(token)) : null;
  if (!actor) {
    // Unknown, expired or malformed: forget it, carry on as anonymous; routes that need a user answer 401.
    reply.clearCookie(cookieName, { path: '/' });
    return;
  }
  request.actor = actor;
  request.sessionTokenHash = sha256Hex(token);
}

/** The headers helmet() sets, computed once: a static configuration gives the same headers on every response. */
function staticSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, () => {});
  return headers;
}
