// KV access through the wrangler CLI (argument arrays, no shell): local state or Cloudflare with --remote, with
// retries for the API's 429/5xx answers and a clear message for a token that lacks a permission.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOT_FOUND, WranglerError, runWranglerRetrying as wrangler } from "../../tools/wrangler.ts";
import type { KvStore } from "./publish.ts";

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
      // A local namespace that was never written has no state folder: nothing to read, and no wrangler to start
      // (which would create the folder: a refused first publish must leave no trace).
      if (!target.remote && !existsSync(join(target.persistTo ?? ".wrangler/state", "v3", "kv"))) return null;
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
