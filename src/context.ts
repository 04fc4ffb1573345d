// Helpers for the Hono context that several middlewares share.
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/**
 * Makes `res` the response, exactly: assigning `c.res` normally merges the old response's headers into the new one
 * (a stale Content-Length, a CSP that was meant to go), so the old one is cleared first.
 */
export function replaceResponse(c: Context<AppEnv>, res: Response): void {
  c.res = undefined as unknown as Response;
  c.res = res;
}

/** The request's Cloudflare Ray ID for log lines (null locally), the one way to find a request in the logs. */
export function rayOf(c: Context<AppEnv>): string | null {
  return c.req.header("cf-ray") ?? null;
}
