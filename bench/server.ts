/**
 * The server under test, started by bench/run.ts as its own process (pinned to one core), so the
 * load generator never shares an event loop or a core with it. One of three modes:
 *
 *   bezel     the real app: createBezel(loadConfig(production settings)), demo users seeded, one
 *             customer logged in (session cookie) and given an API token;
 *   bare-sql  a bare Fastify() whose GET /api/v1/me runs the same two SQL statements as Bezel's
 *             GET /api/v1/me, straight on pg.Pool or PGlite; on PostgreSQL also
 *             GET /prepared/api/v1/me, the same with named prepared statements;
 *   empty     a bare Fastify() whose GET / answers {ok:true}.
 *
 * Database: DATABASE_URL (PostgreSQL), else PGlite in the Bezel data folder BENCH_DATA_DIR (the
 * bare-sql mode opens its pglite/ subfolder after the bezel process has closed it). When ready it prints
 * one JSON line {"type":"ready",...} on stdout. It answers "queries" on stdin with the number of SQL
 * statements it has sent so far, and stops on SIGTERM, when stdin closes (the parent went away),
 * or after BENCH_SERVER_MAX_SECONDS at the latest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { ACCOUNT_SQL, type AccountRow, TOKEN_ACTOR_SQL, type TokenActorRow } from './bare-sql.ts';

type Mode = 'bezel' | 'bare-sql' | 'empty';

const mode = process.argv[2] as Mode;
if (!['bezel', 'bare-sql', 'empty'].includes(mode)) {
  process.stderr.write('usage: server.ts bezel|bare-sql|empty\n');
  process.exit(64);
}
const startedAt = performance.now();

// Count every statement sent to either driver, in Bezel and in the baseline alike. A wrapper
// around the driver's own query method: no extra await, so it costs next to nothing.
let statements = 0;
countCalls(pg.Client.prototype as unknown as Record<string, unknown>, 'query');
countCalls(ownerOf(PGlite.prototype, 'query'), 'query');

function ownerOf(start: object, name: string): Record<string, unknown> {
  let prototype: object | null = start;
  while (prototype && !Object.hasOwn(prototype, name)) prototype = Object.getPrototypeOf(prototype);
  if (!prototype) throw new Error(`no ${name} method on ${start.constructor.name}`);
  return prototype as Record<string, unknown>;
}

function countCalls(target: Record<string, unknown>, name: string): void {
  const original = target[name] as (...args: unknown[]) => unknown;
  target[name] = function counted(this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
}

let stop: () => Promise<void> = async () => {};
let stopping = false;
async function shutDown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await stop();
  } finally {
    process.exit(code);
  }
}
process.on('SIGTERM', () => void shutDown(0));
process.on('SIGINT', () => void shutDown(0));
const maxSeconds = Number(process.env.BENCH_SERVER_MAX_SECONDS ?? 300);
setTimeout(() => {
  process.stderr.write(`bench server (${mode}) ran longer than ${maxSeconds} s; stopping\n`);
  void shutDown(3);
}, maxSeconds * 1000).unref();

const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line.trim() === 'queries') say({ type: 'queries', count: statements });
});
commands.on('close', () => void shutDown(0));

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

async function startEmpty(): Promise<void> {
  const app = Fastify();
  app.get('/', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  stop = () => app.close();
  say({ type: 'ready', mode, port: portOf(app), startMs: Math.round(performance.now() - startedAt) });
}

/** Runs one statement; with a name (PostgreSQL only) as a named prepared statement, parsed and planned once per connection. */
type Query = <Row>(text: string, parameters: unknown[], name?: string) => Promise<Row[]>;

