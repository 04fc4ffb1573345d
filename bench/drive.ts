// Runs one load run in its own process (bench/load.ts), so the client's CPU stays apart from the orchestrator's, and
// returns its result. Used by `npm run bench`, `bench:compare` and `bench:profile`.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { LoadResult, LoadSpec } from "./load.ts";

const BENCH = resolve(import.meta.dirname);
const run = promisify(execFile);
let runs = 0;

export async function drive(spec: LoadSpec): Promise<LoadResult> {
  // The spec goes through a file: 1,000 rotating requests are too long for a command line.
  mkdirSync(join(BENCH, "results"), { recursive: true });
  const file = join(BENCH, "results", `.load-spec-${process.pid}-${++runs}.json`);
  writeFileSync(file, JSON.stringify(spec));
  try {
    const { stdout } = await run(process.execPath, [join(BENCH, "load.ts"), file], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout.trim().split("\n").at(-1) as string) as LoadResult;
  } finally {
    rmSync(file, { force: true });
  }
}
