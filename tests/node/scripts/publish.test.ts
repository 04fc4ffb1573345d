// The publish CLI end to end: wrangler writes a temporary local KV, then the bundled Worker serves that KV.
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prepare, readArticleFolder } from "../../../kv-seed/lib/publish.ts";
import type { Site } from "../../../tools/site.ts";
import { articlePath, EDGE_CACHING_SLUG, FIXTURE_DIRS, PRIVACY_SLUG } from "../../support/fixtures.ts";
import { ROOT, runPublish, summaryOf, useCliWorkspace } from "../support/cli.ts";

const NEW_ARTICLE = `---
headline: "Edgewire test: caching at the edge, measured"
published: 2026-11-25T10:00:00Z
section: Technology
tags: [Web, Performance]
summary: A test article published by the end-to-end test.
redirect_from: [edge-caching-measured-draft]
---

Measured at the edge, <b onclick="alert(1)">safely</b>.
`;
const NEW_SLUG = "edgewire-test-caching-at-the-edge-measured";
const SCHEDULED = `---
headline: A scheduled article from the future
published: 2099-01-01T00:00:00Z
section: Technology
summary: Hidden until 2099.
---

Not yet.
`;

const { tempDir, serve } = useCliWorkspace();
/** A copy of the sample fixture plus the given extra files, and an empty KV folder. */
async function workspace(extra: Record<string, string> = {}) {
  const articles = await tempDir("articles");
  await cp(join(ROOT, FIXTURE_DIRS.sample), articles, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(join(articles, name), text);
  return { articles, kv: await tempDir("kv") };
}
/** Publishes with --verbose: these tests read the per-key list. */
const publish = (w: { articles: string; kv: string }, ...flags: string[]) =>
  runPublish(["--dir", w.articles, "--persist-to", w.kv, "--verbose", ...flags]);

describe("npm run publish, then the Worker on the same local KV", () => {
  let site: Site;
  let summary: string;
  beforeAll(async () => {
    const w = await workspace({ "new.md": NEW_ARTICLE, "scheduled.md": SCHEDULED });
    const result = await publish(w);
    expect(result.code, result.stderr).toBe(0);
    summary = summaryOf(result);
    site = await serve(w.kv);
  }, 180_000);

  it("summarizes articles and keys written", () => {
    expect(summary).toMatch(
      /^publish \(local KV\): 10 articles \(10 new, 0 changed, 0 unchanged, 0 removed\); KV keys: \d+ added, 0 changed, 0 unchanged, 0 tombstoned, 0 deleted; \d+ KV writes in [\d.]+ s\.$/,
    );
  });

  it("serves the new article at its URL, sanitized", async () => {
    const res = await fetch(`${site.url}/articles/${NEW_SLUG}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("Edgewire test: caching at the edge, measured");
    const body = html.match(/<div class="body">([\s\S]*?)<\/div>/)?.[1] ?? "";
    expect(body).toContain("<b>safely</b>");
    expect(body).not.toContain("onclick");
  });

  it("lists the new article on the home page", async () => {
    expect(await (await fetch(`${site.url}/`)).text()).toContain(`href="/articles/${NEW_SLUG}"`);
  });

  it("relates the new article to the earlier article that shares its tags, in KV and on its page", async () => {
    const kv = await site.mf.getKVNamespace("CONTENT");
    const created = JSON.parse((await kv.get(`v1:article:${NEW_SLUG}`)) ?? "{}");
    expect(created.related[0].slug).toBe(EDGE_CACHING_SLUG);
    const page = await (await fetch(`${site.url}${articlePath(NEW_SLUG)}`)).text();
    const related = page.match(/<section class="related"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(related).toContain(`href="${articlePath(EDGE_CACHING_SLUG)}"`);
  });

  it("answers 301 from an old slug to the canonical URL", async () => {
    const res = await fetch(`${site.url}/articles/edge-caching-measured-draft`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/articles/${NEW_SLUG}`);
  });

  it("keeps a scheduled article hidden at its URL and on the home page", async () => {
    expect((await fetch(`${site.url}/articles/a-scheduled-article-from-the-future`)).status).toBe(404);
    expect(await (await fetch(`${site.url}/`)).text()).not.toContain("a-scheduled-article-from-the-future");
  });
});

describe("npm run publish on unchanged content", () => {
  it("writes nothing the second time", async () => {
    const w = await workspace();
    expect((await publish(w)).code).toBe(0);
    const second = await publish(w);
    expect(summaryOf(second)).toMatch(
      /^publish \(local KV\): 8 articles \(0 new, 0 changed, 8 unchanged, 0 removed\); KV keys: 0 added, 0 changed, \d+ unchanged, 0 tombstoned, 0 deleted; 0 KV writes in [\d.]+ s\.$/,
    );
  }, 120_000);
});

describe("npm run publish after editing one article", () => {
  const FILE = "2026-11-12-privacy-by-default-on-the-web.md";
  const SLUG = PRIVACY_SLUG;
  const changedKeys = (stdout: string) => [...stdout.matchAll(/^ {2}[+~-] (\S+)$/gm)].map((m) => m[1]).sort();
  let w: { articles: string; kv: string };
  beforeAll(async () => {
    w = await workspace();
    expect((await publish(w)).code).toBe(0);
  }, 120_000);
  const edit = async (from: string, to: string) => {
    const path = join(w.articles, FILE);
    await writeFile(path, (await readFile(path, "utf8")).replace(from, to));
  };

  it("rewrites only that article, the feeds that carry its body and the search head when only its body changed", async () => {
    const { build } = prepare((await readArticleFolder(w.articles)).results);
    const feeds = build.entries.filter((e) => e.kind === "feed" && e.value.includes(`"slug":"${SLUG}"`)).map((e) => e.key);
    expect(feeds).toEqual(expect.arrayContaining(["v1:feed:home", "v1:feed:section:technology"]));
    await edit("Most readers click away", "Most readers dismiss");
    const result = await publish(w);
    expect(changedKeys(result.stdout)).toEqual([`v1:article:${SLUG}`, ...feeds, "v1:search:head"].sort());
    // Those, the manifest and the content version; no search shard is rewritten.
    expect(summaryOf(result)).toContain(`; ${feeds.length + 4} KV writes in `);
  }, 180_000);

  it("rewrites the listings, sitemap and related cards that show it when its headline changed", async () => {
    // Every key whose value shows this article's card, computed from the site as built before the edit.
    const read = await readArticleFolder(w.articles);
    const { build } = prepare(read.results);
    const showing = build.entries.filter((e) => e.value.includes(`"slug":"${SLUG}"`)).map((e) => e.key);
    // The slug is derived from the headline, so keep it by setting it explicitly.
    await edit('headline: "Privacy by default:', `slug: ${SLUG}\nheadline: "Privacy by default, revised:`);
    const result = await publish(w);
    // The search index's head holds the changed article; its shards stay as they were.
    expect(changedKeys(result.stdout)).toEqual([...showing, "v1:search:head"].sort());
    expect(showing).toEqual(expect.arrayContaining([`v1:article:${SLUG}`, "v1:list:home", "v1:list:tag:privacy", "v1:sitemap"]));
    expect(summaryOf(result)).toContain(`; ${showing.length + 3} KV writes in `);
  }, 180_000);
});

describe("npm run publish -- --dry-run", () => {
  it("prints the plan and writes nothing", async () => {
    const w = await workspace();
    const result = await publish(w, "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  + v1:article:${EDGE_CACHING_SLUG}\n`);
    expect(summaryOf(result)).toMatch(/^publish \(dry run, local KV\): 8 articles \(8 new, .*; nothing written\.$/);
    const site = await serve(w.kv);
    expect((await (await site.mf.getKVNamespace("CONTENT")).list()).keys).toEqual([]);
  }, 120_000);
});

describe("removing an article", () => {
  const EDGE = "2026-11-05-edge-caching-explained.md";
  const PRIVACY = "2026-11-12-privacy-by-default-on-the-web.md";
  let w: { articles: string; kv: string };
  let refused: Awaited<ReturnType<typeof runPublish>>;
  let pruned: Awaited<ReturnType<typeof runPublish>>;
  let site: Site;
  beforeAll(async () => {
    w = await workspace();
    expect((await publish(w)).code).toBe(0);
    await rm(join(w.articles, EDGE));
    const privacy = join(w.articles, PRIVACY);
    await writeFile(
      privacy,
      (await readFile(privacy, "utf8")).replace("section: Technology", "section: Technology\ndraft: true"),
    );
    refused = await publish(w);
    pruned = await publish(w, "--prune");
    site = await serve(w.kv);
  }, 300_000);

  it("is refused without --prune, naming each removed article, and writes nothing", () => {
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${EDGE}: is published at ${articlePath(EDGE_CACHING_SLUG)} but its file is gone or became a draft. To take it down, run again with --prune (its URL will then answer 410 Gone); to keep it, restore the file or set draft: false\n` +
        `${PRIVACY}: is published at ${articlePath(PRIVACY_SLUG)} but its file is gone or became a draft. To take it down, run again with --prune (its URL will then answer 410 Gone); to keep it, restore the file or set draft: false\n` +
        "publish: 2 problem(s); nothing was written.",
    );
  });

  it("with --prune writes tombstones and reports them", () => {
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain(`  - article ${EDGE_CACHING_SLUG} (410 Gone)\n`);
    expect(summaryOf(pruned)).toContain("6 articles (0 new, ");
    expect(summaryOf(pruned)).toContain(", 2 removed); KV keys: ");
    expect(summaryOf(pruned)).toContain(", 2 tombstoned, ");
  });

  it("answers 410 Gone for a deleted file and for a new draft", async () => {
    expect((await fetch(`${site.url}${articlePath(EDGE_CACHING_SLUG)}`)).status).toBe(410);
    expect((await fetch(`${site.url}${articlePath(PRIVACY_SLUG)}`)).status).toBe(410);
  });

  it("leaves every listing", async () => {
    const kv = await site.mf.getKVNamespace("CONTENT");
    const { keys } = await kv.list({ prefix: "v1:list:" });
    const listings = await Promise.all(keys.map(async ({ name }) => (await kv.get(name)) ?? ""));
    expect(keys.map((k) => k.name)).not.toContain("v1:list:tag:privacy");
    expect(listings.join("\n")).not.toContain(EDGE_CACHING_SLUG);
    expect(listings.join("\n")).not.toContain(PRIVACY_SLUG);
    expect(await (await fetch(`${site.url}/`)).text()).not.toContain("edge-caching-explained");
  });

  it("leaves the related cards of other articles", async () => {
    const kv = await site.mf.getKVNamespace("CONTENT");
    const { keys } = await kv.list({ prefix: "v1:article:" });
    const values = await Promise.all(keys.map(async ({ name }) => (await kv.get(name)) ?? ""));
    expect(values.filter((v) => v.includes('"related"') && v.includes(EDGE_CACHING_SLUG))).toEqual([]);
  });
});

describe("npm run publish on bad input", () => {
  const BAD = "tests/fixtures/bad";
  /** Runs the CLI on a folder; returns its problem lines, after checking that it failed and wrote nothing. */
  async function refusedLines(dir: string): Promise<string[]> {
    const kv = await tempDir("kv-bad");
    const result = await runPublish(["--dir", dir, "--persist-to", kv]);
    expect(result.code).toBe(1);
    expect(await readdir(kv)).toEqual([]);
    return result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("  "));
  }
  const CASES: Record<string, string[]> = {
    "empty-folder": [
      `${BAD}/empty-folder: has no articles: add a Markdown file (*.md)`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "not-utf8": [
      `${BAD}/not-utf8/latin1.md:2: is not valid UTF-8 text; save it as UTF-8`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "not-yaml": [
      `${BAD}/not-yaml/article.md:5: front matter: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (hint: check the indentation, and that every [ has a matching ])`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "not-closed": [
      `${BAD}/not-closed/article.md:1: front matter: is not closed: end it with a line of three dashes (---)`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "javascript-image": [
      `${BAD}/javascript-image/article.md:7: image.src: must be an http(s) URL, a bundled /static/ file, or a path relative to the article such as media/harbour.jpg (got "javascript:alert(1)")`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "tags-not-strings": [
      `${BAD}/tags-not-strings/article.md:8: tags[1]: must be text (got 42)`,
      `${BAD}/tags-not-strings/article.md:9: tags[2]: must be text (got Object)`,
      "publish: 2 problem(s); nothing was written.",
    ],
    "impossible-date": [
      `${BAD}/impossible-date/article.md:3: published: is not a real date and time (check the day of the month and the hour) (got "2017-02-30T10:00:00Z")`,
      `${BAD}/impossible-date/article.md:4: updated: is not a real date and time (check the day of the month and the hour) (got "2017-03-01T25:00:00Z")`,
      "publish: 2 problem(s); nothing was written.",
    ],
    "missing-headline-and-body": [
      `${BAD}/missing-headline-and-body/article.md:1: headline: is required`,
      `${BAD}/missing-headline-and-body/article.md:6: body: is empty: write the article below the front matter`,
      "publish: 2 problem(s); nothing was written.",
    ],
    "bad-slug": [
      `${BAD}/bad-slug/article.md:3: slug: must be lower-case letters, digits and single hyphens (e.g. my-article-2) (got "Harbour_News")`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "duplicate-slug": [
      `${BAD}/duplicate-slug/b.md: slug: "harbour-news" is already used by ${BAD}/duplicate-slug/a.md`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "duplicate-redirect": [
      `${BAD}/duplicate-redirect/b.md:6: redirect_from: "harbour-news" is already used by ${BAD}/duplicate-redirect/a.md`,
      "publish: 1 problem(s); nothing was written.",
    ],
    "unknown-field": [
      `${BAD}/unknown-field/article.md:1: summary: is required`,
      `${BAD}/unknown-field/article.md:5: summray: is not a known field; did you mean "summary"? (docs/writing.md lists the fields)`,
      `${BAD}/unknown-field/article.md:9: image.captoin: is not a known field; did you mean "caption"? (docs/writing.md lists the fields)`,
      "publish: 3 problem(s); nothing was written.",
    ],
  };

  it("has a test for every bad fixture folder", async () => {
    expect((await readdir(join(ROOT, BAD))).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`refuses ${name} with its exact error and writes nothing`, async () => {
      expect(await refusedLines(`${BAD}/${name}`)).toEqual(expected);
    });
  }

  it("refuses a 30 MB body with its exact error and writes nothing", async () => {
    const dir = await tempDir("huge");
    const head = "---\nheadline: Huge\npublished: 2026-11-02T08:30:00Z\nsection: World\nsummary: Too big.\n---\n\n";
    await writeFile(join(dir, "huge.md"), head + "word ".repeat(6 * 1024 * 1024));
    const lines = await refusedLines(dir);
    expect(lines.map((l) => l.replace(dir, "<dir>"))).toEqual([
      "<dir>/huge.md: body: file is 30.0 MiB; a KV value holds at most 25 MiB",
      "publish: 1 problem(s); nothing was written.",
    ]);
  });

  it("reports every bad file of a folder in one run, not only the first", async () => {
    const dir = await tempDir("many");
    for (const name of ["not-yaml", "tags-not-strings", "javascript-image"]) {
      await cp(join(ROOT, BAD, name, "article.md"), join(dir, `${name}.md`));
    }
    const lines = await refusedLines(dir);
    expect(lines.at(-1)).toBe("publish: 4 problem(s); nothing was written.");
    expect(lines.map((l) => l.replace(dir, "<dir>").split(": ")[0])).toEqual([
      "<dir>/javascript-image.md:7",
      "<dir>/not-yaml.md:5",
      "<dir>/tags-not-strings.md:8",
      "<dir>/tags-not-strings.md:9",
      "publish",
    ]);
  });
});
