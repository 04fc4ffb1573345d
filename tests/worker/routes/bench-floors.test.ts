// The bench's floor routes (routes/bench-floors.ts) stay off unless BENCH_FLOORS is set.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

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
