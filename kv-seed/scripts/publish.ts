// `npm run publish`: validates kv-seed/articles and writes it to KV (local by default, --remote when asked), or stores
// one article for a signed preview link (--preview).

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCli, USAGE } from "../lib/cli-args.ts";
import { DEV_SECRET_FILE, ensureDevPreviewSecret } from "../lib/dev-secret.ts";
import { formatProblem, type Problem } from "../lib/parse.ts";
import { publishPreview } from "../lib/preview.ts";
import { publishFolder } from "../lib/publish.ts";
import { openRenderCache } from "../lib/render-cache.ts";
import { previewLines, reportLines } from "../lib/report.ts";
import { summarize } from "../lib/summary.ts";
import { BINDING, remoteTargetProblem, siteUrlOf } from "../lib/target.ts";
import { wranglerKv } from "../lib/wrangler-kv.ts";

/** Under --quiet, progress appears once a run has taken this long: a long silent run looks hung. */
const QUIET_PROGRESS_AFTER_MS = 3000;

const cli = parseCli(process.argv.slice(2), process.env);
if (!cli.ok) {
  console.error(`publish: ${cli.message}\n\n${USAGE}`);
  process.exit(2);
}
const o = cli.options;
if (o.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const note of o.notes) console.error(note);
// wrangler's config reader is a heavy import: only a remote publish needs it.
const config = o.remote ? (await import("wrangler")).experimental_readRawConfig({}).rawConfig : {};
const targetProblem = remoteTargetProblem(o.remote, o.env, config);
if (targetProblem) {
  console.error(`publish: ${targetProblem}`);
  process.exit(2);
}
const siteUrl = o.remote ? siteUrlOf(config, o.env ?? "") : o.baseUrl;
const where = o.remote ? `Cloudflare KV (${o.env})` : "local KV";
const store = wranglerKv({
  binding: BINDING,
  remote: o.remote,
  ...(o.env ? { env: o.env } : {}),
  ...(o.persistTo ? { persistTo: o.persistTo } : {}),
});
const started = performance.now();
const cache = o.noCache ? undefined : await openRenderCache(o.renderCache);
// Without a cache, variants are still encoded to disk (the plan reads the ones it writes), in a temporary folder.
const imageCache = o.noCache ? await mkdtemp(join(tmpdir(), "edgewire-media-")) : o.imageCache;

const fail = (problems: Problem[]): never => {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`publish: ${problems.length} problem(s); nothing was written.`);
  process.exit(1);
};

if (o.preview !== undefined) {
  const secret = process.env.PREVIEW_SECRET ?? (o.remote ? undefined : await ensureDevPreviewSecret());
  if (!secret) {
    console.error(
      `publish: --preview --remote signs the link with PREVIEW_SECRET: set it in the environment to the value stored with ` +
        `\`npx wrangler secret put PREVIEW_SECRET --env ${o.env}\` (docs/publishing.md)`,
    );
    process.exit(2);
  }
  const outcome = await publishPreview(store, {
    dir: o.dir,
    file: o.preview,
    siteUrl,
    secret,
    lifetime: o.expiresDays * 86_400,
    ...(o.site ? { site: o.site } : {}),
    ...(cache ? { render: cache.render } : {}),
  });
  await cache?.save();
  if (!outcome.ok) fail(outcome.problems);
  else {
    for (const line of previewLines({ ...outcome, file: o.preview })) console.log(line);
    if (!o.remote) console.log(`  (signed with the development secret in ${DEV_SECRET_FILE}; npm start serves it)`);
  }
  process.exit(0);
}

let lastProgress = 0;
const outcome = await publishFolder(o.dir, store, {
  dryRun: o.dryRun,
  prune: o.prune,
  imageCacheDir: imageCache,
  ...(o.site ? { site: o.site } : {}),
  ...(cache ? { render: cache.render } : {}),
  ...(o.quiet ? {} : { onStage: (stage: string) => console.error(`  ${stage}`) }),
  onProgress: (done, total) => {
    const now = performance.now();
    if (o.quiet && now - started < QUIET_PROGRESS_AFTER_MS && done < total) return;
    // One line per step on a terminal; at most every 2 s in a log.
    if (!process.stderr.isTTY && done < total && now - lastProgress < 2000) return;
    lastProgress = now;
    process.stderr.write(process.stderr.isTTY ? `\r  writing ${done}/${total} keys` : `  writing ${done}/${total} keys\n`);
  },
});

if (o.noCache) await rm(imageCache, { recursive: true, force: true });
// Saved even when the run is refused: the bodies that rendered fine need not render again after the fix.
await cache?.save();
if (!o.quiet && cache) console.error(`  ${cache.hits()} bodies from the render cache (${o.renderCache})`);
if (!outcome.ok) fail(outcome.problems);
else {
  if (outcome.written && process.stderr.isTTY && lastProgress > 0) process.stderr.write("\n");
  for (const { file, removed } of outcome.sanitized) console.warn(`${file}: warning: sanitizer removed ${removed.join(", ")}`);
  if (!o.quiet) {
    const lines = reportLines({ ...outcome, siteUrl, now: new Date(), verbose: o.verbose, dryRun: o.dryRun });
    for (const line of lines) console.log(line);
    if (outcome.images.count > 0) {
      const uploads = outcome.plan.puts.filter((e) => e.kind === "media").length;
      console.log(`  images: ${outcome.images.count} in use, ${outcome.images.encoded} encoded, ${uploads} variant(s) to upload`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = summarize(outcome);
  console.log(
    o.dryRun
      ? `publish (dry run, ${where}): ${summary}; nothing written.`
      : `publish (${where}): ${summary}; ${outcome.writes} KV writes in ${seconds} s.`,
  );
}
