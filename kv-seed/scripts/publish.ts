// `npm run publish`: validates kv-seed/articles and writes it to KV (local by default, --remote when asked).

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatProblem } from "../lib/parse.ts";
import { IMAGE_CACHE, publishFolder } from "../lib/publish.ts";
import { openRenderCache } from "../lib/render-cache.ts";
import { summarize } from "../lib/summary.ts";
import { BINDING, remoteTargetProblem } from "../lib/target.ts";
import { wranglerKv } from "../lib/wrangler-kv.ts";

/** Rendered bodies by Markdown hash, keyed by the renderer's code and package versions. */
const RENDER_CACHE = "node_modules/.cache/edgewire/rendered-markdown.json";

const USAGE = `Usage: npm run publish -- [options]

  --dir <path>         folder of articles (default: kv-seed/articles)
  --dry-run            print the plan (added, changed, unchanged, removed); write nothing
  --prune              allow removing published articles that have no file or became drafts (they answer 410)
  --remote --env <e>   publish to Cloudflare, environment staging or production (default: local KV of npm start)
  --persist-to <dir>   local KV state folder (default: wrangler's .wrangler/state)
  --render-cache <f>   rendered bodies reused across runs (default: ${RENDER_CACHE})
  --image-cache <dir>  encoded image variants reused across runs (default: ${IMAGE_CACHE})
  --no-cache           render every body and encode every image again, and keep no cache
  --quiet              print only problems, warnings and the summary`;

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "kv-seed/articles" },
    "dry-run": { type: "boolean", default: false },
    prune: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    env: { type: "string" },
    "persist-to": { type: "string" },
    quiet: { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    "render-cache": { type: "string", default: RENDER_CACHE },
    "image-cache": { type: "string", default: IMAGE_CACHE },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
// wrangler's config reader is a heavy import: only a remote publish needs it.
const config = values.remote ? (await import("wrangler")).experimental_readRawConfig({}).rawConfig : {};
const targetProblem = remoteTargetProblem(values.remote, values.env, config);
if (targetProblem) {
  console.error(`publish: ${targetProblem}`);
  process.exit(2);
}

const where = values.remote ? `Cloudflare KV (${values.env})` : "local KV";
const store = wranglerKv({ binding: BINDING, remote: values.remote, env: values.env, persistTo: values["persist-to"] });
const started = performance.now();
const cache = values["no-cache"] ? undefined : await openRenderCache(values["render-cache"]);
// Without a cache, variants are still encoded to disk (the plan reads the ones it writes), in a folder removed after.
const imageCache = values["no-cache"] ? await mkdtemp(join(tmpdir(), "edgewire-media-")) : values["image-cache"];
let lastProgress = 0;
const outcome = await publishFolder(values.dir, store, {
  dryRun: values["dry-run"],
  prune: values.prune,
  render: cache?.render,
  imageCacheDir: imageCache,
  onStage: values.quiet ? undefined : (stage) => console.error(`  ${stage}`),
  onProgress: values.quiet
    ? undefined
    : (done, total) => {
        // One line per step on a terminal; at most every 2 s in a log.
        if (!process.stderr.isTTY && done < total && performance.now() - lastProgress < 2000) return;
        lastProgress = performance.now();
        process.stderr.write(process.stderr.isTTY ? `\r  writing ${done}/${total} keys` : `  writing ${done}/${total} keys\n`);
      },
});

if (values["no-cache"]) await rm(imageCache, { recursive: true, force: true });
// Saved even when the run is refused: the bodies that rendered fine need not render again after the fix.
await cache?.save();
if (!values.quiet && cache) console.error(`  ${cache.hits()} bodies from the render cache (${values["render-cache"]})`);
if (!outcome.ok) {
  for (const p of outcome.problems) console.error(formatProblem(p));
  console.error(`publish: ${outcome.problems.length} problem(s); nothing was written.`);
  process.exit(1);
}
if (outcome.written && !values.quiet && process.stderr.isTTY) process.stderr.write("\n");
for (const { file, removed } of outcome.sanitized) console.warn(`${file}: warning: sanitizer removed ${removed.join(", ")}`);
const { plan } = outcome;
if (!values.quiet) {
  for (const e of plan.added) console.log(`  + ${e.key}`);
  for (const e of plan.changed) console.log(`  ~ ${e.key}`);
  for (const slug of plan.removedArticles) console.log(`  - article ${slug} (410 Gone)`);
  for (const key of plan.staleKeys) console.log(`  - ${key}`);
}
if (!values.quiet && outcome.images.count > 0) {
  const uploads = plan.puts.filter((e) => e.kind === "media").length;
  console.log(`  images: ${outcome.images.count} in use, ${outcome.images.encoded} encoded, ${uploads} variant(s) to upload`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const summary = summarize(outcome);
console.log(
  values["dry-run"]
    ? `publish (dry run, ${where}): ${summary}; nothing written.`
    : `publish (${where}): ${summary}; ${outcome.writes} KV writes in ${seconds} s.`,
);
