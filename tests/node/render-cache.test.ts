// openRenderCache: rendered bodies reused across runs by Markdown hash, and only those used are kept.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../kv-seed/lib/markdown.ts";
import { openRenderCache } from "../../kv-seed/lib/render-cache.ts";

describe("openRenderCache", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "edgewire-cache-"));
    file = join(dir, "sub", "cache.json");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("renders exactly like renderMarkdown", async () => {
    const cache = await openRenderCache(file);
    expect(cache.render("Hi <script>x</script>")).toEqual(renderMarkdown("Hi <script>x</script>"));
  });

  it("reuses a body rendered by an earlier run", async () => {
    const first = await openRenderCache(file);
    const body = first.render("**bold**");
    await first.save();
    const second = await openRenderCache(file);
    expect(second.render("**bold**")).toEqual(body);
    expect(second.hits()).toBe(1);
  });

  it("keeps only the bodies used in the last run", async () => {
    const first = await openRenderCache(file);
    first.render("old");
    await first.save();
    const second = await openRenderCache(file);
    second.render("new");
    await second.save();
    const third = await openRenderCache(file);
    third.render("old");
    expect(third.hits()).toBe(0);
  });

  it("treats an unreadable cache file as empty", async () => {
    const first = await openRenderCache(file);
    await first.save();
    await writeFile(file, "{not json");
    const second = await openRenderCache(file);
    expect(second.render("text").html).toBe("<p>text</p>");
    expect(second.hits()).toBe(0);
  });

  it("ignores a cache written by a different renderer version", async () => {
    const first = await openRenderCache(file);
    first.render("text");
    await first.save();
    const data = JSON.parse(await readFile(file, "utf8"));
    const key = Object.keys(data.bodies)[0] as string;
    await writeFile(file, JSON.stringify({ version: "other", bodies: { [key]: { html: "<p>forged</p>", removed: [] } } }));
    const second = await openRenderCache(file);
    expect(second.render("text").html).toBe("<p>text</p>");
  });
});
