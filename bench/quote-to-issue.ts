/**
 * Quote-to-issue (issue #3 "Proof": "quote-to-issue (application, quote, bind, invoice) over HTTP on the
 * local PostgreSQL, with p50/p99, beside the same SQL run directly. Target ≥ 400 quote-to-issue per
 * second on this 2-core machine with p99 under 100 ms").
 *
 * One quote-to-issue = an API-token customer POSTs an application with two items (rated, underwritten,
 * stored with its worksheet and audit event), then binds it with an Idempotency-Key (policy, schedule,
 * issue transaction, first invoice, outbox job, audit event, stored idempotent response). Latency is
 * the time of both requests together. The load is a loop of `BENCH_QUOTE_CONCURRENCY` workers
 * (default 16), each starting its next quote-to-issue when the last one is done.
 *
 * Baseline: the write statements Bezel itself sent for one quote-to-issue — recorded from the server
 * process, with their parameters — replayed straight on pg.Pool (same pool size, named prepared
 * statements as Bezel prepares them) in ONE transaction per quote-to-issue, with fresh ids, policy
 * numbers, references and idempotency keys each time. That is the floor of the database work; the
 * difference is Bezel (HTTP, validation, rating, reads, two transactions instead of one).
 *
 * Used by bench/run.ts (part "quote"); this file is also the server (`serve`) and the baseline runner
 * (`bare`), each started as its own process on the server core.
 * Alone: `node --import tsx bench/quote-to-issue.ts` (BENCH_WARMUP, BENCH_DURATION, BENCH_PROFILE=1 as in run.ts;
 * BENCH_QUOTE_CONCURRENCY; BENCH_QUOTE_KEEP=1 keeps the recorded statements in $TMPDIR to read).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { type CpuSplit, startCpuWindow } from './cpu.ts';
import { NODE, type Pinning, ROOT, track, waitForExit } from './processes.ts';
import { type Recorded, say, startRecordingBezel } from './recording-server.ts';
import type { Target } from './report.ts';

export type FlowMeasurement = {
  /** Completed quote-to-issues per second over the measured window. */
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  completed: number;
  failures: number;
  durationSeconds: number;
  cpu: CpuSplit | null;
  firstFailure?: string;
};

export type QuoteToIssueResult = {
  label: string;
  concurrency: number;
  /** Statements Bezel sent to PostgreSQL for one quote-to-issue, and how many of them wrote. */
  statementsPerFlow: number | null;
  writesPerFlow: number | null;
  bezel: FlowMeasurement | null;
  bare: FlowMeasurement | null;
  skipped?: string;
  error?: string;
};

export type Settings = { warmupSeconds: number; durationSeconds: number; concurrency: number };

const mode = process.argv[2];
const isMain = import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('bench/quote-to-issue.ts');

// ---------------------------------------------------------------- measuring

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `flow` in `concurrency` loops for warm-up (discarded) then the measured window. */
export async function loop(flow: () => Promise<void>, settings: Settings, cpuOf: (() => () => CpuSplit | null) | null): Promise<FlowMeasurement> {
  const run = async (seconds: number, latencies: number[] | null) => {
    const until = performance.now() + seconds * 1000;
    let failures = 0;
    let firstFailure: string | undefined;
    const worker = async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await flow();
          latencies?.push(performance.now() - started);
        } catch (error) {
          failures += 1;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: settings.concurrency }, worker));
    return { failures, firstFailure, seconds: (performance.now() - started) / 1000 };
  };
  await run(settings.warmupSeconds, null);
  const latencies: number[] = [];
  const cpuWindow = cpuOf ? cpuOf() : () => null;
  const measured = await run(settings.durationSeconds, latencies);
  const cpu = cpuWindow();
  const sorted = Float64Array.from(latencies).sort();
  return {
    perSecond: Math.round(latencies.length / measured.seconds),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
    completed: latencies.length,
    failures: measured.failures,
    durationSeconds: round(measured.seconds),
    cpu,
    ...(measured.firstFailure && { firstFailure: measured.firstFailure }),
  };
}

// ---------------------------------------------------------------- the HTTP flow (load generator side)

const ITEMS = [
  { description: 'Diamond engagement ring, 1 ct, platinum', category: 'ring', coverageAmount: '5000.00', appraisalDate: '2026-10-01', keptInSafe: false },
  { description: 'Pair of pearl earrings', category: 'earrings', coverageAmount: '1800.00', appraisalDate: '2026-09-15', keptInSafe: true },
];

