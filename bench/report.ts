import type { ColdStart } from './cold-start.ts';
import type { Measurement } from './load.ts';

export type Scenario = {
  id: 'empty-fastify' | 'bare-sql' | 'bare-sql-prepared' | 'bezel-healthz' | 'bezel-api-read' | 'bezel-page';
  label: string;
  request: string;
  /** Why this scenario is here, in one line (shown in the docs). */
  purpose: string;
  measurement: Measurement | null;
  /** Size of the response body (from the probe request before the load). */
  responseBytes?: number;
  /** requests/s of this scenario ÷ requests/s of the bare Fastify + same SQL route, same database (prepared variant on PostgreSQL). */
  ratioToBareSql: number | null;
  note?: string;
  error?: string;
};

export type DatabaseRun = {
  name: 'postgres' | 'pglite';
  label: string;
  skipped?: string;
  serverStartMs?: number;
  scenarios: Scenario[];
};

export type Target = { name: string; target: string; measured: string; status: 'PASS' | 'FAIL' | 'SKIP' };

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const left = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);
const number = (value: number) => value.toLocaleString('en-US');

export function formatTable(run: DatabaseRun): string {
  const lines = [`${run.label}`];
  if (run.skipped) return `${lines[0]}\n  skipped: ${run.skipped}\n`;
  const widths = [62, 9, 9, 9, 8, 8, 15];
  const header = ['Scenario', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'vs bare', 'CPU srv/pg/oth'];
  lines.push(`  ${header.map((cell, i) => (i === 0 ? pad(cell, widths[0] as number) : left(cell, widths[i] as number))).join(' ')}`);
  lines.push(`  ${'-'.repeat(widths.reduce((sum, width) => sum + width + 1, -1))}`);
  for (const scenario of run.scenarios) {
    const m = scenario.measurement;
    const cells = m
      ? [
          number(m.requestsPerSecond),
          m.latencyMs.p50.toFixed(2),
          m.latencyMs.p99.toFixed(2),
          m.statementsPerRequest === null ? '–' : m.statementsPerRequest.toFixed(2),
          scenario.ratioToBareSql === null ? '–' : `${scenario.ratioToBareSql.toFixed(2)}×`,
          m.cpu ? `${m.cpu.server.toFixed(2)}/${m.cpu.postgres.toFixed(2)}/${m.cpu.other.toFixed(2)}` : '–',
        ]
      : ['error', '', '', '', '', ''];
    lines.push(`  ${pad(scenario.label, widths[0] as number)} ${cells.map((cell, i) => left(cell, widths[i + 1] as number)).join(' ')}`);
    if (scenario.error) lines.push(`      ! ${scenario.error}`);
    if (m && (m.non2xx > 0 || m.errors > 0 || m.timeouts > 0))
      lines.push(`      ! ${m.non2xx} non-2xx responses, ${m.errors} errors, ${m.timeouts} timeouts: this row is not valid`);
    if (m?.cpu && m.cpu.loadGenerator >= 0.9)
      lines.push(`      the load generator used its whole core (${m.cpu.loadGenerator.toFixed(2)}): the server may be faster than this row shows`);
    if (m?.cpu && m.cpu.other > 0.15)
      lines.push(`      ! other processes used ${m.cpu.other.toFixed(2)} cores during this row: the machine was not quiet, figures are low`);
    if (scenario.note) lines.push(`      ${scenario.note}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatColdStarts(starts: ColdStart[]): string {
  const lines = ['Cold start: node --import tsx src/main.ts (PGlite in a temporary BEZEL_DATA_DIR), spawn → first 200 from GET /healthz'];
  for (const start of starts) {
    const exit = start.exitCode === 0 ? `SIGTERM → exit 0 in ${start.msToExit} ms` : `SIGTERM → exit ${start.exitCode ?? start.exitSignal}`;
    const self = start.selfReportedReadyMs === null ? '' : ` (Bezel says "ready in ${start.selfReportedReadyMs} ms")`;
    lines.push(`  ${pad(start.label, 44)} ${start.msToFirst200 === null ? 'no answer' : `${number(start.msToFirst200)} ms`}${self}; ${exit}`);
    if (start.error) lines.push(`      ! ${start.error}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatTargets(targets: Target[]): string {
  return `Targets\n${targets.map((target) => `  ${pad(target.status, 5)} ${pad(target.name, 58)} target ${pad(target.target, 16)} measured ${target.measured}`).join('\n')}\n`;
}
