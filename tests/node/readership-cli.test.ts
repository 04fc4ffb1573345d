// Readership end to end on the built site: browse with consent, the real queue delivers the views to local D1, and
// `npm run analytics -- top` prints the most-read articles and writes the chart from that state.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle, type Site, startSite } from "../../tools/site.ts";
import { ROOT, runPublish } from "./support/cli.ts";

const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
type Run = { code: number; stdout: string; stderr: string };
const run = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, timeout: 240_000, env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...env } },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
const analytics = (...args: string[]) => run(["tools/analytics/cli.ts", ...args]);

let state: string;
let site: Site | undefined;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), "edgewire-readership-"));
  // What `npm start` does: the migrations, then the content, into one local state folder.
  const migrated = await run([WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { CI: "true" });
  expect(migrated.code, migrated.stderr).toBe(0);
  const published = await runPublish(["--dir", "tests/fixtures/reader", "--persist-to", state, "--quiet"]);
  expect(published.code, published.stderr).toBe(0);
  site = await startSite({ bundleDir: buildBundle(), persistTo: state });

  // A reader accepts analytics, then reads; the first-party script's beacons, as the browser sends them.
  const consent = await fetch(`${site.url}/consent`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: site.url, "sec-fetch-site": "same-origin" },
    body: "choice=granted&return=%2F",
  });
  const cookie = (consent.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(/=/);
  const beacon = (path: string, ref = "") =>
    fetch(`${site?.url}/analytics/collect`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: site?.url ?? "", "sec-fetch-site": "same-origin", cookie },
      body: JSON.stringify({ path, ref }),
    });
  for (const [path, ref] of [
    ["/articles/bare-article", ""],
    ["/articles/bare-article", "news.example"],
    ["/articles/bare-article", "news.example"],
    ["/articles/hostile-headline", ""],
  ] as const)
    expect((await beacon(path, ref)).status).toBe(204);
  // The queue delivers in batches (max_batch_timeout = 2 s): wait for the four views in D1.
  const db = await site.mf.getD1Database("DB");
  for (let waited = 0; waited < 20_000; waited += 250) {
    const row = await db.prepare("SELECT COUNT(*) AS n FROM pageview_events").first<{ n: number }>();
    if ((row?.n ?? 0) >= 4) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await site.dispose();
  site = undefined;
}, 300_000);

afterAll(async () => {
  await site?.dispose();
  if (state) await rm(state, { recursive: true, force: true });
});

describe("npm run analytics -- top", () => {
  it("prints the most-read articles with their views and sections, the referrers and countries, and writes the chart", async () => {
    const chart = join(state, "views.svg");
    const result = await analytics("top", "--persist-to", state, "--chart", chart);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 4 views\n/);
    const rows = result.stdout.split("\n").filter((line) => /^\s+\d+\s+\d+\s+\S+/.test(line));
    expect(rows.map((line) => line.trim().split(/\s+/))).toEqual([
      ["1", "3", "bare-article", "reader-tests"],
      ["2", "1", "hostile-headline", "reader-tests"],
    ]);
    expect(result.stdout).toContain("Top referrers: direct 2 (50.0%), news.example 2 (50.0%)");
    // Local workerd has no real country: Miniflare's stand-in request.cf names one for every request.
    expect(result.stdout).toMatch(/Top countries: [A-Z]{2} 4 \(100\.0%\)/);
    const svg = await readFile(chart, "utf8");
    expect(svg).toContain(`data-day="${today}" data-views="4"`);
    expect(svg.match(/class="bar"/g)).toHaveLength(31);
  }, 120_000);

  it("filters by section and says so when nothing matches", async () => {
    const result = await analytics("top", "--persist-to", state, "--section", "world", "--chart", join(state, "w.svg"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("in section world");
    expect(result.stdout).toContain("No page views recorded in this period.");
  }, 120_000);

  it("refuses a bad date, section or command with a message and exit code 2, before touching D1", async () => {
    for (const [args, message] of [
      [["top", "--since", "2026-02-30"], /--since: must be a date like 2026-11-01 \(got "2026-02-30"\)/],
      [["top", "--section", "x'; DROP TABLE pageview_events; --"], /--section: must be a section slug/],
      [["top", "--limit", "0"], /--limit: must be a whole number from 1 to 500/],
      [["bottom"], /unknown command "bottom"/],
      [["top", "--remote"], /--remote needs --env staging or --env production/],
    ] as const) {
      const result = await analytics(...args, "--persist-to", state);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  }, 120_000);
});
