// What the page cache keys on about the reader: the page variant the consent middleware named.
import type { Context } from "hono";
import type { ConsentDecision } from "../consent/decision.ts";
import { encodeGrants } from "../consent/purposes.ts";
import type { AppEnv } from "../env.ts";

/** A small string: consent variant (`ask`, `decided`, `optout-gpc`, …) and, where it changes the page, `.<lang>`. */
export type PageVariant = string;

/** This request's consent decision, as the consent middleware (which runs before the cache) put it on the context. */
export function requestDecision(c: Context<AppEnv>): ConsentDecision {
  return c.get("consent");
}

/** This request's page variant (src/consent/middleware.ts `pageVariantFor`). */
export function requestVariant(c: Context<AppEnv>): PageVariant {
  return c.get("pageVariant");
}

/** What the analytics rewriter's output depends on, for the ETag: the granted purposes (`-` for none). */
export function grantsTag(decision: ConsentDecision): string {
  return encodeGrants(decision.grants);
}
