// Runs the project's own wrangler CLI with an argument array (no shell), without telemetry: once, or with retries for
// the Cloudflare API's 429/5xx answers and a clear message for a token that lacks a permission.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";

const run = promisify(execFile);

/** The pinned wrangler's entry script, run with this Node. */
export const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

/** A failed wrangler call: what it printed, and whether the API said "not found", "try again" or "not allowed". */
export class WranglerError extends Error {
  readonly command: string;
  readonly output: string;
  constructor(command: string, output: string) {
    super(`wrangler ${command} failed: ${output}`);
    this.command = command;
    this.output = output;
  }
}

// wrangler prints the API's answer, not its status, so the kind of failure is read from Cloudflare's error codes
// (https://developers.cloudflare.com/fundamentals/api/troubleshooting/) and from wrangler's own wording.
export const NOT_FOUND = /- 404: Not Found|\[code: 10009\]/;
const RETRYABLE = /\[code: (10013|10001|10043|10058)\]|- (429|5\d\d): |-> (429|5\d\d) |Too many requests|malformed response/i;
const DENIED = /\[code: (10000|9109|10001?4)\]|Authentication error|- (401|403): |-> (401|403) /i;
const RETRY_AFTER = /wait (\d+) second/;

/** Attempts for a call that failed with 429 or 5xx (bulk writes of the same pairs are idempotent, so a retry is safe). */
export const RETRY_ATTEMPTS = 5;

/** wrangler's stdout; a failure throws a WranglerError with what wrangler printed. */
export async function runWrangler(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [WRANGLER, ...args], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new WranglerError(args.slice(0, 3).join(" "), stripVTControlCharacters(e.stderr || e.stdout || e.message).trim());
  }
}

/**
 * Runs wrangler, retrying a 429 or 5xx with exponential back-off (1, 2, 4, 8 s, or the API's Retry-After), and turning
 * a 401/403 into a message that names the token permission the command needs. `EDGEWIRE_API_RETRY_MS` shortens the
 * back-off (tests).
 */
export async function runWranglerRetrying(args: string[], permission: string): Promise<string> {
  const base = Number(process.env.EDGEWIRE_API_RETRY_MS ?? 1000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runWrangler(args);
    } catch (error) {
      if (!(error instanceof WranglerError)) throw error;
      if (DENIED.test(error.output) && !RETRYABLE.test(error.output))
        throw new Error(
          `Cloudflare refused wrangler ${error.command} (401/403): the API token needs the "${permission}" permission on ` +
            `this account (check CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID, or run \`npx wrangler login\`).\n${error.output}`,
        );
      if (!RETRYABLE.test(error.output) || attempt >= RETRY_ATTEMPTS) throw error;
      const hinted = Number(error.output.match(RETRY_AFTER)?.[1] ?? 0) * 1000;
      const delay = Math.min(Math.max(base * 2 ** (attempt - 1), Math.min(hinted, base * 30)), 60_000);
      console.error(`  Cloudflare API busy (${error.command}); retry ${attempt}/${RETRY_ATTEMPTS - 1} in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
