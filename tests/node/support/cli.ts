// Runs the publisher's CLI as `npm run publish` does (node kv-seed/scripts/publish.ts) and captures its output.
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");

/** The tests' own render cache, so they never touch the developer's (node_modules/.cache). */
export const TEST_RENDER_CACHE = join(tmpdir(), `edgewire-test-render-cache-${process.pid}.json`);

export type CliResult = { code: number; stdout: string; stderr: string };

/** Spawns the publish CLI with the given arguments from the repository root; never throws on a non-zero exit. */
export function runPublish(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["kv-seed/scripts/publish.ts", "--render-cache", TEST_RENDER_CACHE, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 300_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The CLI's last stdout line: the summary. */
export const summaryOf = (r: CliResult) => r.stdout.trim().split("\n").at(-1) ?? "";
