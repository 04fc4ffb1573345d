// The publisher as a newsroom uses it, end to end through the CLI, wrangler's local KV and the bundled Worker: output
// in words, stable URLs, previews, odd folder entries, constant-cost additions, and a bad command line.
import { execFileSync } from "node:child_process";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signPreview } from "../../src/data/preview-link.ts";
import type { Site } from "../../tools/site.ts";
import { FIXTURE_DIRS } from "../support/fixtures.ts";
import { ROOT, runPublish, summaryOf, useCliWorkspace } from "./support/cli.ts";

const SECRET = "t".repeat(64);
const article = (headline: string, extra = "", published = "2026-11-02T08:30:00Z") => `---
headline: ${headline}
published: ${published}
section: World
summary: A test article.${extra ? `\n${extra}` : ""}
---

Body of ${headline}.
`;

const { tempDir, serve: serveKv } = useCliWorkspace();
/** A newsroom folder: articles/ and KV state, no site.yaml (free sections), or the one given. */
async function newsroom(files: Record<string, string>, site?: string) {
  const root = await tempDir("newsroom");
  const articles = join(root, "articles");
  await mkdir(articles);
  for (const [name, text] of Object.entries(files)) await writeFile(join(articles, name), text);
  if (site) await writeFile(join(root, "site.yaml"), site);
  return { articles, kv: join(root, "kv") };
}
type Room = Awaited<ReturnType<typeof newsroom>>;
const publish = (w: Room, ...flags: string[]) =>
  runPublish(["--dir", w.articles, "--persist-to", w.kv, ...flags], { PREVIEW_SECRET: SECRET });

const serve = (w: Room) => serveKv(w.kv, { PREVIEW_SECRET: SECRET });

describe("the publisher's output", () => {
  let out: string;
  beforeAll(async () => {
    const w = await newsroom({
      "live.md": article("Harbour opens"),
      "later.md": article("Harbour party", "", "2099-01-01T09:00:00Z"),
      "draft.md": article("Harbour secrets", "draft: true"),
    });
    const result = await publish(w);
    expect(result.code, result.stderr).toBe(0);
    out = result.stdout;
  }, 120_000);

  it("prints each new article's URL with its file", () => {
    expect(out).toMatch(/^ {2}published +http:\/\/localhost:8787\/articles\/harbour-opens {2}\S*live\.md$/m);
  });

  it("says when a scheduled article goes live", () => {
    expect(out).toMatch(/^ {2}published +scheduled for Thu, 1 Jan 2099, 09:00 UTC \(in \d+ days\) {2}\S*later\.md$/m);
  });

  it("says a draft is not published and how to preview it", () => {
    expect(out).toMatch(/^ {2}draft +not published \(preview: npm run publish -- --preview \S*draft\.md\) {2}\S*draft\.md$/m);
  });

  it("lists no KV keys unless asked with --verbose", () => {
    expect(out).not.toMatch(/^ {2}[+~-] v1:/m);
  });
});

