// `npm run bench:search` (also the last step of `npm run bench`): publishes 10,000 generated articles with a varied
// vocabulary into local KV, serves the Worker on workerd, and reports the search index's size, its largest KV value,
// the KV reads and the workerd CPU per query for one-word and three-word queries (uncached and repeated), against the
// constant-response floor measured in the same run; then the KV writes of a one-article publish.
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { KvStore } from "../kv-seed/lib/publish.ts";
import { MAX_SEARCH_READS } from "../src/search/query.ts";
import { publishInto } from "../tools/publish.ts";
import { startSite } from "../tools/site.ts";
import { startFloor } from "./floor.ts";
import { random } from "./random.ts";
import { findWorkerdPids } from "./workerd.ts";

const ROOT = resolve(import.meta.dirname, "..");
const COUNT = Number(process.env.SEARCH_BENCH_ARTICLES ?? 10_000);
const QUERIES = Number(process.env.SEARCH_BENCH_QUERIES ?? 300);
const VOCABULARY = 30_000;
const WORDS_PER_ARTICLE = 350;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

const rand = random(16);
const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "sa", "vel", "qu", "dan", "pri", "os", "te", "bar", "ni", "ul", "zen"];
/** Pseudo-words: word i is built from the digits of i in base 16, so the vocabulary is fixed and pronounceable. */
const wordOf = (i: number) => [...i.toString(16).padStart(4, "0")].map((d) => SYLLABLES[Number.parseInt(d, 16)]).join("");
/** Zipf-like rank: a few words are very common (like "harbour"), most are rare (like "Hezbollah"). */
const zipf = () => Math.min(VOCABULARY - 1, Math.floor(Math.exp(rand() * Math.log(VOCABULARY))) - 1);

async function generate(dir: string) {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const id = String(i).padStart(5, "0");
    const words = Array.from({ length: WORDS_PER_ARTICLE }, () => wordOf(zipf()));
    const paragraphs = Array.from({ length: 7 }, (_, p) => words.slice(p * 50, (p + 1) * 50).join(" "));
    const published = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
    await writeFile(
      join(dir, `gen-${id}.md`),
      `---\nslug: search-bench-${id}\nheadline: "${words.slice(0, 8).join(" ")}"\npublished: ${published}\nsection: Section ${i % 8}\ntags: [Tag ${i % 20}, Tag ${(i * 7 + 3) % 20}]\nsummary: "${words.slice(8, 30).join(" ")}"\nauthors: [Author ${i % 12}]\n---\n\n${paragraphs.join("\n\n")}\n`,
    );
  }
  await writeFile(join(dir, "convoy.md"), readFileSync(join(ROOT, "tests/fixtures/search/convoy-report.md")));
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

type Measure = { requests: number; cpuMsPerRequest: number; readsMedian: number; readsMax: number; statuses: string };

/** Requests each path once, one at a time, and charges workerd's CPU time over them to each request. */
async function measure(url: string, pid: number, paths: string[]): Promise<Measure> {
  const reads: number[] = [];
  const statuses = new Map<number, number>();
  const before = cpuTicks(pid);
  for (const path of paths) {
    const res = await fetch(url + path);
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const r = res.headers.get("x-edgewire-search-reads");
    if (r !== null) reads.push(Number(r));
  }
  const ms = ((cpuTicks(pid) - before) / TICKS_PER_SECOND) * 1000;
  reads.sort((a, b) => a - b);
  return {
    requests: paths.length,
    cpuMsPerRequest: ms / paths.length,
    readsMedian: reads[Math.floor(reads.length / 2)] ?? 0,
    readsMax: reads.at(-1) ?? 0,
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
  };
}