async function openBareDatabase(): Promise<{ kind: 'postgres' | 'pglite'; query: Query; close: () => Promise<void> }> {
  const keepText = (text: string) => text;
  if (process.env.DATABASE_URL) {
    // Same pool size and session settings as Bezel's pg pool; timestamps stay text (no parsing).
    const pool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      options: '-c TimeZone=UTC -c DateStyle=ISO',
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === 1184 || oid === 1114 ? keepText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    return {
      kind: 'postgres',
      query: async <Row>(text: string, parameters: unknown[], name?: string) =>
        (name ? await pool.query({ name, text, values: parameters }) : await pool.query(text, parameters)).rows as Row[],
      close: () => pool.end(),
    };
  }
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('bare-sql needs DATABASE_URL or BENCH_DATA_DIR');
  const pglite = await PGlite.create(join(dataDir, 'pglite'), { parsers: { 1184: keepText, 1114: keepText } });
  await pglite.exec("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'");
  return {
    kind: 'pglite',
    query: async <Row>(text: string, parameters: unknown[]) => (await pglite.query<Row>(text, parameters)).rows,
    close: () => pglite.close(),
  };
}

async function startBareSql(): Promise<void> {
  const database = await openBareDatabase();
  const app = Fastify();
  const unauthenticated = { error: 'unauthenticated' };
  const me = (prepared: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
    if (!match) return reply.code(401).send(unauthenticated);
    const tokenHash = createHash('sha256')
      .update(match[1] as string)
      .digest('hex');
    const [actor] = await database.query<TokenActorRow>(TOKEN_ACTOR_SQL, [tokenHash, new Date().toISOString(), 'active'], prepared ? 'bare_token' : undefined);
    if (!actor) return reply.code(401).send(unauthenticated);
    const [row] = await database.query<AccountRow>(ACCOUNT_SQL, [actor.user_id, actor.user_id], prepared ? 'bare_account' : undefined);
    if (!row) return reply.code(401).send(unauthenticated);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      status: row.status,
      emailConfirmedAt: row.email_confirmed_at,
      createdAt: row.created_at,
      roles: row.roles ?? [],
    };
  };
  // Plain statements (parsed and planned on every call), and on PostgreSQL the same two as named
  // prepared statements, the way Bezel's pool runs them (src/platform/db/prepared-statements.ts).
  app.get('/api/v1/me', me(false));
  if (database.kind === 'postgres') app.get('/prepared/api/v1/me', me(true));
  await app.listen({ host: '127.0.0.1', port: 0 });
  stop = async () => {
    await app.close();
    await database.close();
  };
  say({ type: 'ready', mode, database: database.kind, port: portOf(app), startMs: Math.round(performance.now() - startedAt) });
}

async function startBezel(): Promise<void> {
  // Imported here so the baseline modes do not load Bezel at all.
  const { createBezel } = await import('../src/bootstrap.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createApiToken, DEMO_PASSWORD, demoEmail, logIn, seedDemoUsers } = await import('../src/modules/accounts/index.ts');
  const { sessionCookieName } = await import('../src/platform/http/cookies.ts');

  const config = loadConfig({
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(32).toString('base64url'),
    // PRV-SEC-1: production needs configured field-encryption master keys.
    BEZEL_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PUBLIC_URL: 'https://bezel-bench.invalid',
    LOG_LEVEL: 'silent',
    BEZEL_WORKER: 'false',
    BEZEL_SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    BEZEL_DATA_DIR: process.env.BENCH_DATA_DIR,
  });
  const bezel = await createBezel(config);
  stop = () => bezel.close();
  const { app, deps } = bezel;
  if (!app) throw new Error('Bezel web is off');
  await seedDemoUsers(deps);
  const origin = { requestId: null, ip: '127.0.0.1', userAgent: 'bezel-bench' };
  const login = await logIn(deps, { email: demoEmail('customer'), password: DEMO_PASSWORD }, origin);
  const token = await createApiToken(deps, login.actor, { name: 'bench', scopes: ['profile:read'] }, origin);
  await app.listen({ host: config.host, port: 0 });
  say({
    type: 'ready',
    mode,
    database: deps.database.kind,
    port: portOf(app),
    startMs: Math.round(performance.now() - startedAt),
    apiToken: token.token,
    sessionCookie: `${sessionCookieName(config.secureCookies)}=${login.sessionToken}`,
    userId: login.account.id,
  });
}

try {
  if (mode === 'empty') await startEmpty();
  else if (mode === 'bare-sql') await startBareSql();
  else await startBezel();
} catch (error) {
  process.stderr.write(`bench server (${mode}) failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await shutDown(1);
}
