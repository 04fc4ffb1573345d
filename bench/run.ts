// `npm run bench`: builds the Worker as it deploys, serves it on local workerd (Miniflare's API) with 1,000 articles,
// drives load from a child process, and compares every path with a bare floor Worker on the same runtime, interleaved
// in rounds, in req/s and in workerd CPU time per request.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { HOST_COOKIE, signedConsentValue } from "../src/consent/cookie.ts";
import { BUDGETS } from "../tools/budgets.ts";
import { buildBundle, startSite } from "../tools/site.ts";
import { TEST_CONSENT_SECRET } from "../tools/test-secrets.ts";
import { benchArticles } from "./articles.ts";
import { drive as load } from "./drive.ts";
import { CACHE_PAGES, startFloor } from "./floor.ts";
import type { LoadRequest, LoadResult, LoadSpec } from "./load.ts";
import { median, shuffled } from "./rounds.ts";
import { cpuMicros, findWorkerdPids, rssKiB } from "./workerd.ts";

const ROOT = resolve(import.meta.dirname, "..");
const RESULTS = join(ROOT, "bench/results");
const CONNECTIONS = 64;
const ARTICLES = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 4);
const LOAD_WARM_ROUNDS = 2;
const LOAD_AMOUNT = Number(process.env.BENCH_LOAD_AMOUNT ?? 20_000);
/** The cookie of a reader who granted consent under policy version 1 (wrangler.toml's CONSENT_POLICY_VERSION). */
/** A reader who allowed analytics, signed with the secret the bench's site runs with (tests/support/secrets.ts). */
const GRANTED_COOKIE =
  process.env.BENCH_CONSENT_COOKIE ??
  `${HOST_COOKIE}=${await signedConsentValue(HOST_COOKIE, { policyVersion: 1, grants: ["analytics"], givenAt: new Date() }, TEST_CONSENT_SECRET)}`;
const FEED_PATHS = ["/feed.xml", "/rss.xml", "/atom.xml", "/feed"];
const CACHED = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";

type Scenario = {
  name: string;
  /** Which floor it is compared with; null for the floors themselves. */
  floor: "constant" | "kv" | "cache" | null;
  /** The origin it is sent to: the site, or the floor Worker. */
  target: "site" | "floor";
  requests: LoadRequest[];
  ok: (status: number) => boolean;
};
/** One run, plus the workerd CPU time it cost (µs, from /proc; null when unknown). */
type Run = LoadResult & { cpuMicros: number | null };
type Row = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  cpuPerRequest: number | null;
  rounds: Run[];
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const badResponses = (r: LoadResult, ok: (s: number) => boolean) =>
  r.errors + r.timeouts + Object.entries(r.statuses).reduce((n, [code, count]) => n + (ok(Number(code)) ? 0 : count), 0);

