// Benchmark-only routes, mounted only when the bench sets BENCH_FLOORS=on: the runtime's floors to compare pages with.
import { type Context, Hono } from "hono";
import type { Bypass } from "../cache/page-cache.ts";
import type { AppEnv } from "../env.ts";

/** The KV key the bench writes for the one-read floor. Outside the v1: prefix, so no page ever reads it. */
export const BENCH_FLOOR_KEY = "bench:floor";
const MAX_FLOOR_BYTES = 1024 * 1024;

/**
 * The bench's uncached paths (the app passes this to the page cache only when the floors are on): `x-edgewire-bench: no-store` renders from KV and leaves the
 * caches alone; `no-lookup` is a full miss that also stores the copy.
 */
export function benchBypass(c: Context<AppEnv>): Bypass | null {
  const mode = c.req.header("x-edgewire-bench");
  return mode === "no-store" || mode === "no-lookup" ? mode : null;
}

export const benchFloors = new Hono<AppEnv>();
const constants = new Map<number, string>();

/** A constant HTML body of `?bytes=` bytes: what serving a page costs with no work at all. */
benchFloors.get("/__bench/constant", async (c) => {
  const bytes = Math.min(Number(c.req.query("bytes")) || 0, MAX_FLOOR_BYTES);
  let body = constants.get(bytes);
  if (body === undefined) {
    body = "x".repeat(bytes);
    constants.set(bytes, body);
  }
  return c.html(body);
});

/** Exactly one KV read (with the pages' cacheTtl) of a value the bench sized like the article page, returned as is. */
benchFloors.get("/__bench/kv", async (c) => {
  const value = await c.env.CONTENT.get(BENCH_FLOOR_KEY, { type: "text", cacheTtl: 60 });
  return c.html(value ?? "");
});
