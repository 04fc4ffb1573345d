// `npm run bench:publish`: publishes 10,000 generated articles through the real CLI and wrangler to a temporary local
// KV, then changes one article's body and another's headline, adds one new article, and reports time and KV writes
// for each run.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateArticles, generatedArticle } from "./generate-articles.ts";

const ROOT = resolve(import.meta.dirname, "..");
const COUNT = Number(process.env.PUBLISH_BENCH_ARTICLES ?? 10_000);

type Run = { name: string; seconds: number; kvWrites: number; keysWritten: Record<string, number>; summary: string };

/** Counts the CLI's `+ key` / `~ key` lines (--verbose) by kind: article, home, section, tag, author, bucket, sitemap. */
function keysByKind(out: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, key] of out.matchAll(/^ {2}[+~] v1:(\S+)$/gm)) {
    const kind = /:b:\d+$/.test(key ?? "")
      ? "bucket"
      : (/^(?:list:)?(article|home|section|tag|author|sitemap|site)/.exec(key ?? "")?.[1] ?? "other");
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Runs `node kv-seed/scripts/publish.ts` like `npm run publish` does, and reads its summary line. */
function publish(name: string, dir: string, persistTo: string, renderCache: string): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ["kv-seed/scripts/publish.ts", "--dir", dir, "--persist-to", persistTo, "--render-cache", renderCache, "--verbose"],
      {
        cwd: ROOT,
        // Progress (stderr) shows on the terminal; the key list (stdout) is counted.
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => {
      const summary = out.trim().split("\n").at(-1) ?? "";
      const writes = /; (\d+) KV writes in/.exec(summary) ?? /nothing written|; 0 KV writes/.exec(summary);
      if (code !== 0 || !writes) return fail(new Error(`${name}: publish exited with ${code}: ${out}`));
      const seconds = (performance.now() - started) / 1000;
      const run = { name, seconds, kvWrites: Number(writes[1] ?? 0), keysWritten: keysByKind(out), summary };
      console.log(`${name}: ${seconds.toFixed(1)} s, ${run.kvWrites} KV writes ${JSON.stringify(run.keysWritten)}\n  ${summary}`);
      done(run);
    });
  });
}

const work = await mkdtemp(join(tmpdir(), "edgewire-publish-bench-"));
try {
  const articles = join(work, "articles");
  const kv = join(work, "kv");
  // Its own render cache: the first publish renders every body (a cold start), later ones reuse unchanged bodies.
  const cache = join(work, "render-cache.json");
  const t = performance.now();
  await generateArticles(articles, COUNT);
  console.log(`generated ${COUNT} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const runs: Run[] = [];
  runs.push(await publish(`full publish of ${COUNT} articles`, articles, kv, cache));
  runs.push(await publish("re-run, nothing changed", articles, kv, cache));
  const body = generatedArticle(Math.floor(COUNT / 2), { body: 1 });
  await writeFile(join(articles, body.name), body.text);
  runs.push(await publish("one article's body changed", articles, kv, cache));
  const headline = generatedArticle(COUNT - 1, { headline: 1 });
  await writeFile(join(articles, headline.name), headline.text);
  runs.push(await publish("one article's headline changed (newest article)", articles, kv, cache));
  const added = generatedArticle(COUNT);
  await writeFile(join(articles, added.name), added.text);
  runs.push(await publish(`one new article added (the newest, ${COUNT + 1} in all)`, articles, kv, cache));
  await mkdir(join(ROOT, "bench/results"), { recursive: true });
  const result = { articles: COUNT, date: new Date().toISOString(), runs };
  await writeFile(join(ROOT, "bench/results/publish-scale.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log("wrote bench/results/publish-scale.json");
} finally {
  await rm(work, { recursive: true, force: true });
}
