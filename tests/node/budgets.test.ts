// Size budgets (issue 6): sizes are stable, so they are enforced here rather than in the benchmark.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGETS, renderBlockingScripts } from "../../tools/budgets.ts";
import { buildBundle, type Site, startSite } from "../../tools/site.ts";
import { FIXTURE_DIRS } from "../support/fixtures.ts";
import { ROOT } from "./support/cli.ts";

let bundleDir: string;
let site: Site;
let slugs: string[];

beforeAll(async () => {
  bundleDir = buildBundle();
  site = await startSite({ bundleDir, articles: join(ROOT, FIXTURE_DIRS.sample) });
  const sitemap = JSON.parse((await site.kv.get("v1:sitemap")) as string) as { entries: { slug: string }[] };
  slugs = sitemap.entries.map((e) => e.slug);
}, 120_000);

afterAll(async () => {
  await site?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** A first visit: no cookie, no validators. */
const firstVisit = async (path: string) => {
  const res = await fetch(`${site.url}${path}`);
  expect(res.status).toBe(200);
  return res.text();
};

describe("budgets", () => {
  it("keeps the Worker bundle within 48 KiB gzipped", () => {
    const size = gzipSync(readFileSync(join(bundleDir, "index.js"))).length;
    expect(size).toBeLessThanOrEqual(BUDGETS.bundleGzipBytes);
  });

  it("keeps every sample article's first-visit HTML within 14 KiB gzipped", async () => {
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      const size = gzipSync(await firstVisit(`/articles/${slug}`)).length;
      expect(size, slug).toBeLessThanOrEqual(BUDGETS.firstVisitHtmlGzipBytes);
    }
  });

  it("has no render-blocking script in the head of the home page or any article", async () => {
    for (const path of ["/", ...slugs.map((s) => `/articles/${s}`)]) {
      expect(renderBlockingScripts(await firstVisit(path)), path).toEqual([]);
    }
  });

  it("recognises a blocking script and accepts deferred, async and module scripts", () => {
    const doc = (tags: string) => `<html><head>${tags}</head><body><script src="/late.js"></script></body></html>`;
    expect(renderBlockingScripts(doc('<script src="/a.js"></script>'))).toHaveLength(1);
    expect(
      renderBlockingScripts(
        doc('<script defer src="/a.js"></script><script async src="/b.js"></script><script type="module" src="/c.js"></script>'),
      ),
    ).toEqual([]);
  });
});
