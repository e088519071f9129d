import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU went during a measured window, in cores (1.0 = one core busy all the
 * time), from Linux /proc: the server under test, this process (the load generator), PostgreSQL's
 * processes, and everything else. "Other" above ~0.1 means something else ran during the row
 * (another test suite, a build) and its figures are low. Null where /proc is not available.
 */
export type CpuSplit = { server: number; loadGenerator: number; postgres: number; other: number; idle: number };

type Sample = { at: number; busy: number; idle: number; server: number; self: number; postgres: number };

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function machineTicks(): { busy: number; idle: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait };
}

/** utime + stime of one process (all its threads), in ticks; [comm, ticks]. */
function processTicks(pid: number | string): [string, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const rest = stat.slice(close + 2).split(' ');
    return [comm, Number(rest[11]) + Number(rest[12])];
  } catch {
    return null;
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const found = processTicks(entry);
    if (found && found[0] === 'postgres') total += found[1];
  }
  return total;
}

function sample(serverPid: number): Sample {
  const machine = machineTicks();
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    ...machine,
    server: processTicks(serverPid)?.[1] ?? 0,
    self: ((usage.user + usage.system) / 1e6) * TICKS_PER_SECOND,
    postgres: postgresTicks(),
  };
}

export function startCpuWindow(serverPid: number): () => CpuSplit | null {
  let first: Sample;
  try {
    first = sample(serverPid);
  } catch {
    return () => null;
  }
  return () => {
    const last = sample(serverPid);
    const seconds = (last.at - first.at) / 1000;
    const cores = (ticks: number) => Math.max(0, Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100);
    const server = last.server - first.server;
    const self = last.self - first.self;
    const postgres = last.postgres - first.postgres;
    const busy = last.busy - first.busy;
    return {
      server: cores(server),
      loadGenerator: cores(self),
      postgres: cores(postgres),
      other: cores(Math.max(0, busy - server - self - postgres)),
      idle: cores(last.idle - first.idle),
    };
  };
}

/**
 * Before a row: waits (up to `maxMs`) until the machine has been idle for half a second, i.e. other
 * work (a test suite on a shared machine) has stopped. Returns how long it waited and how busy the
 * machine was at the end, in cores; null on systems without /proc.
 */
export async function waitForQuiet(maxMs: number): Promise<{ waitedMs: number; busyCores: number } | null> {
  const started = performance.now();
  for (;;) {
    let first: { busy: number };
    try {
      first = machineTicks();
    } catch {
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busyCores = (machineTicks().busy - first.busy) / TICKS_PER_SECOND / 0.5;
    const waitedMs = Math.round(performance.now() - started);
    if (busyCores < 0.2 || waitedMs >= maxMs) return { waitedMs, busyCores: Math.round(busyCores * 100) / 100 };
  }
}