const work = await mkdtemp(join(tmpdir(), "edgewire-search-bench-"));
try {
  const articles = join(work, "articles");
  let t = performance.now();
  await generate(articles);
  console.log(
    `generated ${COUNT} articles (${VOCABULARY} pseudo-words, Zipf) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  // Started on the small fixture folder, then published key by key with retries: under load, Miniflare's proxy
  // sometimes drops one of 15,000 sequential puts ("other side closed").
  const site = await startSite({ articles: join(ROOT, "tests/fixtures/search") });
  try {
    const kv = await site.mf.getKVNamespace("CONTENT");
    const retry = async (work: () => Promise<unknown>) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work();
        } catch (err) {
          if (attempt === 5) throw err;
          await new Promise((r) => setTimeout(r, 500 * attempt));
        }
      }
    };
    const store: KvStore = {
      get: (key) => kv.get(key),
      putMany: async (pairs) => {
        for (const { key, value } of pairs) await retry(() => kv.put(key, value));
      },
      deleteMany: async (keys) => {
        for (const key of keys) await retry(() => kv.delete(key));
      },
    };
    await publishInto(store, articles, {
      prune: true,
      onProgress: (done, total) => done % 2000 < 64 && console.log(`  ${done}/${total} writes`),
    });
    console.log(`published and started in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const sizes: { key: string; bytes: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await kv.list({ prefix: "v1:search:", ...(cursor ? { cursor } : {}) });
      for (const { name } of page.keys) sizes.push({ key: name, bytes: Buffer.byteLength((await kv.get(name)) ?? "") });
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    // The current generation and the head (a rebuild keeps the previous generation's keys for one more publish).
    const generation = (JSON.parse((await kv.get("v1:search:head")) ?? "{}") as { generation?: number }).generation;
    const current = (k: string) => k === "v1:search:head" || k.endsWith(`:${generation}:${k.split(":").at(-1)}`);
    const worker = sizes.filter((s) => current(s.key));
    const total = worker.reduce((n, s) => n + s.bytes, 0);
    const largest = worker.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const kind = (k: string) => k.split(":")[2] ?? k;
    const byKind = { terms: worker.filter((s) => kind(s.key) === "terms"), docs: worker.filter((s) => kind(s.key) === "docs") };
    const index = {
      keys: worker.length,
      totalBytes: total,
      largest,
      termShards: byKind.terms.length,
      docShards: byKind.docs.length,
      medianTermShardBytes: byKind.terms.map((s) => s.bytes).sort((a, b) => a - b)[Math.floor(byKind.terms.length / 2)],
      headBytes: sizes.find((s) => s.key === "v1:search:head")?.bytes ?? 0,
      publisherMetaBytes: sizes.find((s) => s.key === "v1:search:meta")?.bytes ?? 0,
    };
    console.log(
      `index: ${index.keys} keys the Worker reads, ${(total / 1024 / 1024).toFixed(2)} MiB in all; largest ${largest.key} ${(largest.bytes / 1024).toFixed(1)} KiB; ` +
        `${index.termShards} term shards (median ${((index.medianTermShardBytes ?? 0) / 1024).toFixed(1)} KiB), ${index.docShards} docs shards, head ${index.headBytes} B; publisher meta ${(index.publisherMetaBytes / 1024).toFixed(0)} KiB`,
    );

    const pid = findWorkerdPids()[0];
    if (pid === undefined) throw new Error("workerd process not found (Linux /proc needed)");
    // The floor: the bench's separate minimal Worker on the same runtime (bench/floor.ts), answering 8 KB from memory.
    const floorWorker = await startFloor(`<!doctype html><title>floor</title>${"x".repeat(8000 - 32)}`, "2026-10-01", 0);
    const floorPid = findWorkerdPids().find((p) => p !== pid);
    if (floorPid === undefined) throw new Error("the floor Worker's workerd process not found");
    // Words by frequency rank: common (rank 5–50), middling (200–2,000), rare (5,000+).
    const pick = (lo: number, hi: number) => wordOf(lo + Math.floor(rand() * (hi - lo)));
    const oneWord = Array.from(
      { length: QUERIES },
      (_, i) => [pick(5, 50), pick(200, 2000), pick(5000, 20_000)][i % 3] as string,
    );
    const threeWords = Array.from({ length: QUERIES }, () => `${pick(5, 200)} ${pick(50, 1000)} ${pick(200, 5000)}`);
    const q = (s: string) => `/search?q=${encodeURIComponent(s)}`;
    await measure(
      floorWorker.url,
      floorPid,
      Array.from({ length: 50 }, () => "/constant"),
    ); // warm-up
    const floor = await measure(
      floorWorker.url,
      floorPid,
      Array.from({ length: QUERIES }, () => "/constant"),
    );
    await floorWorker.dispose();
    const rows = {
      "constant 8 KB response (floor)": floor,
      "one word, uncached": await measure(site.url, pid, oneWord.map(q)),
      "one word, repeated (results from memory)": await measure(site.url, pid, oneWord.map(q)),
      "three words, uncached": await measure(site.url, pid, threeWords.map(q)),
      "three words, repeated (results from memory)": await measure(site.url, pid, threeWords.map(q)),
      "Hezbollah convoy": await measure(site.url, pid, [q("Hezbollah convoy")]),
    };
    console.log(
      `\n| query | requests | workerd CPU per request | above the floor | KV reads (median / max, limit ${MAX_SEARCH_READS}) | statuses |`,
    );
    console.log("| --- | ---: | ---: | ---: | ---: | --- |");
    for (const [name, m] of Object.entries(rows)) {
      const above = name.includes("floor") ? "" : `${(m.cpuMsPerRequest - floor.cpuMsPerRequest).toFixed(2)} ms`;
      const reads = name.includes("floor") ? "" : `${m.readsMedian} / ${m.readsMax}`;
      console.log(`| ${name} | ${m.requests} | ${m.cpuMsPerRequest.toFixed(2)} ms | ${above} | ${reads} | ${m.statuses} |`);
    }

    // One new article on top of the 10,000: what the publish rewrites.
    await writeFile(
      join(articles, "one-more.md"),
      "---\nslug: one-more\nheadline: One more article\npublished: 2026-11-30T10:00:00Z\nsection: Section 1\nsummary: One more.\n---\n\nA new convoy report.\n",
    );
    t = performance.now();
    const plan = await publishInto(store, articles);
    const searchWrites = plan.puts.filter((e) => e.kind.startsWith("search")).map((e) => e.key);
    const publish = { seconds: (performance.now() - t) / 1000, puts: plan.puts.length, searchWrites };
    console.log(`\none-article publish: ${plan.puts.length} KV puts, of them search: ${searchWrites.join(", ") || "none"}`);
    const found = await (await fetch(`${site.url}${q("convoy")}`)).text();
    console.log(`after it, "convoy" finds the new article: ${found.includes("/articles/one-more")}`);

    await mkdir(join(ROOT, "bench/results"), { recursive: true });
    const result = { articles: COUNT + 1, date: new Date().toISOString(), index, queries: rows, publish };
    await writeFile(join(ROOT, "bench/results/search.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log("wrote bench/results/search.json");
  } finally {
    await site.dispose();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
