import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '..');

/** The project's own Node (the `node` devDependency), else whatever runs this script. */
export const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

/**
 * CPU pinning: on a machine with ≥ 2 cores and `taskset`, the server under test runs on core 0 and
 * this process (autocannon) on core 1, so neither steals the other's core. BENCH_PIN=0 turns it off.
 * A local PostgreSQL is left alone and runs wherever the kernel puts it.
 */
export type Pinning = { enabled: boolean; serverCpu: number | null; loadCpu: number | null; note: string };

export function setUpPinning(): Pinning {
  if (process.env.BENCH_PIN === '0') return { enabled: false, serverCpu: null, loadCpu: null, note: 'off (BENCH_PIN=0)' };
  if (availableParallelism() < 2) return { enabled: false, serverCpu: null, loadCpu: null, note: 'off (fewer than 2 cores)' };
  try {
    execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
    return { enabled: true, serverCpu: 0, loadCpu: 1, note: 'server on CPU 0, load generator on CPU 1' };
  } catch {
    return { enabled: false, serverCpu: null, loadCpu: null, note: 'off (taskset not available)' };
  }
}

/** Gives this process (and what it spawns from now on) every core again: cold starts run as a real start would. */
export function unpinSelf(pinning: Pinning): void {
  if (!pinning.enabled) return;
  execFileSync('taskset', ['-cp', `0-${cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for the process to exit, up to `ms`; then SIGKILL. Resolves with its exit code (null when killed). */
export function waitForExit(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: string | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, timedOut: false });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, signal: 'SIGKILL', timedOut: true });
    }, ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut: false });
    });
  });
}

/** Every child still running, so an interrupted run can stop them. */
const running = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export type ServerMode = 'bezel' | 'bare-sql' | 'empty';

export type ReadyMessage = {
  type: 'ready';
  mode: ServerMode;
  port: number;
  startMs: number;
  database?: 'postgres' | 'pglite';
  apiToken?: string;
  sessionCookie?: string;
  userId?: string;
};

export type ServerUnderTest = {
  ready: ReadyMessage;
  pid: number;
  /** SQL statements the server has sent to its database so far. */
  statements(): Promise<number>;
  stop(): Promise<{ code: number | null }>;
};

/** Starts bench/server.ts in its own process (pinned to the server core) and waits for its ready line. */
export async function startServer(mode: ServerMode, env: Record<string, string>, pinning: Pinning, nodeFlags: string[] = []): Promise<ServerUnderTest> {
  const nodeArgs = [...nodeFlags, '--import', 'tsx', join(ROOT, 'bench/server.ts'), mode];
  const [command, args] = pinning.enabled ? ['taskset', ['-c', String(pinning.serverCpu), NODE, ...nodeArgs]] : [NODE, nodeArgs];
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env };
  const child = track(spawn(command as string, args as string[], { cwd: ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  let onReady: ((message: ReadyMessage) => void) | undefined;
  lines.on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // not ours
    }
    if (message.type === 'ready') onReady?.(message as ReadyMessage);
    else waiting.shift()?.(message);
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench server (${mode}) not ready within 60 s`));
    }, 60_000);
    onReady = (message) => {
      clearTimeout(timer);
      resolve(message);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server (${mode}) exited with code ${code} before it was ready`));
    });
  });
  return {
    ready,
    pid: child.pid ?? -1,
    statements() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('bench server did not answer "queries"')), 5_000);
        waiting.push((message) => {
          clearTimeout(timer);
          resolve(Number(message.count));
        });
        child.stdin?.write('queries\n');
      });
    },
    async stop() {
      child.kill('SIGTERM');
      const exit = await waitForExit(child, 15_000);
      child.stdin?.destroy();
      return { code: exit.code };
    },
  };
}
