// KV access through the wrangler CLI (argument arrays, no shell): local state or Cloudflare with --remote, with
// retries for the API's 429/5xx answers and a clear message for a token that lacks a permission.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import type { KvStore } from "./publish.ts";

const run = promisify(execFile);
const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

export type Target = { remote: boolean; env?: string; binding: string; persistTo?: string };

function targetArgs(t: Target): string[] {
  return [
    "--binding",
    t.binding,
    t.remote ? "--remote" : "--local",
    ...(t.env ? ["--env", t.env] : []),
    ...(t.persistTo ? ["--persist-to", t.persistTo] : []),
    ...(t.remote ? ["--preview", "false"] : []),
  ];
}

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
const NOT_FOUND = /- 404: Not Found|\[code: 10009\]/;
const RETRYABLE = /\[code: (10013|10001|10043|10058)\]|- (429|5\d\d): |-> (429|5\d\d) |Too many requests|malformed response/i;
const DENIED = /\[code: (10000|9109|10001?4)\]|Authentication error|- (401|403): |-> (401|403) /i;
const RETRY_AFTER = /wait (\d+) second/;

/** Attempts for a call that failed with 429 or 5xx (bulk writes of the same pairs are idempotent, so a retry is safe). */
export const RETRY_ATTEMPTS = 5;

async function wranglerOnce(args: string[]): Promise<string> {
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
async function wrangler(args: string[], permission: string): Promise<string> {
  const base = Number(process.env.EDGEWIRE_API_RETRY_MS ?? 1000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await wranglerOnce(args);
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

const KV_PERMISSION = "Workers KV Storage: Edit";

/** A KvStore that shells out to `wrangler kv`: bulk put and bulk delete from a temporary JSON file. */
export function wranglerKv(target: Target): KvStore {
  const withFile = async (data: unknown, command: string[]) => {
    const dir = await mkdtemp(join(tmpdir(), "edgewire-"));
    const file = join(dir, "bulk.json");
    try {
      await writeFile(file, JSON.stringify(data));
      await wrangler([...command, file, ...targetArgs(target)], KV_PERMISSION);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    async get(key) {
      const args = ["kv", "key", "get", key, "--text", ...targetArgs(target)];
      try {
        const out = await wrangler(args, KV_PERMISSION);
        // Local state says so in words; the API answers a missing key with a 404 (code 10009), which wrangler throws.
        return out.trim() === "Value not found" ? null : out;
      } catch (error) {
        if (error instanceof WranglerError && NOT_FOUND.test(error.output)) return null;
        throw error;
      }
    },
    putMany: (pairs) => withFile(pairs, ["kv", "bulk", "put"]),
    deleteMany: (keys) => withFile(keys, ["kv", "bulk", "delete", "--force"]),
  };
}
