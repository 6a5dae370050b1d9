// CPU and memory of another process, read from /proc (Linux).
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The process's CPU time in ticks, all its threads; `mainThread`: the thread running its event loop only. */
function cpuTicks(pid: number, mainThread = false): number {
  const fields = fs
    .readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8")
    .split(") ")[1]
    .split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export function rssBytes(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

/** Samples a process while `work` runs: mean CPU (% of one core; all threads, and its main thread alone) and peak RSS. */
export async function measureProcess<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuPercent: number; mainThreadCpuPercent: number; peakRssMb: number }> {
  const startTicks = cpuTicks(pid);
  const startMainTicks = cpuTicks(pid, true);
  const started = performance.now();
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      /* the process ended */
    }
  }, 100);
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const cpuPercent = ((cpuTicks(pid) - startTicks) / TICKS_PER_SECOND / seconds) * 100;
    const mainThreadCpuPercent = ((cpuTicks(pid, true) - startMainTicks) / TICKS_PER_SECOND / seconds) * 100;
    return { result, cpuPercent: Math.round(cpuPercent), mainThreadCpuPercent: Math.round(mainThreadCpuPercent), peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * CPU seconds used so far by every live process under `root` (not `root` itself), outside
 * the subtrees of `exclude`: for example the browser processes a bench started, apart from its
 * server. Threads count with their process. A figure that load from other work changes far
 * less than wall time does.
 */
export function descendantsCpuSeconds(root: number, exclude: readonly number[] = []): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1].split(" ");
      parent.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      /* the process ended */
    }
  }
  const under = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (exclude.includes(p)) return false;
      if (p === root) return true;
    }
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (!exclude.includes(pid) && under(pid)) total += t;
  return total / TICKS_PER_SECOND;
}

/** CPU seconds a process has used so far (its threads included). */
export const cpuSeconds = (pid: number) => cpuTicks(pid) / TICKS_PER_SECOND;