function publishScale(): unknown {
  const script = join(ROOT, "bench/publish-scale.ts");
  const previous = join(RESULTS, "publish-scale.json");
  if (process.env.BENCH_SKIP_PUBLISH === "1") {
    if (!existsSync(previous)) {
      console.log("publisher scale: skipped (BENCH_SKIP_PUBLISH=1; no earlier bench/results/publish-scale.json)");
      return null;
    }
    console.log("publisher scale: skipped (BENCH_SKIP_PUBLISH=1); showing bench/results/publish-scale.json");
    return JSON.parse(readFileSync(previous, "utf8"));
  }
  if (!existsSync(script)) {
    console.log("publisher scale: not available (bench/publish-scale.ts is not in this tree)");
    return null;
  }
  console.log("publisher scale: running bench/publish-scale.ts …");
  execFileSync(process.execPath, [script], { cwd: ROOT, stdio: "inherit", timeout: 600_000 });
  const file = join(RESULTS, "publish-scale.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const publisher = publishScale();

  // BENCH_BUNDLE=<dir> benches a bundle built elsewhere (e.g. main's, for a before/after table).
  const bundleDir = process.env.BENCH_BUNDLE ?? buildBundle();
  const bundleGzip = gzipSync(readFileSync(join(bundleDir, "index.js"))).length;
  console.log(`bundle: ${kib(bundleGzip)} gzipped (budget ${kib(BUDGETS.bundleGzipBytes)})`);

  const articles = benchArticles(join(ROOT, "kv-seed/articles"), ARTICLES);
  const seedStart = performance.now();
  const site = await startSite({ bundleDir, articles: articles.dir });
  const sitePid = findWorkerdPids()[0] ?? null;
  console.log(`site: ${site.url}, ${ARTICLES} articles published in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  try {
    const page = await (await fetch(`${site.url}${CACHED}`)).text();
    const pageBytes = Buffer.byteLength(page);
    const htmlGzip = gzipSync(page).length;
    console.log(`article page: ${kib(pageBytes)} (${kib(htmlGzip)} gzipped, budget ${kib(BUDGETS.firstVisitHtmlGzipBytes)})`);
    const floor = await startFloor(page, "2026-10-01");
    const floorPid = findWorkerdPids().find((p) => p !== sitePid) ?? null;
    const pid = sitePid;
    console.log(`workerd pids: site ${sitePid ?? "not found"}, floor ${floorPid ?? "not found"}`);
    const urlOf = (s: Scenario) => (s.target === "floor" ? floor.url : site.url);
    const pidOf = (s: Scenario) => (s.target === "floor" ? floorPid : sitePid);
    /** One load run against a scenario's Worker, with that workerd's CPU time over the run. */
    const measure = async (s: Scenario, spec: Omit<LoadSpec, "url" | "requests">): Promise<Run> => {
      const before = cpuMicros(pidOf(s));
      const r = await load({ ...spec, url: urlOf(s), requests: s.requests });
      const after = cpuMicros(pidOf(s));
      return { ...r, cpuMicros: before === null || after === null ? null : after - before };
    };

    const feed = await firstAnswering(
      site.url,
      FEED_PATHS.map((path) => ({ path })),
    );
    const consentPost = await firstAnswering(site.url, [
      {
        method: "POST",
        path: "/consent",
        // A same-site form post, as a browser sends it (cross-site posts are refused with 403).
        headers: { "content-type": "application/x-www-form-urlencoded", origin: site.url, "sec-fetch-site": "same-origin" },
        body: "choice=granted&return=%2F",
      },
    ]);
    const allSlugs = JSON.parse((await site.kv.get("v1:sitemap")) as string).entries.map((e: { slug: string }) => e.slug);
    const site2xx = { target: "site" as const, ok: is2xx };
    const scenarios: Scenario[] = [
      { name: "floor: constant", floor: null, target: "floor", requests: [{ path: "/constant" }], ok: is2xx },
      { name: "floor: one KV read", floor: null, target: "floor", requests: [{ path: "/kv" }], ok: is2xx },
      {
        name: "floor: one Cache API read",
        floor: null,
        target: "floor",
        requests: Array.from({ length: CACHE_PAGES }, (_, n) => ({ path: `/cache/${n}` })),
        ok: is2xx,
      },
      { name: "article cached, first visit", floor: "constant", requests: [{ path: CACHED }], ...site2xx },
      {
        name: "article cached, consent granted",
        floor: "constant",
        requests: [{ path: CACHED, headers: { cookie: GRANTED_COOKIE } }],
        ...site2xx,
      },
      {
        name: "article cached, GPC",
        floor: "constant",
        requests: [{ path: CACHED, headers: { "sec-gpc": "1" } }],
        ...site2xx,
      },
      { name: "home page", floor: "constant", requests: [{ path: "/" }], ...site2xx },
      {
        // More pages than isolate memory holds: each is read from the Cache API, so its floor makes that one read.
        name: "1,000 articles in turn",
        floor: "cache",
        requests: allSlugs.map((s: string) => ({ path: `/articles/${s}` })),
        ...site2xx,
      },
      {
        name: "unknown slug, repeated",
        floor: "constant",
        target: "site",
        requests: [{ path: "/articles/no-such-article-in-the-bench" }],
        ok: (status) => status === 404,
      },
    ];
    if (feed) scenarios.push({ name: `feed ${feed.path}`, floor: "constant", requests: [feed], ...site2xx });
    else console.log(`feed: not available (none of ${FEED_PATHS.join(", ")} answers 200 in this tree)`);
    if (consentPost)
      scenarios.push({ name: "POST /consent", floor: "constant", target: "site", requests: [consentPost], ok: (s) => s < 400 });
    else console.log("POST /consent: not available (the consent route is not in this tree)");

    console.log(
      `load test: ${LOAD_WARM_ROUNDS} warm-up rounds, then ${LOAD_ROUNDS} rounds of ${LOAD_AMOUNT} requests at ${CONNECTIONS} connections …`,
    );
    // Readers' mix: the hot article, all 1,000 articles in turn (more than page memory holds, so it keeps evicting
    // and refilling from the Cache API), the home page, consenting readers, and unknown slugs (each new: a KV read).
    const mix: LoadRequest[] = allSlugs.flatMap((s: string, i: number) => [
      { path: CACHED },
      { path: `/articles/${s}` },
      { path: "/" },
      { path: `/articles/${s}`, headers: { cookie: GRANTED_COOKIE } },
      { path: `/articles/unknown-${i}` },
    ]);
    const isReaderStatus = (status: number) => is2xx(status) || status === 404;
    // workerd's memory grows for the first tens of thousands of requests even on the constant floor (so not the
    // Worker's code), so memory is compared only across rounds after the warm-up rounds.
    const rss: { after: string; kib: number | null }[] = [{ after: "start", kib: pid ? rssKiB(pid) : null }];
    const warm: LoadResult[] = [];
    for (let round = 0; round < LOAD_WARM_ROUNDS; round++) {
      warm.push(await load({ url: site.url, connections: CONNECTIONS, amount: LOAD_AMOUNT, requests: mix }));
      rss.push({ after: `warm-up ${round + 1}`, kib: pid ? rssKiB(pid) : null });
      console.log(
        `  warm-up ${round + 1}: ${LOAD_AMOUNT} requests, errors ${badResponses(warm.at(-1) as LoadResult, isReaderStatus)}, workerd RSS ${rss.at(-1)?.kib ?? "?"} KiB`,
      );
    }
    const loadRounds: LoadResult[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      const r = await load({ url: site.url, connections: CONNECTIONS, amount: LOAD_AMOUNT, requests: mix });
      loadRounds.push(r);
      rss.push({ after: `round ${round + 1}`, kib: pid ? rssKiB(pid) : null });
      console.log(
        `  round ${round + 1}: ${r.requests} requests, ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, errors ${badResponses(r, isReaderStatus)}, workerd RSS ${rss.at(-1)?.kib ?? "?"} KiB`,
      );
    }
    const firstRss = rss[LOAD_WARM_ROUNDS + 1]?.kib ?? null;
    const lastRss = rss.at(-1)?.kib ?? null;
    const growth = firstRss !== null && lastRss !== null ? (lastRss - firstRss) / firstRss : null;
    const loadErrors = loadRounds.reduce(
      (n, r) => n + badResponses(r, isReaderStatus),
      warm.reduce((n, r) => n + badResponses(r, isReaderStatus), 0),
    );
    const loadRequests = loadRounds.reduce((n, r) => n + r.requests, 0);

    console.log(`warm-up, then ${ROUNDS} interleaved rounds of ${SECONDS} s per path at ${CONNECTIONS} connections …`);
    for (const s of scenarios) await measure(s, { connections: CONNECTIONS, duration: 1 });
    const perRound = new Map<string, Run[]>(scenarios.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // A new random order each round, so drift on this shared machine (and any after-effect of the path before)
      // falls on every path alike; a short pause lets background work from the previous run settle.
      for (const s of shuffled(scenarios)) {
        await new Promise((r) => setTimeout(r, 300));
        perRound.get(s.name)?.push(await measure(s, { connections: CONNECTIONS, duration: SECONDS }));
      }
      process.stdout.write(`  round ${round + 1}/${ROUNDS} done\n`);
    }
    const rows: Row[] = scenarios.map((s) => {
      const rounds = perRound.get(s.name) ?? [];
      const requests = rounds.reduce((n, r) => n + r.requests, 0);
      const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
      const cpu = rounds.every((r) => r.cpuMicros !== null) ? rounds.reduce((n, r) => n + (r.cpuMicros ?? 0), 0) : null;
      return {
        cpuPerRequest: cpu === null || requests === 0 ? null : cpu / requests,
        name: s.name,
        rps: requests / seconds,
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
        errors: rounds.reduce((n, r) => n + badResponses(r, s.ok), 0),
        requests,
        rounds,
      };
    });
    const floors = { constant: rows[0] as Row, kv: rows[1] as Row, cache: rows[2] as Row };
    // Each round's path is compared with the same round's floor, and the median of those ratios is reported:
    // pairs measured seconds apart share the machine's load, which a ratio of totals would not.
    const paired = (row: Row, floor: Row, pick: (r: LoadResult) => number) =>
      median(row.rounds.map((r, k) => pick(r) / Math.max(pick(floor.rounds[k] as LoadResult), 1)));
    const ratios = rows.map((row, i) => {
      const floor = scenarios[i]?.floor ? floors[scenarios[i]?.floor as keyof typeof floors] : null;
      if (!floor) return null;
      const cpu = row.cpuPerRequest !== null && floor.cpuPerRequest ? row.cpuPerRequest / floor.cpuPerRequest : null;
      return { rps: paired(row, floor, (r) => r.rps), p99: paired(row, floor, (r) => r.p99), cpu };
    });
    const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "" : Number(x.toFixed(digits)));
    const table = rows.map((row, i) => ({
      path: row.name,
      "req/s": Math.round(row.rps),
      "p50 ms": row.p50,
      "p99 ms": row.p99,
      errors: row.errors,
      "CPU µs/req": row.cpuPerRequest === null ? "" : Math.round(row.cpuPerRequest),
      floor: scenarios[i]?.floor ?? "",
      "× floor req/s": num(ratios[i]?.rps),
      "× floor CPU": num(ratios[i]?.cpu),
      "× floor p99": num(ratios[i]?.p99),
    }));
    console.table(table);

    const byName = (name: string) => rows.findIndex((r) => r.name === name);
    const cached = byName("article cached, first visit");
    const granted = byName("article cached, consent granted");
    const unknown = byName("unknown slug, repeated");
    const cachedCpu = rows[cached]?.cpuPerRequest ?? null;
    const unknownCpu = rows[unknown]?.cpuPerRequest ?? null;
    const verdicts = {
      cachedVsConstantFloor: ratios[cached]?.rps ?? 0,
      grantedVsConstantFloor: ratios[granted]?.rps ?? 0,
      unknownCpuVsCachedCpu: cachedCpu && unknownCpu !== null ? unknownCpu / cachedCpu : null,
      cachedP99VsFloorP99: ratios[cached]?.p99 ?? Number.POSITIVE_INFINITY,
      errorsAt64: rows.reduce((n, r) => n + r.errors, 0) + loadErrors,
      memoryGrowthAfterFirstRound: growth,
    };
    const pass = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log("\ntargets:");
    console.log(
      `  cached first visit ≥ 0.9× floor req/s:   ${verdicts.cachedVsConstantFloor.toFixed(2)}× (${pass(verdicts.cachedVsConstantFloor >= 0.9)})`,
    );
    console.log(
      `  consent granted ≥ 0.85× floor req/s:     ${verdicts.grantedVsConstantFloor.toFixed(2)}× (${pass(verdicts.grantedVsConstantFloor >= 0.85)})`,
    );
    const u = verdicts.unknownCpuVsCachedCpu;
    console.log(
      `  unknown slug CPU ≤ 1.5× cached CPU:      ${u === null ? "?" : `${u.toFixed(2)}×`} (${pass(u !== null && u <= 1.5)})`,
    );
    const inTurn = byName("1,000 articles in turn");
    console.log(
      `  (for reference) 1,000 articles in turn, from the Cache API: ${num(ratios[inTurn]?.cpu)}× the CPU and ${num(ratios[inTurn]?.rps)}× the req/s of one bare Cache API read`,
    );
    console.log(
      `  cached p99 ≤ 2× floor p99:               ${verdicts.cachedP99VsFloorP99.toFixed(2)}× (${pass(verdicts.cachedP99VsFloorP99 <= 2)})`,
    );
    console.log(`  zero errors at 64 connections:  ${verdicts.errorsAt64} (${pass(verdicts.errorsAt64 === 0)})`);
    console.log(
      `  load test: ${loadRequests} requests, memory after round 1 → last: ${firstRss ?? "?"} → ${lastRss ?? "?"} KiB (${growth === null ? "?" : `${(growth * 100).toFixed(1)}%`}; ${pass(growth !== null && growth <= 0.1)} at ≤ 10%)`,
    );
    console.log(`  bundle ${kib(bundleGzip)} gzipped; article HTML ${kib(htmlGzip)} gzipped`);
    if (publisher) console.log(`  publisher scale: ${JSON.stringify(publisher)}`);

    const results = {
      when: new Date().toISOString(),
      machine: { cpus: (await import("node:os")).cpus().length, note: "shared 2-core machine; other engineers' runs add noise" },
      settings: {
        connections: CONNECTIONS,
        rounds: ROUNDS,
        secondsPerPath: SECONDS,
        articles: ARTICLES,
        grantedCookie: GRANTED_COOKIE,
      },
      bundleGzipBytes: bundleGzip,
      articleHtmlBytes: pageBytes,
      articleHtmlGzipBytes: htmlGzip,
      table,
      rows: rows.map(({ rounds, ...row }) => ({ ...row, rounds })),
      loadTest: { warmUp: warm, rounds: loadRounds, rssKiB: rss, requests: loadRequests, errors: loadErrors },
      verdicts,
      publisher,
      unavailable: [...(feed ? [] : ["feed"]), ...(consentPost ? [] : ["POST /consent"])],
    };
    writeFileSync(join(RESULTS, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nresults: ${join(RESULTS, "bench.json")}`);
    await floor.dispose();
  } finally {
    await site.dispose();
    if (process.env.BENCH_BUNDLE === undefined) rmSync(bundleDir, { recursive: true, force: true });
    rmSync(articles.dir, { recursive: true, force: true });
  }
}

function is2xx(status: number) {
  return status >= 200 && status < 300;
}

/** The first request that the site answers without a 4xx/5xx, or null (that route is not built yet). */
async function firstAnswering(url: string, candidates: LoadRequest[]): Promise<LoadRequest | null> {
  for (const c of candidates) {
    const res = await fetch(`${url}${c.path}`, {
      method: c.method ?? "GET",
      headers: c.headers,
      body: c.body,
      redirect: "manual",
    });
    await res.arrayBuffer();
    if (res.status < 400) return c;
  }
  return null;
}

await main();
