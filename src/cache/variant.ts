// The consent decision the page store keys on, and the variant it turns into.
import type { Context } from "hono";
import { type ConsentDecision, type PageVariant, pageVariant } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";

/** This request's consent decision, as the consent middleware (which runs before the cache) put it on the context. */
export function requestDecision(c: Context<AppEnv>): ConsentDecision {
  return c.get("consent") ?? { choice: null, gpc: false };
}

export { type PageVariant, pageVariant };
