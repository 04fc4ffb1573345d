// The consent CLI against a local D1 state from a real run: migrations applied by wrangler as `npm start` does,
// choices posted to the bundled Worker on workerd, receipts written by its queue consumer, then stats/show/export.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "../../src/receipts/receipt.ts";
import { buildBundle, startSite } from "../../tools/site.ts";
import { runWrangler } from "../../tools/wrangler.ts";
import { receiptFor } from "../support/receipts.ts";
import { runConsent } from "./support/cli.ts";

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${today}T12:00:00.000Z`) - n * DAY);
const SINCE = daysAgo(10).toISOString().slice(0, 10);

/** Choices posted through POST /consent today: country, choice, form, GPC. */
const POSTS = [
  { country: "DE", choice: "granted", form: "banner", gpc: false },
  { country: "DE", choice: "granted", form: "banner", gpc: false },
  { country: "DE", choice: "declined", form: "settings", gpc: false },
  { country: "FR", choice: "declined", form: "banner", gpc: true },
] as const;

/** Older receipts, sent through the Worker's own queue (as the producer does), on earlier days. */
const EARLIER: Receipt[] = [
  receiptFor({ country: "FR" }, daysAgo(3)),
  receiptFor({ country: "FR", granted: [], refused: ["analytics"] }, daysAgo(3)),
  receiptFor({ granted: ["analytics"], refused: ["marketing"] }, daysAgo(5)),
  receiptFor({ country: "US", jurisdiction: "US-CA", rule: "opt-out", refused: ["marketing"] }, daysAgo(5)),
  // Before --since: counted by nothing below.
  receiptFor({ country: "IT" }, daysAgo(40)),
];

let state: string;
let bundleDir: string;
const postedIds: string[] = [];

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), "edgewire-receipts-"));
  bundleDir = buildBundle();
  await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  const site = await startSite({ bundleDir, persistTo: state });
  try {
    for (const post of POSTS) {
      const res = await site.mf.dispatchFetch(`${site.url}/consent`, {
        method: "POST",
        body: `choice=${post.choice}&form=${post.form}&return=/`,
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: site.url,
          "sec-fetch-site": "same-origin",
          ...(post.gpc ? { "sec-gpc": "1" } : {}),
        },
        cf: { country: post.country },
      });
      const id = /^__Host-ew_consent=1\.\d+\.[a-z-]+\.\d{10}\.([A-Za-z0-9_-]{16})\.[\w-]{22};/.exec(
        res.headers.get("set-cookie") ?? "",
      )?.[1];
      if (res.status !== 303 || !id) throw new Error(`POST /consent answered ${res.status} without a receipt id`);
      postedIds.push(id);
    }
    await (await site.mf.getQueueProducer("RECEIPTS")).sendBatch(EARLIER.map((body) => ({ body, contentType: "json" })));
    const db = await site.mf.getD1Database("DB");
    const expected = POSTS.length + EARLIER.length;
    for (let waited = 0; ; waited += 200) {
      const row = await db.prepare("SELECT COUNT(*) AS n FROM consent_receipts").first<{ n: number }>();
      if (row?.n === expected) break;
      if (waited > 60_000) throw new Error(`the queue consumer wrote ${row?.n} of ${expected} receipts`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await site.dispose();
  }
}, 240_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
  await rm(bundleDir, { recursive: true, force: true });
});

const consent = (...args: string[]) => runConsent([...args, "--persist-to", state]);

/** The table's row for a group: its cells split on runs of two or more spaces. */
function tableRow(stdout: string, key: string): string[] {
  const line = stdout.split("\n").find((l) => l.startsWith(`${key} `));
  if (!line) throw new Error(`no row ${key} in:\n${stdout}`);
  return line.split(/\s{2,}/);
}

describe("npm run consent -- stats", () => {
  it("prints counts and rates by country, with a total", async () => {
    const r = await consent("stats", "--since", SINCE, "--by", "country");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Consent choices since ${SINCE} (local D1), by country`);
    expect(tableRow(r.stdout, "country")).toEqual(["country", "choices", "accept-all", "reject-all", "custom", "opt-out"]);
    expect(tableRow(r.stdout, "DE")).toEqual(["DE", "4", "2 (50.0%)", "1 (25.0%)", "1 (25.0%)", "0 (0.0%)"]);
    expect(tableRow(r.stdout, "FR")).toEqual(["FR", "3", "1 (33.3%)", "2 (66.7%)", "0 (0.0%)", "0 (0.0%)"]);
    expect(tableRow(r.stdout, "US")).toEqual(["US", "1", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "1 (100.0%)"]);
    expect(tableRow(r.stdout, "all")).toEqual(["all", "8", "3 (37.5%)", "3 (37.5%)", "1 (12.5%)", "1 (12.5%)"]);
    expect(r.stdout).not.toMatch(/^IT /m);
  });

  it("groups by jurisdiction and rule", async () => {
    const r = await consent("stats", "--since", SINCE, "--by", "jurisdiction");
    // The four posted choices carry the table row their country matched; the earlier receipts were sent as `world`.
    expect(tableRow(r.stdout, "DE (opt-in)").slice(0, 2)).toEqual(["DE (opt-in)", "3"]);
    expect(tableRow(r.stdout, "FR (opt-in)").slice(0, 2)).toEqual(["FR (opt-in)", "1"]);
    expect(tableRow(r.stdout, "world (opt-in)").slice(0, 2)).toEqual(["world (opt-in)", "3"]);
    expect(tableRow(r.stdout, "US-CA (opt-out)").slice(0, 2)).toEqual(["US-CA (opt-out)", "1"]);
  });

  it("writes an SVG chart of the daily accept-all rate and names the file", async () => {
    const chart = join(state, "accept-rate.svg");
    const r = await consent("stats", "--since", SINCE, "--by", "day", "--chart", chart);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Chart of the daily accept-all rate: ${chart}`);
    for (const [day, choices] of [
      [daysAgo(5), "2"],
      [daysAgo(3), "2"],
      [daysAgo(0), "4"],
    ] as const)
      expect(tableRow(r.stdout, day.toISOString().slice(0, 10))[1]).toBe(choices);
    const svg = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["g", "circle", "text"].includes(name) }).parse(
      await readFile(chart, "utf8"),
    );
    const points = svg.svg.g
      .flatMap((g: { circle?: { title: string }[] }) => g.circle ?? [])
      .map((c: { title: string }) => c.title);
    expect(points).toEqual([
      `${daysAgo(5).toISOString().slice(0, 10)}: 0 of 2 accepted all (0.0%)`,
      `${daysAgo(3).toISOString().slice(0, 10)}: 1 of 2 accepted all (50.0%)`,
      `${today}: 2 of 4 accepted all (50.0%)`,
    ]);
  });

  it("refuses an unknown grouping and a date that is not one, with exit code 2", async () => {
    const by = await consent("stats", "--by", "browser");
    expect(by.code).toBe(2);
    expect(by.stderr).toContain('--by: must be one of day, country, jurisdiction, policy, language (got "browser")');
    const since = await consent("stats", "--since", "2026-02-30");
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since: must be a date like 2026-11-01 (got "2026-02-30")');
  });
});

describe("npm run consent -- show", () => {
  it("prints the receipt behind a reader's cookie", async () => {
    const r = await consent("show", postedIds[3] ?? "");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Consent receipt ${postedIds[3]}`);
    expect(r.stdout).toMatch(/granted\s+\(none\)/);
    expect(r.stdout).toMatch(/refused\s+analytics/);
    expect(r.stdout).toMatch(/country\s+FR/);
    expect(r.stdout).toMatch(/GPC\s+sent/);
    expect(r.stdout).toMatch(/form\s+banner/);
  });

  it("says a malformed id is not a receipt id, with exit code 2", async () => {
    const r = await consent("show", "not-an-id");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('show: "not-an-id" is not a receipt id');
  });

  it("says an unknown id has no receipt, with exit code 1", async () => {
    const r = await consent("show", "AAAAAAAAAAAAAAAA");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("show: no receipt AAAAAAAAAAAAAAAA in local D1");
  });
});

