import autocannon from 'autocannon';
import { type CpuSplit, startCpuWindow } from './cpu.ts';
import type { ServerUnderTest } from './processes.ts';

export type LoadSettings = { connections: number; warmupSeconds: number; durationSeconds: number; pipelining: number };

export type Measurement = {
  url: string;
  /** Successful (2xx) responses per second over the measured window. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** SQL statements the server sent per request during the measured window (null when not counted). */
  statementsPerRequest: number | null;
  /** CPU used during the measured window, in cores: server, load generator, PostgreSQL, anything else. */
  cpu: CpuSplit | null;
};

/** A request shaped like the load, sent once before it: the scenario must answer what we expect. */
export async function probe(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; setCookie: string[] }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text(), setCookie: response.headers.getSetCookie() };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] as number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Warm-up run (discarded), then the measured run. Latencies are taken from every response at
 * sub-millisecond precision (autocannon's own histogram rounds to whole milliseconds).
 */
export async function measure(url: string, headers: Record<string, string>, settings: LoadSettings, server?: ServerUnderTest): Promise<Measurement> {
  const base = { url, headers, connections: settings.connections, pipelining: settings.pipelining, timeout: 10 };
  await autocannon({ ...base, duration: settings.warmupSeconds });
  const before = server ? await server.statements() : null;
  const latencies: number[] = [];
  const cpuWindow = server ? startCpuWindow(server.pid) : () => null;
  const instance = autocannon({ ...base, duration: settings.durationSeconds });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const cpu = cpuWindow();
  const after = server ? await server.statements() : null;
  const sorted = Float64Array.from(latencies).sort();
  const completed = result['2xx'] + result.non2xx;
  const mean = latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length);
  return {
    url,
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      mean: round(mean),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
    requests: completed,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    // In-flight requests at the window's edges make this approximate; it is exact to ±connections/requests.
    cpu,
    statementsPerRequest: before !== null && after !== null && completed > 0 ? round((after - before) / completed) : null,
  };
}
