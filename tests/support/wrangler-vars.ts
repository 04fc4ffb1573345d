// The `[vars]` of wrangler.toml as the Worker gets them locally, for Node-side tests that must not hard-code them.
import { join, resolve } from "node:path";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const ROOT = resolve(import.meta.dirname, "../..");

/** The top-level `[vars]` (no environment), read by wrangler itself. */
export function wranglerVars(): Record<string, string> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  return Object.fromEntries(
    Object.entries(workerOptions.bindings ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
