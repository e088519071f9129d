import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, NODE, ROOT, sleep, track, waitForExit } from './processes.ts';

export type ColdStart = {
  label: string;
  /** From spawn() to the first 200 from GET /healthz. */
  msToFirst200: number | null;
  /** What Bezel itself printed ("ready in N ms"), measured from its own start inside the process. */
  selfReportedReadyMs: number | null;
  exitCode: number | null;
  exitSignal: string | null;
  /** From SIGTERM to the process having exited. */
  msToExit: number | null;
  error?: string;
};

const START_TIMEOUT_MS = 30_000;

/** Environment variables of the calling shell that would change what `npm start` does here. */
const BEZEL_VARIABLES =
  /^(NODE_ENV|HOST|PORT|PUBLIC_URL|DATABASE_URL|DATABASE_POOL_SIZE|APP_SECRET|SMTP_URL|MAIL_FROM|LOG_LEVEL|METRICS_TOKEN|BEZEL_.*|SESSION_.*|PASSWORD_.*)$/;

/**
 * `node --import tsx src/main.ts` as `npm start` runs it (development defaults: PGlite in
 * BEZEL_DATA_DIR, demo users seeded on an empty database, worker on), on all cores (the caller
 * unpins itself first).
 */
export async function measureColdStart(label: string, dataDir: string): Promise<ColdStart> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !BEZEL_VARIABLES.test(name)) env[name] = value;
  Object.assign(env, { BEZEL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });

  const spawnedAt = performance.now();
  const child = track(spawn(NODE, ['--import', 'tsx', join(ROOT, 'src/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const result: ColdStart = { label, msToFirst200: null, selfReportedReadyMs: null, exitCode: null, exitSignal: null, msToExit: null };
  try {
    while (performance.now() - spawnedAt < START_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before answering: ${output.slice(-500)}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        if (response.status === 200) {
          result.msToFirst200 = Math.round(performance.now() - spawnedAt);
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    if (result.msToFirst200 === null) throw new Error(`no 200 from /healthz within ${START_TIMEOUT_MS} ms`);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  const stopAt = performance.now();
  child.kill('SIGTERM');
  const exit = await waitForExit(child, 30_000);
  result.exitCode = exit.code;
  result.exitSignal = exit.signal;
  result.msToExit = exit.timedOut ? null : Math.round(performance.now() - stopAt);
  const ready = /ready in (\d+) ms/.exec(output);
  result.selfReportedReadyMs = ready ? Number(ready[1]) : null;
  if (!result.error && exit.code !== 0) result.error = `exit code ${exit.code} (signal ${exit.signal}) after SIGTERM: ${output.slice(-500)}`;
  return result;
}
