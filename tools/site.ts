// Starts the Worker as it deploys (the wrangler dry-run bundle) on local workerd through Miniflare's API, with KV
// seeded by the publisher's pipeline. Used by browser tests and the benchmark; wrangler dev's proxy is not involved.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import type { KvStore } from "../kv-seed/lib/apply.ts";
import { miniflareStore } from "../kv-seed/lib/miniflare-kv.ts";
import { publishInto } from "./publish.ts";
import { TEST_SECRETS } from "./test-secrets.ts";
import { useTestSecrets } from "./use-test-secrets.ts";
import { WRANGLER } from "./wrangler.ts";

const ROOT = resolve(import.meta.dirname, "..");

export type Site = { url: string; mf: Miniflare; kv: KvStore; dispose: () => Promise<void> };

export type SiteOptions = {
  /** Article folder to publish before serving (default: kv-seed/articles). */
  articles?: string;
  /** Extra or overridden `[vars]` for this instance (objects for table variables such as CONSENT_JURISDICTIONS). */
  vars?: Record<string, unknown>;
  /** Bundle directory; built with `wrangler deploy --dry-run` when not given. */
  bundleDir?: string;
  /**
   * Serve the KV and D1 state that `npm run publish -- --persist-to <dir>` and `wrangler d1 migrations apply DB
   * --local --persist-to <dir>` wrote (wrangler keeps it in `<dir>/v3/kv`, `<dir>/v3/d1`) instead of in-memory KV
   * seeded from `articles` and an in-memory D1 migrated here.
   */
  persistTo?: string;
  /** Opens workerd's inspector on this port (Chrome DevTools protocol, one target per worker): bench/profile.ts. */
  inspectorPort?: number;
};

/** Bundles the Worker exactly as `wrangler deploy` would, into a fresh folder; returns the folder. */
export function buildBundle(outdir = mkdtempSync(join(tmpdir(), "edgewire-bundle-"))): string {
  execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", outdir], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: "pipe",
  });
  return outdir;
}

/** Starts the bundled Worker on 127.0.0.1 with a random port and in-memory KV seeded from `articles` (or persisted KV). */
export async function startSite(options: SiteOptions = {}): Promise<Site> {
  const ownBundle = options.bundleDir === undefined;
  const bundleDir = options.bundleDir ?? buildBundle();
  useTestSecrets();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  // Every binding from wrangler.toml (KV, D1, queues, rate limits), with the deploy bundle as the script.
  const worker = {
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags,
    kvNamespaces: workerOptions.kvNamespaces,
    // Consent receipts and page views: POST → queue → this Worker's consumer → D1, as deployed.
    d1Databases: workerOptions.d1Databases,
    queueProducers: workerOptions.queueProducers,
    queueConsumers: workerOptions.queueConsumers,
    ratelimits: workerOptions.ratelimits,
    name: "edgewire",
    modules: true,
    scriptPath: join(bundleDir, "index.js"),
    modulesRoot: bundleDir,
    bindings: { ...(workerOptions.bindings ?? {}), ...TEST_SECRETS, ...(options.vars ?? {}) },
  };
  // wrangler hands out Miniflare's v4-style worker options; Miniflare 5 converts them itself.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      workers: [worker],
      // Miniflare's placeholder `cf` says Austin, Texas (an opt-out state); an empty one is "unknown", the opt-in default.
      cf: {},
      logRequests: false,
      ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
      // Miniflare keeps each plugin's state in <path>/<plugin>, so <dir>/v3 reads wrangler's <dir>/v3/kv.
      ...(options.persistTo ? { resourcePersistencePath: join(options.persistTo, "v3") } : {}),
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const kv = miniflareStore(await mf.getKVNamespace("CONTENT"));
  if (!options.persistTo) {
    await publishInto(kv, options.articles ?? join(ROOT, "kv-seed/articles"), { prune: true });
    const db = await mf.getD1Database("DB");
    for (const { queries } of await readD1Migrations(join(ROOT, "migrations"))) await db.batch(queries.map((q) => db.prepare(q)));
  }
  return {
    url,
    mf,
    kv,
    dispose: async () => {
      await mf.dispose();
      if (ownBundle) rmSync(bundleDir, { recursive: true, force: true });
    },
  };
}
