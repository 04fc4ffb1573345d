// Finds the workerd process Miniflare started (a descendant of this process) and reads its resident memory.
import { readdirSync, readFileSync } from "node:fs";

function parentOf(pid: number): { ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const ppid = Number(stat.slice(close + 2).split(" ")[1]);
    return { ppid, comm };
  } catch {
    return null;
  }
}

/** The pid of the workerd process under this Node process, or null (not Linux, or not started). */
export function findWorkerdPid(root = process.pid): number | null {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return null;
  }
  for (const pid of pids) {
    const info = parentOf(pid);
    if (info?.comm !== "workerd") continue;
    for (let p = info.ppid, hops = 0; p > 1 && hops < 10; hops++) {
      if (p === root) return pid;
      p = parentOf(p)?.ppid ?? 0;
    }
  }
  return null;
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
