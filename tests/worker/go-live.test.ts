// Go-live: a scheduled article appears on every page that would show it once its time passes, with no publish between.
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CACHE_STATUS_HEADER } from "../../src/cache/page-store.ts";
import { seed } from "./support/kv.ts";

/** tests/fixtures/reader: `scheduled-related` goes live at this time and is related to `hostile-headline`. */
const GO_LIVE = Date.parse("2999-01-01T00:00:00Z");
const SCHEDULED = "scheduled-related";

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
});
afterEach(() => {
  vi.useRealTimers();
});

const get = async (path: string) => {
  const res = await exports.default.fetch(new Request(`http://example.com${path}`));
  return { status: res.status, cache: res.headers.get(CACHE_STATUS_HEADER), body: await res.text() };
};

describe("go-live", () => {
  it.each(["/", "/section/reader-tests", "/tag/edge-cases", "/feed.xml", "/sitemap.xml", "/articles/hostile-headline"])(
    "%s shows the scheduled article within 15 s of its time, though the page was cached before",
    async (path) => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(GO_LIVE - 60_000);
      const before = await get(path);
      expect(before.status).toBe(200);
      expect(before.body).not.toContain(SCHEDULED);
      expect((await get(path)).cache).toBe("HIT");

      vi.setSystemTime(GO_LIVE - 1);
      expect((await get(path)).body).not.toContain(SCHEDULED);

      vi.setSystemTime(GO_LIVE + 15_000);
      const after = await get(path);
      expect(after.body).toContain(SCHEDULED);
      expect(after.cache).toBe("MISS");
    },
  );

  it("answers the scheduled article itself 404 before its time and 200 after, though the 404 was kept", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(GO_LIVE - 10_000);
    expect((await get(`/articles/${SCHEDULED}`)).status).toBe(404);
    expect((await get(`/articles/${SCHEDULED}`)).cache).toBe("HIT");
    vi.setSystemTime(GO_LIVE + 1);
    const after = await get(`/articles/${SCHEDULED}`);
    expect(after.status).toBe(200);
  });
});
