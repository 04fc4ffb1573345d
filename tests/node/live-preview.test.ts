// Live preview end to end: the watch loop that `npm start` runs publishes every save into persisted local KV, and the
// bundled Worker on local workerd (LIVE_PREVIEW=on, as npm start sets it) serves the change on the next request.
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalKv } from "../../kv-seed/lib/miniflare-kv.ts";
import { watchArticles } from "../../kv-seed/lib/watch.ts";
import { type Site, startSite } from "../../tools/site.ts";

/** wrangler.toml's top-level CONTENT namespace: the one `wrangler dev` and startSite serve. */
const LOCAL_NAMESPACE = "edgewire-content-local";
const article = (headline: string, extra = "") => `---
headline: ${headline}
published: 2026-11-02T08:30:00Z
section: World
summary: A live preview test.${extra ? `\n${extra}` : ""}
---

Body of ${headline}.
`;

let root: string;
let articles: string;
let site: Site;
let kv: Awaited<ReturnType<typeof openLocalKv>>;
let watcher: ReturnType<typeof watchArticles>;
const printed: string[] = [];
let published: Array<() => void> = [];
/** Resolves after the loop's next publish attempt. */
const nextPublish = () => new Promise<void>((done) => published.push(done));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "edgewire-live-"));
  articles = join(root, "articles");
  await mkdir(articles);
  await writeFile(join(articles, "harbour.md"), article("Harbour opens"));
  const state = join(root, "state");
  kv = await openLocalKv(LOCAL_NAMESPACE, state);
  watcher = watchArticles({
    dir: articles,
    store: kv.store,
    siteUrl: "http://localhost:8787",
    print: (line) => printed.push(line),
    debounceMs: 50,
    onPublished: () => {
      const waiting = published;
      published = [];
      for (const done of waiting) done();
    },
  });
  await watcher.ready;
  site = await startSite({ persistTo: state, vars: { LIVE_PREVIEW: "on" } });
}, 180_000);

afterAll(async () => {
  watcher?.close();
  await site?.dispose();
  await kv?.close();
  await rm(root, { recursive: true, force: true });
});

const page = async (path: string) => {
  const res = await fetch(`${site.url}${path}`);
  return { status: res.status, html: await res.text() };
};
/** Saves a file and waits for the loop to publish it. */
async function save(name: string, text: string) {
  const done = nextPublish();
  printed.length = 0;
  await writeFile(join(articles, name), text);
  await done;
}

describe("live preview", () => {
  it("publishes the folder on start and serves it", async () => {
    expect((await page("/articles/harbour-opens")).status).toBe(200);
  });

  it("serves an edit on the next request and prints the article's local URL", async () => {
    expect((await page("/articles/harbour-opens")).html).toContain("<h1>Harbour opens</h1>");
    await save("harbour.md", article("Harbour opens at last"));
    expect((await page("/articles/harbour-opens")).html).toContain("<h1>Harbour opens at last</h1>");
    expect(printed.some((l) => /^ {2}updated +http:\/\/localhost:8787\/articles\/harbour-opens {2}/.test(l))).toBe(true);
  });

  it("publishes a new file", async () => {
    await save("ferry.md", article("Ferry runs on sunshine"));
    expect((await page("/articles/ferry-runs-on-sunshine")).status).toBe(200);
    expect((await page("/")).html).toContain('href="/articles/ferry-runs-on-sunshine"');
    expect(printed.some((l) => l.includes("http://localhost:8787/articles/ferry-runs-on-sunshine"))).toBe(true);
  });

  it("keeps the URL of a renamed file", async () => {
    const done = nextPublish();
    await rename(join(articles, "ferry.md"), join(articles, "ferry-renamed.md"));
    await done;
    expect((await page("/articles/ferry-runs-on-sunshine")).status).toBe(200);
  });

  it("prints an invalid file's problems, keeps serving the last good version, and keeps watching", async () => {
    await save("harbour.md", article("Harbour opens: the sequel"));
    expect(printed.some((l) => /harbour\.md:2: front matter: is not valid YAML/.test(l))).toBe(true);
    expect(printed.at(-1)).toBe("live preview: 1 problem(s); nothing published, the site shows the last good version.");
    expect((await page("/articles/harbour-opens")).html).toContain("<h1>Harbour opens at last</h1>");
    await save("harbour.md", article('"Harbour opens: the sequel"'));
    expect((await page("/articles/harbour-opens")).html).toContain("<h1>Harbour opens: the sequel</h1>");
  });

  it("takes down a deleted file's article (410)", async () => {
    const done = nextPublish();
    await rm(join(articles, "ferry-renamed.md"));
    await done;
    expect((await page("/articles/ferry-runs-on-sunshine")).status).toBe(410);
  });

  it("says a saved draft is not published", async () => {
    await save("draft.md", article("Secret harbour plans", "draft: true"));
    expect(printed.some((l) => /^ {2}draft +not published/.test(l))).toBe(true);
    expect((await page("/articles/secret-harbour-plans")).status).toBe(404);
  });
});
