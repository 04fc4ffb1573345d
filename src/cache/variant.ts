// The consent decision the page cache keys on, and the variant it turns into.
import type { Context } from "hono";
import { type ConsentDecision, pageVariant } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";

export type PageVariant = ReturnType<typeof pageVariant>;

const UNDECIDED: ConsentDecision = { choice: null, gpc: false };

/**
 * This request's consent decision. The consent middleware is not wired on this branch yet, so every reader counts
 * as undecided; at merge this becomes `c.get("consent")`, the one line the page cache needs to change.
 */
export function requestDecision(_c: Context<AppEnv>): ConsentDecision {
  return UNDECIDED;
}

export { pageVariant };
