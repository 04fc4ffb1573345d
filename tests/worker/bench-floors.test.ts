import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/index.ts";
import { seed } from "./support/kv.ts";

const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://example.com${path}`, init));

beforeAll(async () => {
  await seed(env.CONTENT, "seed");
  await env.CONTENT.put("bench:floor", "floor value");
});

describe("bench floors without BENCH_FLOORS", () => {
  it.each(["/__bench/constant?bytes=100", "/__bench/kv"])("answer %s with the 404 page", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("floor value");
  });

  it("ignores the bench's cache-bypass header", async () => {
    const path = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
    await (await get(path)).text();
    const res = await get(path, { headers: { "x-edgewire-bench": "no-store" } });
    expect(res.headers.get("x-edgewire-cache")).toBe("HIT");
  });
});

describe("bench floors with BENCH_FLOORS=on", () => {
  let cacheNo = 0;
  /** The Worker as the bench starts it, with its own page cache. */
  const benchGet = async (path: string, init?: RequestInit) => {
    const name = `bench-floors-${++cacheNo}`;
    const app = createApp({ config: parseConfig({ ...env, BENCH_FLOORS: "on" }), pageCache: { cache: () => caches.open(name) } });
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`http://example.com${path}`, init), env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
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
    const path = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
    const res = await benchGet(path, { headers: { "x-edgewire-bench": "no-store" } });
    expect(res.headers.get("x-edgewire-cache")).toBe("BYPASS");
    await res.text();
  });
});
