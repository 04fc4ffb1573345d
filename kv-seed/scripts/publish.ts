// `npm run publish`: validates kv-seed/articles and writes it to KV (local by default, --remote when asked).
import { parseArgs } from "node:util";
import { formatProblem } from "../lib/parse.ts";
import { publishFolder } from "../lib/publish.ts";
import { wranglerKv } from "../lib/wrangler-kv.ts";

const USAGE = `Usage: npm run publish -- [options]

  --dir <path>         folder of articles (default: kv-seed/articles)
  --dry-run            print the plan (added, changed, unchanged, removed); write nothing
  --prune              allow removing published articles that have no file or became drafts (they answer 410)
  --remote --env <e>   publish to Cloudflare, environment staging or production (default: local KV of npm start)
  --persist-to <dir>   local KV state folder (default: wrangler's .wrangler/state)
  --quiet              print only problems and the summary line`;

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "kv-seed/articles" },
    "dry-run": { type: "boolean", default: false },
    prune: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    env: { type: "string" },
    "persist-to": { type: "string" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.remote && !["staging", "production"].includes(values.env ?? "")) {
  console.error("publish: --remote needs --env staging or --env production (the top-level KV namespace is local only)");
  process.exit(2);
}
if (!values.remote && values.env) {
  console.error("publish: --env applies to --remote publishing only");
  process.exit(2);
}

const where = values.remote ? `Cloudflare KV (${values.env})` : "local KV";
const store = wranglerKv({ binding: "CONTENT", remote: values.remote, env: values.env, persistTo: values["persist-to"] });
const started = performance.now();
const outcome = await publishFolder(values.dir, store, {
  dryRun: values["dry-run"],
  prune: values.prune,
  onProgress: values.quiet ? undefined : (done, total) => process.stderr.write(`\r  writing ${done}/${total} keys`),
});

if (!outcome.ok) {
  for (const p of outcome.problems) console.error(formatProblem(p));
  console.error(`publish: ${outcome.problems.length} problem(s); nothing was written.`);
  process.exit(1);
}
if (outcome.written && !values.quiet) process.stderr.write("\n");
for (const { file, removed } of outcome.sanitized) console.warn(`${file}: warning: sanitizer removed ${removed.join(", ")}`);
const { plan } = outcome;
if (!values.quiet) {
  for (const e of plan.added) console.log(`  + ${e.key}`);
  for (const e of plan.changed) console.log(`  ~ ${e.key}`);
  for (const slug of plan.removedArticles) console.log(`  - article ${slug} (410 Gone)`);
  for (const key of plan.staleKeys) console.log(`  - ${key}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const summary = `${outcome.articleCount} articles; keys ${plan.added.length} added, ${plan.changed.length} changed, ${plan.unchanged} unchanged, ${plan.removedArticles.length + plan.staleKeys.length} removed`;
console.log(
  values["dry-run"]
    ? `publish (dry run, ${where}): ${summary}; nothing written.`
    : `publish (${where}): ${summary}; ${outcome.writes} KV writes in ${seconds} s.`,
);