describe("stable URLs", () => {
  let w: Room;
  let site: Site;
  let kept: string;
  beforeAll(async () => {
    w = await newsroom({ "a.md": article("Harbour opens") });
    expect((await publish(w)).code).toBe(0);
    await writeFile(join(w.articles, "a.md"), article("Harbour opens, typo fixed"));
    kept = (await publish(w)).stdout;
    site = await serve(w);
  }, 180_000);

  it("keep an article's URL when its headline changes, and say so", async () => {
    expect(kept).toContain("the headline changed, the URL did not (set slug: harbour-opens-typo-fixed to move it");
    const page = await fetch(`${site.url}/articles/harbour-opens`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>Harbour opens, typo fixed</h1>");
    expect((await fetch(`${site.url}/articles/harbour-opens-typo-fixed`)).status).toBe(404);
  });

  it("turn the old URL into a 301 when slug: moves it", async () => {
    await writeFile(join(w.articles, "a.md"), article("Harbour opens, typo fixed", "slug: harbour-opens-fixed"));
    const moved = await publish(w);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(
      "redirect      http://localhost:8787/articles/harbour-opens → http://localhost:8787/articles/harbour-opens-fixed (301)",
    );
    const again = await serve(w);
    const res = await fetch(`${again.url}/articles/harbour-opens`, { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([301, "/articles/harbour-opens-fixed"]);
  }, 120_000);
});

describe("npm run publish -- --preview", () => {
  let w: Room;
  let site: Site;
  let url: URL;
  beforeAll(async () => {
    w = await newsroom({ "live.md": article("Harbour opens"), "draft.md": article("Harbour secrets", "draft: true") });
    expect((await publish(w)).code).toBe(0);
    const result = await publish(w, "--preview", join(w.articles, "draft.md"));
    expect(result.code, result.stderr).toBe(0);
    url = new URL(/http:\/\/localhost:8787\/preview\/\S+/.exec(result.stdout)?.[0] ?? "http://x/");
    site = await serve(w);
  }, 180_000);
  const at = (u: URL) => fetch(`${site.url}${u.pathname}${u.search}`);

  it("prints a signed link that shows the draft, private and unindexed", async () => {
    expect(url.pathname).toBe("/preview/harbour-secrets");
    const res = await at(url);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("<h1>Harbour secrets</h1>");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  });

  it("answers the 404 page for a tampered or expired link", async () => {
    const tampered = new URL(url);
    tampered.searchParams.set("sig", "0".repeat(64));
    expect((await at(tampered)).status).toBe(404);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = new URL(url);
    expired.searchParams.set("expires", String(past));
    expired.searchParams.set("sig", await signPreview(SECRET, "harbour-secrets", past));
    const res = await at(expired);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
  });

  it("keeps the draft off the article URL, listings, feeds and the sitemap", async () => {
    expect((await fetch(`${site.url}/articles/harbour-secrets`)).status).toBe(404);
    for (const path of ["/", "/feed.xml", "/sitemap.xml", "/section/world"])
      expect(await (await fetch(`${site.url}${path}`)).text()).not.toContain("harbour-secrets");
  });
});

describe("odd files in the article folder", () => {
  it("are each reported by name, escaped, with nothing written", async () => {
    const w = await newsroom({ "ok.md": article("Fine") });
    await mkdir(join(w.articles, "folder.md"));
    execFileSync("mkfifo", [join(w.articles, "pipe.md")]);
    await symlink("/etc/hostname", join(w.articles, "outside.md"));
    await writeFile(join(w.articles, "evil\u001b[31m.md"), article("Breaking: colon"));
    const result = await publish(w);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").map((l) => l.replace(w.articles, "<dir>"));
    expect(lines).toContain("<dir>/folder.md: is a folder, not an article file; rename it (articles are files ending in .md)");
    expect(lines).toContain("<dir>/pipe.md: is not a regular file (a pipe, socket or device); articles are plain text files");
    expect(lines).toContain(
      "<dir>/outside.md: is a symbolic link to a file outside the article folder; copy the article in instead",
    );
    expect(lines.some((l) => l.startsWith("<dir>/evil\\x1b[31m.md:2: front matter: is not valid YAML"))).toBe(true);
    expect(result.stderr).not.toContain("\u001b[31m");
  }, 60_000);

  it("accept the sample articles saved with Windows line endings and a byte order mark, and .markdown files", async () => {
    const w = await newsroom({});
    await cp(join(ROOT, FIXTURE_DIRS.sample), w.articles, { recursive: true });
    for (const name of (await import("node:fs")).readdirSync(w.articles)) {
      const text = await readFile(join(w.articles, name), "utf8");
      await rm(join(w.articles, name));
      await writeFile(join(w.articles, name.replace(/\.md$/, ".markdown")), `\uFEFF${text.replace(/\n/g, "\r\n")}`);
    }
    const result = await publish(w, "--dry-run");
    expect(result.code, result.stderr).toBe(0);
    expect(summaryOf(result)).toMatch(/^publish \(dry run, local KV\): \d+ articles \(\d+ new, /);
  }, 60_000);
});

describe("adding one article to a large site", () => {
  it("writes a handful of keys however many articles came before", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++)
      files[`a${i}.md`] = article(
        `Story ${i}`,
        "tags: [Harbour, Tides]",
        new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      );
    const w = await newsroom(files);
    expect((await publish(w)).code).toBe(0);
    await writeFile(join(w.articles, "new.md"), article("Newest story", "tags: [Harbour, Tides]", "2026-06-01T00:00:00Z"));
    const result = await publish(w, "--verbose");
    // The article; the home, section and two tag heads and their feeds; the sitemap; the search head (its shards stay);
    // then the manifest and the content version. No listing bucket moves.
    expect(result.stdout.match(/^ {2}[+~] v1:\S+$/gm)?.sort()).toEqual([
      "  + v1:article:newest-story",
      "  ~ v1:feed:home",
      "  ~ v1:feed:section:world",
      "  ~ v1:feed:tag:harbour",
      "  ~ v1:feed:tag:tides",
      "  ~ v1:list:home",
      "  ~ v1:list:section:world",
      "  ~ v1:list:tag:harbour",
      "  ~ v1:list:tag:tides",
      "  ~ v1:search:head",
      "  ~ v1:sitemap",
    ]);
    expect(summaryOf(result)).toContain("; 13 KV writes in ");
  }, 120_000);
});

describe("a bad command line", () => {
  it("prints the usage and exits 2", async () => {
    const result = await runPublish(["--dryrun"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("publish: Unknown option '--dryrun'");
    expect(result.stderr).toContain("Usage: npm run publish -- [options]");
  });
});
