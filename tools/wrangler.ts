// Runs the project's own wrangler CLI with an argument array (no shell), quietly and without telemetry.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The pinned wrangler's entry script, run with this Node. */
export const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

/** wrangler's stdout; a failure throws an Error with wrangler's own message (its stderr, else its stdout). */
export async function runWrangler(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [WRANGLER, ...args], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}