function postJson(agent: Agent, port: number, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), accept: 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** One quote-to-issue over HTTP: apply (2 items), then bind with an Idempotency-Key. */
function httpFlow(port: number, token: string, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const auth = { authorization: `Bearer ${token}` };
  // Tomorrow in New York is always within the bind window (today .. 90 days ahead, insured's time zone).
  const inceptionDate = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  const application = {
    namedInsureds: ['Carla Customer'],
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: ITEMS,
  };
  return async () => {
    const quoted = await postJson(agent, port, '/api/v1/applications', application, auth);
    if (quoted.status !== 201) throw new Error(`application answered ${quoted.status}: ${quoted.body.slice(0, 300)}`);
    const id = (JSON.parse(quoted.body) as { id: string }).id;
    const bound = await postJson(agent, port, `/api/v1/applications/${id}/bind`, { inceptionDate }, { ...auth, 'idempotency-key': randomUUID() });
    if (bound.status !== 201) throw new Error(`bind answered ${bound.status}: ${bound.body.slice(0, 300)}`);
  };
}

// ---------------------------------------------------------------- the server under test (`serve`)

/** Starts Bezel on DATABASE_URL; counts (and on request records) every statement sent to PostgreSQL. */
async function serve(): Promise<void> {
  const bezel = await startRecordingBezel('quote-to-issue');
  const { createApiToken, DEMO_PASSWORD, demoEmail, logIn, seedDemoUsers } = await import('../src/modules/accounts/index.ts');
  const { seedDemoProduct } = await import('../src/modules/products/index.ts');
  const { app, deps } = bezel;
  if (!app) throw new Error('Bezel web is off');
  await seedDemoUsers(deps);
  await seedDemoProduct(deps);
  const origin = { requestId: null, ip: '127.0.0.1', userAgent: 'bezel-bench' };
  const login = await logIn(deps, { email: demoEmail('customer'), password: DEMO_PASSWORD }, origin);
  const token = await createApiToken(deps, login.actor, { name: 'bench-quote-to-issue', scopes: ['policies:apply'] }, origin);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  say({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, token: token.token });
}

// ---------------------------------------------------------------- the baseline (`bare`)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Columns whose values a replay must make new: primary keys and unique business keys. */
const FRESH_COLUMNS = new Set(['id', 'policy_number', 'structured_reference', 'idempotency_key']);

/** The values that are this quote-to-issue's own (ids, numbers, keys), found through the INSERT column lists. */
export function freshValues(writes: readonly Recorded[], freshColumns: ReadonlySet<string> = FRESH_COLUMNS): Map<string, string> {
  const found = new Map<string, string>();
  for (const write of writes) {
    // Every INSERT of the statement, also those in data-modifying CTEs (`WITH x AS (INSERT …) INSERT …`).
    for (const match of write.text.matchAll(/insert\s+into\s+"?\w+"?\s*\(([^)]*)\)\s*values\s*/gi)) {
      const columns = (match[1] as string).split(',').map((column) => column.trim().replaceAll('"', ''));
      const tuples = valuesList(write.text, (match.index ?? 0) + match[0].length);
      const placeholders = [...tuples.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
      placeholders.forEach((parameter, position) => {
        const column = columns[position % columns.length] as string;
        const value = write.values[parameter];
        if (freshColumns.has(column) && typeof value === 'string') found.set(value, column);
      });
    }
  }
  return found;
}

/** The text of a VALUES list starting at `from`: `(…), (…)`, parentheses balanced (a value may be a subquery). */
function valuesList(text: string, from: number): string {
  let at = from;
  for (;;) {
    while (/\s/.test(text[at] ?? '')) at += 1;
    if (text[at] !== '(') break;
    let depth = 0;
    do {
      if (text[at] === '(') depth += 1;
      else if (text[at] === ')') depth -= 1;
      at += 1;
    } while (depth > 0 && at < text.length);
    while (/\s/.test(text[at] ?? '')) at += 1;
    if (text[at] !== ',') break;
    at += 1;
  }
  return text.slice(from, at);
}

/** A statement that writes: INSERT, UPDATE, DELETE, or a WITH whose CTEs or main statement do. */
export function isWrite(text: string): boolean {
  return /^\s*(insert|update|delete)\b/i.test(text) || (/^\s*with\b/i.test(text) && /\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i.test(text));
}

function freshFor(column: string, old: string, run: string, n: number): string {
  if (UUID.test(old)) return randomUUID();
  const serial = `${run}${n.toString(36)}`.toUpperCase();
  if (column === 'structured_reference') return `RF00${serial}`.slice(0, 25);
  return `${column === 'policy_number' ? 'B' : 'bench-'}${serial}`;
}

export function replaceAllIn(value: unknown, swaps: readonly [string, string][]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const [from, to] of swaps) if (out.includes(from)) out = out.replaceAll(from, to);
    return out;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return value;
  return JSON.parse(replaceAllIn(JSON.stringify(value), swaps) as string);
}

