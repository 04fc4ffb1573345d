// The consent decision the page cache keys on, and the variant it turns into.
import type { Context } from "hono";
import { type ConsentDecision, type PageVariant, pageVariant } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";

/** This request's consent decision, as the consent middleware (which runs before the cache) put it on the context. */
export function requestDecision(c: Context<AppEnv>): ConsentDecision {
  return c.get("consent");
}

export { type PageVariant, pageVariant };
