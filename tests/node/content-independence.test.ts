// Tests independent of content: the site's content-dependent route checks, run on the sample fixture as configured
// and on a copy a newsroom has changed (an article added, one edited, one removed, the site renamed), both pass.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle, type Site, startSite } from "../../tools/site.ts";
import { articlePath, FIXTURE_DIRS, FOUR_DAY_WEEK_SLUG, LIBRARY_SLUG, SAMPLE_SLUGS } from "../support/fixtures.ts";
import { wranglerVars } from "../support/wrangler-vars.ts";
import { ROOT } from "./support/cli.ts";

/** What the checks expect of a site: its name, its articles newest first, one it lacks and one paragraph it shows. */
type Expected = {
  siteName: string;
  slugs: readonly string[];
  newest: { slug: string; headline: string; section: string; sectionSlug: string };
  absent: string;
  paragraph: { slug: string; text: string };
};

const EXTRA_SLUG = "harbour-regatta-returns-after-ten-years";
const EXTRA = `---
headline: Harbour regatta returns after ten years
published: 2026-11-28T09:00:00Z
section: Harbour Sport
tags: [Harbourton, Sailing]
summary: A newsroom's own article, added to a copy of the sample folder.
---

Forty boats crossed the line on Saturday.
`;
const ORIGINAL_TEXT = `The council said it would publish the results, "good or bad", in the summer.`;
const EDITED_TEXT = "The council said it would publish every result, good or bad, in the summer.";

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => n === "entry" || n === "url" });
const temps: string[] = [];
const sites: Site[] = [];
let bundleDir: string;

/** Serves `articles` with the site renamed to `siteName` (or as wrangler.toml names it). */
async function serve(articles: string, siteName?: string): Promise<Site> {
  const site = await startSite({ bundleDir, articles, vars: siteName ? { SITE_NAME: siteName } : {} });
  sites.push(site);
  return site;
}

/** A copy of the sample fixture as a newsroom would change it: one article added, one edited, one removed. */
async function changedCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "edgewire-newsroom-"));
  temps.push(dir);
  await cp(join(ROOT, FIXTURE_DIRS.sample), dir, { recursive: true });
  await writeFile(join(dir, "2026-11-28-harbour-regatta.md"), EXTRA);
  const files = await readdir(dir);
  const library = files.find((f) => f.includes("library-night-hours")) as string;
  await rm(join(dir, library));
  const fourDay = join(dir, files.find((f) => f.includes("four-day-week")) as string);
  const text = await readFile(fourDay, "utf8");
  await writeFile(fourDay, text.replace(/The council said it would publish the results.*\n/, `${EDITED_TEXT}\n`));
  return dir;
}

/** The content-dependent route checks, with every expectation taken from `expected`, none from the sample folder. */
function checkSite(name: string, setup: () => Promise<{ site: Site; expected: Expected }>) {
  describe(name, () => {
    let site: Site;
    let expected: Expected;
    const text = async (path: string) => {
      const res = await fetch(`${site.url}${path}`);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const abs = (path: string) => new URL(path, wranglerVars().SITE_URL).href;
    beforeAll(async () => {
      ({ site, expected } = await setup());
    }, 120_000);

    it("titles the home page with the site name and lists the newest article first", async () => {
      const html = await text("/");
      expect(html).toContain(`<title>${expected.siteName}: latest news</title>`);
      const order = [...html.matchAll(/<h2><a href="\/articles\/([a-z0-9-]+)">/g)].map((m) => m[1]);
      expect(order).toEqual(expected.slugs.slice(0, order.length));
      expect(order[0]).toBe(expected.newest.slug);
    });

    it("titles the newest article's page with its headline and the site name, and names the site as publisher", async () => {
      const html = await text(articlePath(expected.newest.slug));
      expect(html).toContain(`<title>${expected.newest.headline} · ${expected.siteName}</title>`);
      const ld = html.match(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/)?.[1] ?? "{}";
      expect(JSON.parse(ld).publisher).toMatchObject({ "@type": "Organization", name: expected.siteName });
    });

    it("lists exactly the published articles, newest first, in the feed and the sitemap", async () => {
      const feed = xml.parse(await text("/feed.xml")).feed;
      expect(feed.title).toBe(expected.siteName);
      expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(expected.slugs.map((s) => abs(articlePath(s))));
      const urls = xml.parse(await text("/sitemap.xml")).urlset.url;
      expect(urls.map((u: { loc: string }) => u.loc)).toEqual(expected.slugs.map((s) => abs(articlePath(s))));
    });

    it("gives the newest article's section a page and a feed named after the site", async () => {
      const { section, sectionSlug } = expected.newest;
      expect(await text(`/section/${sectionSlug}`)).toContain(`<title>${section} · ${expected.siteName}</title>`);
      const feed = xml.parse(await text(`/section/${sectionSlug}/feed.xml`)).feed;
      expect(feed.title).toBe(`${expected.siteName}: ${section}`);
    });

    it("shows an article's body as the folder has it", async () => {
      expect(await text(articlePath(expected.paragraph.slug))).toContain(`<p>${expected.paragraph.text}</p>`);
    });

    it("answers 404 for an article the folder does not have", async () => {
      expect((await fetch(`${site.url}${articlePath(expected.absent)}`)).status).toBe(404);
    });
  });
}

beforeAll(() => {
  bundleDir = buildBundle();
}, 120_000);
afterAll(async () => {
  for (const site of sites) await site.dispose();
  for (const dir of [...temps, bundleDir]) await rm(dir, { recursive: true, force: true });
});

checkSite("the sample fixture under the configured site name", async () => ({
  site: await serve(join(ROOT, FIXTURE_DIRS.sample)),
  expected: {
    siteName: wranglerVars().SITE_NAME as string,
    slugs: SAMPLE_SLUGS,
    newest: {
      slug: FOUR_DAY_WEEK_SLUG,
      headline: "Harbourton council pilots a four-day week",
      section: "World",
      sectionSlug: "world",
    },
    absent: EXTRA_SLUG,
    paragraph: { slug: FOUR_DAY_WEEK_SLUG, text: ORIGINAL_TEXT },
  },
}));

checkSite("a copy with an article added, one edited and one removed, and the site renamed", async () => ({
  site: await serve(await changedCopy(), "The Harbourton Herald"),
  expected: {
    siteName: "The Harbourton Herald",
    slugs: [EXTRA_SLUG, ...SAMPLE_SLUGS.filter((s) => s !== LIBRARY_SLUG)],
    newest: {
      slug: EXTRA_SLUG,
      headline: "Harbour regatta returns after ten years",
      section: "Harbour Sport",
      sectionSlug: "harbour-sport",
    },
    absent: LIBRARY_SLUG,
    paragraph: { slug: FOUR_DAY_WEEK_SLUG, text: EDITED_TEXT },
  },
}));

describe("the test suite", () => {
  it("never publishes kv-seed/articles: every test and test helper names a fixture folder instead", async () => {
    const literal = ['"kv-seed', 'articles"'].join("/");
    const offenders: string[] = [];
    for (const entry of await readdir(join(ROOT, "tests"), { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      if ((await readFile(file, "utf8")).includes(literal)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