async function bare(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_QUOTE_SETTINGS ?? '{}') as Settings;
  const writes = JSON.parse(readFileSync(process.env.BENCH_QUOTE_WRITES as string, 'utf8')) as Recorded[];
  const fresh = [...freshValues(writes)];
  const keepText = (text: string) => text;
  // Same pool size and session settings as Bezel's pg pool (src/platform/db/database.ts).
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC -c DateStyle=ISO',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 1184 || oid === 1114 ? keepText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const run = randomBytes(3).toString('hex');
  let n = 0;
  const flow = async () => {
    n += 1;
    const swaps = fresh.map(([old, column]) => [old, freshFor(column, old, run, n)] as [string, string]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const [index, write] of writes.entries()) {
        await client.query({ name: `quote_to_issue_${index}`, text: write.text, values: write.values.map((value) => replaceAllIn(value, swaps)) });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  // CPU: 'server' is this process (driver + pg), 'postgres' the database's processes.
  const measurement = await loop(flow, settings, () => startCpuWindow(process.pid));
  await pool.end();
  say({ type: 'measured', measurement });
}

// ---------------------------------------------------------------- orchestration (bench/run.ts side)

export type Child = {
  child: ChildProcess;
  next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  send(line: string): void;
  ask(line: string, type: string): Promise<Record<string, unknown>>;
};

export function startChild(args: string[], env: Record<string, string>, pinning: Pinning, nodeFlags: string[] = [], script = 'bench/quote-to-issue.ts'): Child {
  const nodeArgs = [...nodeFlags, '--import', 'tsx', join(ROOT, script), ...args];
  const [command, commandArgs] = pinning.enabled ? ['taskset', ['-c', String(pinning.serverCpu), NODE, ...nodeArgs]] : [NODE, nodeArgs];
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env };
  const child = track(spawn(command as string, commandArgs as string[], { cwd: ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'inherit'] }));
  const waiting = new Map<string, (message: Record<string, unknown>) => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      const message = JSON.parse(line) as Record<string, unknown>;
      const resolve = waiting.get(String(message.type));
      waiting.delete(String(message.type));
      resolve?.(message);
    } catch {
      // not ours
    }
  });
  const next = (type: string, timeoutMs = 120_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${type}" from the ${script} ${args[0]} process`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`the ${script} ${args[0]} process exited with ${code}`)));
      waiting.set(type, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  const send = (line: string) => {
    child.stdin?.write(`${line}\n`);
  };
  return {
    child,
    next,
    send,
    ask: (line, type) => {
      const answer = next(type);
      send(line);
      return answer;
    },
  };
}

export async function stopChild(child: Child): Promise<void> {
  child.child.kill('SIGTERM');
  await waitForExit(child.child, 15_000);
  child.child.stdin?.destroy();
}

export async function measureQuoteToIssue(options: {
  adminUrl: string;
  pinning: Pinning;
  warmupSeconds: number;
  durationSeconds: number;
  log: (message: string) => void;
  nodeFlags?: string[];
}): Promise<QuoteToIssueResult> {
  const concurrency = Number(process.env.BENCH_QUOTE_CONCURRENCY ?? 16);
  const settings: Settings = { warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds, concurrency };
  const label = `Quote-to-issue over HTTP (apply with 2 items + bind with Idempotency-Key), PostgreSQL, ${concurrency} concurrent`;
  const result: QuoteToIssueResult = { label, concurrency, statementsPerFlow: null, writesPerFlow: null, bezel: null, bare: null };
  const admin = new pg.Client({ connectionString: options.adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { ...result, skipped: `PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)})` };
  }
  const database = `bezel_bench_quote_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${database}`;
  // DATABASE_POOL_SIZE, when set, reaches both the server and the baseline (default 10, as Bezel's).
  const env: Record<string, string> = {
    DATABASE_URL: url.toString(),
    ...(process.env.DATABASE_POOL_SIZE && { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE }),
  };
  try {
    options.log(`quote-to-issue: starting Bezel on ${database}`);
    const server = startChild(['serve'], env, options.pinning, options.nodeFlags);
    const ready = await server.next('ready');
    const port = Number(ready.port);
    const flow = httpFlow(port, String(ready.token), concurrency);
    let writesFile: string;
    try {
      await flow(); // the first creates the customer's billing account; the recorded one is a usual one
      const before = Number((await server.ask('queries', 'queries')).count);
      server.send('record');
      await flow();
      writesFile = String((await server.ask('recorded', 'recorded')).file);
      const after = Number((await server.ask('queries', 'queries')).count);
      const recorded = JSON.parse(readFileSync(writesFile, 'utf8')) as Recorded[];
      // BENCH_QUOTE_KEEP=1: every statement of one quote-to-issue (reads included) is kept to read, next to the writes.
      if (process.env.BENCH_QUOTE_KEEP === '1') {
        writeFileSync(writesFile.replace(/\.json$/, '-all.json'), JSON.stringify(recorded, null, 1));
        options.log(`quote-to-issue: statements of one quote-to-issue in ${writesFile.replace(/\.json$/, '-all.json')}`);
      }
      const writes = recorded.filter((statement) => isWrite(statement.text));
      writeFileSync(writesFile, JSON.stringify(writes));
      result.statementsPerFlow = after - before;
      result.writesPerFlow = writes.length;
      options.log(`quote-to-issue: ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s, Bezel`);
      result.bezel = await loop(flow, settings, () => startCpuWindow(server.child.pid ?? -1));
    } finally {
      await stopChild(server);
    }
    options.log(`quote-to-issue: ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s, the same writes on pg.Pool`);
    const baseline = startChild(['bare'], { ...env, BENCH_QUOTE_WRITES: writesFile, BENCH_QUOTE_SETTINGS: JSON.stringify(settings) }, options.pinning);
    try {
      result.bare = (await baseline.next('measured')).measurement as FlowMeasurement;
    } finally {
      await stopChild(baseline);
      if (process.env.BENCH_QUOTE_KEEP !== '1') rmSync(writesFile, { force: true });
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  return result;
}

export function formatQuoteToIssue(result: QuoteToIssueResult): string {
  const lines = [result.label];
  if (result.skipped) return `${lines[0]}\n  skipped: ${result.skipped}\n`;
  const row = (name: string, m: FlowMeasurement | null) =>
    m
      ? `  ${name.padEnd(62)} ${m.perSecond.toLocaleString('en-US').padStart(9)} ${m.latencyMs.p50.toFixed(2).padStart(9)} ${m.latencyMs.p99.toFixed(2).padStart(9)}` +
        (m.cpu ? ` ${`${m.cpu.server.toFixed(2)}/${m.cpu.postgres.toFixed(2)}/${m.cpu.other.toFixed(2)}`.padStart(15)}` : '') +
        (m.failures > 0 ? `\n      ! ${m.failures} failed quote-to-issues (${m.firstFailure ?? ''}): this row is not valid` : '')
      : `  ${name.padEnd(62)} not measured`;
  lines.push(`  ${'Scenario'.padEnd(62)} ${'QTI/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'CPU srv/pg/oth'.padStart(15)}`);
  lines.push(`  ${'-'.repeat(108)}`);
  lines.push(row(`Bezel over HTTP (${result.statementsPerFlow ?? '?'} SQL statements, 2 transactions)`, result.bezel));
  lines.push(row(`Same ${result.writesPerFlow ?? '?'} writes on pg.Pool, prepared, 1 transaction`, result.bare));
  if (result.bezel && result.bare && result.bare.perSecond > 0)
    lines.push(`  Bezel does ${Math.round((result.bezel.perSecond / result.bare.perSecond) * 100)}% of the bare writes' throughput.`);
  if (result.error) lines.push(`  ! ${result.error}`);
  return `${lines.join('\n')}\n`;
}

export function quoteToIssueTargets(result: QuoteToIssueResult): Target[] {
  const m = result.bezel && result.bezel.failures === 0 ? result.bezel : null;
  if (!m) {
    const why = result.skipped ?? result.error ?? (result.bezel ? 'failures during the run' : 'not measured');
    return [{ name: 'Quote-to-issue on PostgreSQL (issue #3)', target: '≥ 400/s, p99 < 100 ms', measured: why, status: 'SKIP' }];
  }
  return [
    {
      name: 'Quote-to-issue on PostgreSQL (issue #3)',
      target: '≥ 400/s',
      measured: `${m.perSecond.toLocaleString('en-US')}/s`,
      status: m.perSecond >= 400 ? 'PASS' : 'FAIL',
    },
    {
      name: 'Quote-to-issue p99 on PostgreSQL (issue #3)',
      target: '< 100 ms',
      measured: `${m.latencyMs.p99} ms`,
      status: m.latencyMs.p99 < 100 ? 'PASS' : 'FAIL',
    },
  ];
}

// ---------------------------------------------------------------- entry points of the child processes

if (isMain && mode === 'serve') {
  serve().catch((error) => {
    process.stderr.write(`quote-to-issue server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
} else if (isMain && mode === 'bare') {
  bare().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`quote-to-issue baseline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else if (isMain && mode === undefined) {
  // `node --import tsx bench/quote-to-issue.ts`: this scenario alone, printed.
  const { setUpPinning } = await import('./processes.ts');
  const result = await measureQuoteToIssue({
    adminUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pinning: setUpPinning(),
    warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 8),
    log: (message) => process.stderr.write(`[quote-to-issue] ${message}\n`),
    nodeFlags: process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'bezel-bench-profiles')}`] : [],
  });
  process.stdout.write(`\n${formatQuoteToIssue(result)}\n${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
