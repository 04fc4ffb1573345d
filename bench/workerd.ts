// Finds the workerd processes Miniflare started (descendants of this process) and reads their memory and CPU time.
import { readdirSync, readFileSync } from "node:fs";

function statOf(pid: number): { ppid: number; comm: string; cpuTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // After the command: state, ppid, …; utime and stime are fields 14 and 15 of stat(5), here at 11 and 12.
    return { ppid: Number(fields[1]), comm, cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The pids of every workerd process under this Node process (empty when not Linux). */
export function findWorkerdPids(root = process.pid): number[] {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    const info = statOf(pid);
    if (info?.comm !== "workerd") return false;
    for (let p = info.ppid, hops = 0; p > 1 && hops < 10; hops++) {
      if (p === root) return true;
      p = statOf(p)?.ppid ?? 0;
    }
    return false;
  });
}

/** CPU time (user + system) a process has used, in microseconds; null when unknown. Linux counts it in 10 ms ticks. */
export function cpuMicros(pid: number | null): number | null {
  if (pid === null) return null;
  const ticks = statOf(pid)?.cpuTicks;
  return ticks === undefined ? null : ticks * (1_000_000 / 100);
}

/** VmRSS of a process in KiB, or null. */
export function rssKiB(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
