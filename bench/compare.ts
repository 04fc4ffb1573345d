// `npm run bench:compare -- <bundle dir>`: two builds side by side on one machine, in the same rounds, against one
// floor Worker. The other build is a `wrangler deploy --dry-run --outdir <dir>` of another commit (e.g. main before a
// change); this tree is built here. Each round runs every path on both sites and the floor in a new random order.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { HOST_COOKIE, signedConsentValue } from "../src/consent/cookie.ts";
import { buildBundle, startSite } from "../tools/site.ts";
import { TEST_CONSENT_SECRET } from "../tools/test-secrets.ts";
import { benchArticles } from "./articles.ts";
import { drive } from "./drive.ts";
import { startFloor } from "./floor.ts";
import type { LoadRequest } from "./load.ts";
import { median, shuffled } from "./rounds.ts";
import { cpuMicros, findWorkerdPids } from "./workerd.ts";

const ROOT = resolve(import.meta.dirname, "..");
const RESULTS = join(ROOT, "bench/results");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONNECTIONS = 64;
const CACHED = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";

const before = process.argv[2];
if (before === undefined) {
  console.error("usage: npm run bench:compare -- <bundle dir of the other build>");
  process.exit(2);
}

const cookie = `${HOST_COOKIE}=${await signedConsentValue(HOST_COOKIE, { policyVersion: 1, grants: ["analytics"], givenAt: new Date() }, TEST_CONSENT_SECRET)}`;
const PATHS: [string, LoadRequest[]][] = [
  ["article, first visit", [{ path: CACHED }]],
  ["article, consent granted", [{ path: CACHED, headers: { cookie } }]],
  ["article, GPC", [{ path: CACHED, headers: { "sec-gpc": "1" } }]],
  ["home, Arabic", [{ path: "/", headers: { "accept-language": "ar" } }]],
  ["unknown slug, repeated", [{ path: "/articles/no-such-article-in-the-bench" }]],
];

type Target = { name: string; url: string; pid: number | null };
type Sample = { rps: number; cpu: number | null; requests: number };

async function measure(target: Target, requests: LoadRequest[], duration: number): Promise<Sample> {
  const start = cpuMicros(target.pid);
  const r = await drive({ url: target.url, connections: CONNECTIONS, duration, requests });
  const end = cpuMicros(target.pid);
  return { rps: r.rps, requests: r.requests, cpu: start === null || end === null ? null : end - start };
}

mkdirSync(RESULTS, { recursive: true });
const after = buildBundle();
const articles = benchArticles(join(ROOT, "kv-seed/articles"), 1000);
const known = new Set(findWorkerdPids());
const newPid = () => {
  const pid = findWorkerdPids().find((p) => !known.has(p)) ?? null;
  if (pid !== null) known.add(pid);
  return pid;
};
const sites = [
  { name: "other", site: await startSite({ bundleDir: before, articles: articles.dir }) },
  { name: "this tree", site: await startSite({ bundleDir: after, articles: articles.dir }) },
];
const targets: Target[] = sites.map(({ name, site }) => ({ name, url: site.url, pid: newPid() }));
const page = await (await fetch(`${targets[1]?.url}${CACHED}`)).text();
const floor = await startFloor(page, "2026-10-01");
const floorTarget: Target = { name: "floor", url: floor.url, pid: newPid() };
try {
  const cells: { path: string; target: Target; requests: LoadRequest[] }[] = [
    { path: "floor: constant", target: floorTarget, requests: [{ path: "/constant" }] },
    ...PATHS.flatMap(([path, requests]) => targets.map((target) => ({ path, target, requests }))),
  ];
  for (const cell of cells) await measure(cell.target, cell.requests, 1);
  const samples = new Map<(typeof cells)[number], Sample[]>(cells.map((c) => [c, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const cell of shuffled(cells)) {
      await new Promise((r) => setTimeout(r, 300));
      samples.get(cell)?.push(await measure(cell.target, cell.requests, SECONDS));
    }
    console.log(`round ${round + 1}/${ROUNDS} done`);
  }
  const floorSamples = samples.get(cells[0] as (typeof cells)[number]) ?? [];
  const cpuPer = (xs: Sample[]) =>
    xs.every((s) => s.cpu !== null) ? xs.reduce((n, s) => n + (s.cpu ?? 0), 0) / xs.reduce((n, s) => n + s.requests, 0) : null;
  const floorCpu = cpuPer(floorSamples);
  const rows = cells.map((cell) => {
    const xs = samples.get(cell) ?? [];
    const cpu = cpuPer(xs);
    // Each round's run against the same round's floor run: pairs seconds apart share the machine's load.
    const ratio = median(xs.map((s, k) => s.rps / Math.max(floorSamples[k]?.rps ?? 1, 1)));
    return {
      path: cell.path,
      build: cell.target.name,
      "req/s": Math.round(median(xs.map((s) => s.rps))),
      "CPU µs/req": cpu === null ? "" : Math.round(cpu),
      "× floor CPU": cpu === null || floorCpu === null ? "" : Number((cpu / floorCpu).toFixed(2)),
      "× floor req/s": cell.target === floorTarget ? "" : Number(ratio.toFixed(2)),
    };
  });
  console.table(rows);
  writeFileSync(
    join(RESULTS, "compare.json"),
    `${JSON.stringify({ when: new Date().toISOString(), other: before, rows }, null, 2)}\n`,
  );
} finally {
  await floor.dispose();
  for (const { site } of sites) await site.dispose();
  rmSync(after, { recursive: true, force: true });
  rmSync(articles.dir, { recursive: true, force: true });
}
