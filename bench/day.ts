// `npm run bench:day`: the page cache's hit ratio over a simulated news day, compressed: reader traffic (a Zipf mix
// of articles, the home page, section pages and the feed) with a publish of one edited article between cycles, on
// the deploy bundle in local workerd. Prints, per cycle, requests, hits, misses (each a KV read and a render) and
// distinct pages, so the capacity model (docs/scale.md) can be checked: after a publish, every page misses once.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { publishInto } from "../tools/publish.ts";
import { buildBundle, startSite } from "../tools/site.ts";
import { benchArticles } from "./articles.ts";

const ROOT = resolve(import.meta.dirname, "..");
const ARTICLES = Number(process.env.DAY_ARTICLES ?? 1000);
const CYCLES = Number(process.env.DAY_CYCLES ?? 4);
/** Longer than the 10 s for which an isolate holds the content version, so every cycle sees its publish. */
const CYCLE_MS = Number(process.env.DAY_CYCLE_MS ?? 15_000);
const CONCURRENCY = 8;

/** A small seeded generator (mulberry32): the same traffic every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index i of n with probability ∝ 1/(i+1): a few stories get most of the reads, as on a news site. */
function zipf(n: number, next: () => number) {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const r = next();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const { dir, slugs } = benchArticles(join(ROOT, "kv-seed/articles"), ARTICLES);
const bundleDir = buildBundle();
const site = await startSite({ bundleDir, articles: dir });
const next = random(20261201);
// Newest first: the generated slugs are oldest first, so readers favour the end of the list.
const pickArticle = zipf(slugs.length, next);
const sections = ["world", "business", "science", "culture", "sport"];
function nextPath(): string {
  const r = next();
  if (r < 0.6) return `/articles/${slugs[slugs.length - 1 - pickArticle()]}`;
  if (r < 0.85) return "/";
  if (r < 0.95) return `/section/${sections[Math.floor(next() * sections.length)]}`;
  return "/feed.xml";
}

/** Edits the newest generated article's body and publishes: one article write plus the content version. */
async function publishEdit(cycle: number) {
  const slug = slugs.at(-1) ?? "";
  const file = join(dir, `bench-${slug}.md`);
  writeFileSync(file, `${readFileSync(file, "utf8")}\nUpdate ${cycle}: the council confirmed the figures.\n`);
  await publishInto(site.kv, dir);
}

type Cycle = { requests: number; hits: number; misses: number; other: number; distinct: number; missedDistinct: number };
async function runCycle(): Promise<Cycle> {
  const stats: Cycle = { requests: 0, hits: 0, misses: 0, other: 0, distinct: 0, missedDistinct: 0 };
  const seen = new Set<string>();
  const missed = new Set<string>();
  const end = performance.now() + CYCLE_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const path = nextPath();
        const res = await fetch(site.url + path);
        await res.arrayBuffer();
        const cache = res.headers.get("x-edgewire-cache");
        stats.requests++;
        seen.add(path);
        if (cache === "HIT") stats.hits++;
        else if (cache === "MISS") {
          stats.misses++;
          missed.add(path);
        } else stats.other++;
      }
    }),
  );
  stats.distinct = seen.size;
  stats.missedDistinct = missed.size;
  return stats;
}

try {
  console.log(
    `${ARTICLES} articles, ${CYCLES} cycles of ${CYCLE_MS / 1000} s at ${CONCURRENCY} connections; a publish before each cycle\n`,
  );
  console.log("cycle | requests | hit ratio | misses | distinct pages | pages that missed | other");
  console.log("--- | --- | --- | --- | --- | --- | ---");
  const cycles: Cycle[] = [];
  for (let c = 0; c <= CYCLES; c++) {
    if (c > 0) await publishEdit(c);
    const s = await runCycle();
    if (c > 0) cycles.push(s);
    const label = c === 0 ? "warm-up" : String(c);
    console.log(
      `${label} | ${s.requests} | ${((s.hits / s.requests) * 100).toFixed(1)}% | ${s.misses} | ${s.distinct} | ${s.missedDistinct} | ${s.other}`,
    );
  }
  const total = cycles.reduce(
    (a, s) => ({ requests: a.requests + s.requests, hits: a.hits + s.hits, misses: a.misses + s.misses }),
    {
      requests: 0,
      hits: 0,
      misses: 0,
    },
  );
  const missesPerDistinct = cycles.reduce((a, s) => a + s.misses / Math.max(s.missedDistinct, 1), 0) / cycles.length;
  console.log(
    `\nafter publishes: hit ratio ${((total.hits / total.requests) * 100).toFixed(1)}% over ${total.requests} requests; ` +
      `${missesPerDistinct.toFixed(2)} misses per page that missed (1.00 = each page renders once per publish)`,
  );
} finally {
  await site.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