describe("npm run consent -- export", () => {
  it("streams every receipt since the date as CSV", async () => {
    const r = await consent("export", "--since", SINCE);
    expect(r.code, r.stderr).toBe(0);
    const rows: Record<string, string>[] = parse(r.stdout, { columns: true });
    expect(rows.map((row) => row.id).sort()).toEqual([...postedIds, ...EARLIER.slice(0, 4).map((e) => e.id)].sort());
    const us = rows.find((row) => row.country === "US");
    expect(us).toMatchObject({ granted: "analytics", refused: "marketing", outcome: "opt-out", rule: "opt-out", gpc: "false" });
    expect(r.stderr).toContain(`exported 8 receipt(s) since ${SINCE} from local D1`);
  });

  it("streams NDJSON, one receipt per line, oldest first", async () => {
    const r = await consent("export", "--since", "2000-01-01", "--format", "ndjson");
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(POSTS.length + EARLIER.length);
    expect(lines[0]).toEqual(EARLIER[4]);
    const times = lines.map((l) => l.recordedAt);
    expect(times).toEqual([...times].sort());
  });

  it("needs --since, and --remote needs --env", async () => {
    const noSince = await consent("export");
    expect(noSince.code).toBe(2);
    expect(noSince.stderr).toContain("export: --since <date> is required");
    const remote = await runConsent(["stats", "--remote"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain("--remote needs --env staging or --env production");
  });
});
