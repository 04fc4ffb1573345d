import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
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
