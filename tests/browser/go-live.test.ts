// End to end on the built site: a home page viewed before a scheduled article's time lists it once the time passes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle, type Site, startSite } from "../../tools/site.ts";

/** Seconds from publishing to the scheduled article's time: enough to publish and cache the home page first. */
const LEAD_SECONDS = 6;
const article = (slug: string, published: Date) =>
  `---\nheadline: "Article ${slug}"\nslug: ${slug}\npublished: ${published.toISOString()}\nsection: Go Live\nsummary: For the go-live test.\n---\n\nText.\n`;

let site: Site;
let dir: string;
let goLive: number;
let bundleDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "edgewire-go-live-"));
  // Built first, so the scheduled time is counted from a ready bundle.
  bundleDir = buildBundle();
  // Whole seconds: the publisher's dates carry no milliseconds.
  goLive = Math.ceil(Date.now() / 1000) * 1000 + LEAD_SECONDS * 1000;
  writeFileSync(join(dir, "already-live.md"), article("already-live", new Date(Date.now() - 3_600_000)));
  writeFileSync(join(dir, "goes-live-soon.md"), article("goes-live-soon", new Date(goLive)));
  site = await startSite({ articles: dir, bundleDir });
}, 120_000);

afterAll(async () => {
  await site?.dispose();
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

const home = async () => {
  const res = await fetch(`${site.url}/`);
  return { cache: res.headers.get("x-edgewire-cache"), html: await res.text() };
};

describe("go-live on the built site", () => {
  it("lists a scheduled article on the cached home page within 15 s of its time, with no publish between", async () => {
    expect(Date.now()).toBeLessThan(goLive);
    const first = await home();
    expect(first.html).toContain("already-live");
    expect(first.html).not.toContain("goes-live-soon");
    expect((await home()).cache).toBe("HIT");
    await new Promise((r) => setTimeout(r, goLive - Date.now()));
    let listed = false;
    while (!listed && Date.now() < goLive + 15_000) {
      listed = (await home()).html.includes("goes-live-soon");
      if (!listed) await new Promise((r) => setTimeout(r, 500));
    }
    expect(listed).toBe(true);
  }, 60_000);
});
