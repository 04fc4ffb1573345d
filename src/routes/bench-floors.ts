// Benchmark-only routes, live only when the bench sets BENCH_FLOORS=on: the runtime's floors to compare pages with.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env.ts";

/** The KV key the bench writes for the one-read floor. Outside the v1: prefix, so no page ever reads it. */
export const BENCH_FLOOR_KEY = "bench:floor";
const MAX_FLOOR_BYTES = 1024 * 1024;

const enabled = (c: Context<AppEnv>) => c.env.BENCH_FLOORS === "on";

/** The bench's uncached path: this header makes the page cache skip its lookup (only when the floors are on). */
export function benchBypass(c: Context<AppEnv>): boolean {
  return enabled(c) && c.req.header("x-edgewire-bench") === "no-cache";
}

export const benchFloors = new Hono<AppEnv>();
const constants = new Map<number, string>();

/** A constant HTML body of `?bytes=` bytes: what serving a page costs with no work at all. */
benchFloors.get("/__bench/constant", async (c, next) => {
  if (!enabled(c)) return next();
  const bytes = Math.min(Number(c.req.query("bytes")) || 0, MAX_FLOOR_BYTES);
  let body = constants.get(bytes);
  if (body === undefined) {
    body = "x".repeat(bytes);
    constants.set(bytes, body);
  }
  return c.html(body);
});

/** Exactly one KV read (with the pages' cacheTtl) of a value the bench sized like the article page, returned as is. */
benchFloors.get("/__bench/kv", async (c, next) => {
  if (!enabled(c)) return next();
  const value = await c.env.CONTENT.get(BENCH_FLOOR_KEY, { type: "text", cacheTtl: 60 });
  return c.html(value ?? "");
});
