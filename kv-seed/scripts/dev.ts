// `npm start`: publishes kv-seed/articles into local KV, serves the site with `wrangler dev`, and republishes on
// every save (live preview). Arguments are passed to wrangler dev (e.g. `npm start -- --port 8800`).
import { spawn } from "node:child_process";
import { WRANGLER } from "../../tools/wrangler.ts";
import { DEFAULT_ARTICLE_DIR, RENDER_CACHE } from "../lib/cli-args.ts";
import { ensureDevPreviewSecret } from "../lib/dev-secret.ts";
import { openLocalKv } from "../lib/miniflare-kv.ts";
import { openRenderCache } from "../lib/render-cache.ts";
import { watchArticles } from "../lib/watch.ts";

const DIR = process.env.EDGEWIRE_ARTICLES ?? DEFAULT_ARTICLE_DIR;
/** wrangler.toml's top-level (local development) CONTENT namespace. */
const LOCAL_NAMESPACE = "edgewire-content-local";

const args = process.argv.slice(2);
const portArg = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
const port = portArg === -1 ? "8787" : (args[portArg]?.split("=")[1] ?? args[portArg + 1] ?? "8787");
const persistArg = args.indexOf("--persist-to");
const persistTo = persistArg === -1 ? ".wrangler/state" : (args[persistArg + 1] ?? ".wrangler/state");
const siteUrl = `http://localhost:${port}`;

const secret = await ensureDevPreviewSecret();
const kv = await openLocalKv(LOCAL_NAMESPACE, persistTo);
const cache = await openRenderCache(RENDER_CACHE);
const watcher = watchArticles({ dir: DIR, store: kv.store, siteUrl, render: cache.render, print: (line) => console.log(line) });
await watcher.ready;
await cache.save();
console.log(`live preview: watching ${DIR}; every save is published to ${siteUrl}`);

// LIVE_PREVIEW makes the Worker check the content version on every request, so a save shows on the next reload;
// SITE_URL follows the port so canonical URLs and feeds point at this server.
// CONSENT_SECRET signs the consent cookie (a development value: deploys set their own); GEO_OVERRIDE:XX because
// offline wrangler dev places every request in Austin, Texas, an opt-out state (docs/consent.md#jurisdictions).
const vars = [
  "LIVE_PREVIEW:on",
  `PREVIEW_SECRET:${secret}`,
  `SITE_URL:${siteUrl}`,
  "CONSENT_SECRET:development-only-consent-secret-not-for-deploys",
  "GEO_OVERRIDE:XX",
].flatMap((v) => ["--var", v]);
const dev = spawn(process.execPath, [WRANGLER, "dev", ...(portArg === -1 ? ["--port", port] : []), ...vars, ...args], {
  stdio: "inherit",
  // No Request.cf fetch offline (wrangler's ENOTFOUND stack traces otherwise).
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
const stop = async (code: number) => {
  watcher.close();
  await cache.save();
  await kv.close();
  process.exit(code);
};
dev.on("exit", (code) => void stop(code ?? 0));
// wrangler dev ignores SIGINT when its terminal is not its own; SIGTERM always stops it and its workerd.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill("SIGTERM"));
