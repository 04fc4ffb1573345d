// The bench's floor routes (routes/bench-floors.ts): off unless BENCH_FLOORS is set, and what they answer when on.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { parseConfig } from "../../../src/config/index.ts";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { seed } from "../support/kv.ts";
import { get, requestsToApp } from "../support/request.ts";

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
  await env.CONTENT.put("bench:floor", "floor value");
});

describe("bench floors without BENCH_FLOORS", () => {
  it.each(["/__bench/constant?bytes=100", "/__bench/kv"])("answer %s with the 404 page", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("floor value");
  });

  it("ignores the bench's cache-bypass header", async () => {
    const path = articlePath(AIR_STRIKES_SLUG);
    await (await get(path)).text();
    const res = await get(path, { "x-edgewire-bench": "no-store" });
    expect(res.headers.get("x-edgewire-cache")).toBe("HIT");
  });
});

describe("bench floors with BENCH_FLOORS=on", () => {
  let cacheNo = 0;
  /** The Worker as the bench starts it, with its own page cache. */
  const benchGet = (path: string, init?: RequestInit) => {
    const name = `bench-floors-${++cacheNo}`;
    const app = createApp({ config: parseConfig({ ...env, BENCH_FLOORS: "on" }), pageCache: { cache: () => caches.open(name) } });
    return requestsToApp(app)(path, init);
  };

  it("answers the constant floor with exactly the bytes asked for", async () => {
    const res = await benchGet("/__bench/constant?bytes=100");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("x".repeat(100));
  });

  it("answers the KV floor with the value the bench wrote", async () => {
    expect(await (await benchGet("/__bench/kv")).text()).toBe("floor value");
  });

  it("renders past the page cache for the bench's no-store header", async () => {
    const path = articlePath(AIR_STRIKES_SLUG);
    const res = await benchGet(path, { headers: { "x-edgewire-bench": "no-store" } });
    expect(res.headers.get("x-edgewire-cache")).toBe("BYPASS");
    await res.text();
  });
});
