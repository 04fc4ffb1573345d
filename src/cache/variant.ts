// What the page store keys on about the reader: the page variant the consent middleware named.
import type { Context } from "hono";
import { type ConsentDecision, UNDECIDED } from "../consent/decision.ts";
import { encodeGrants } from "../consent/purposes.ts";
import type { AppEnv } from "../env.ts";

/** A small string: consent variant (`ask`, `decided`, `optout-gpc`, …) and, where it changes the page, `.<lang>`. */
export type PageVariant = string;

/** This request's consent decision, as the consent middleware (which runs before the cache) put it on the context. */
export function requestDecision(c: Context<AppEnv>): ConsentDecision {
  return c.get("consent") ?? UNDECIDED;
}

/** This request's page variant (src/consent/middleware.ts `pageVariantFor`); `ask` before the middleware ran. */
export function requestVariant(c: Context<AppEnv>): PageVariant {
  return c.get("pageVariant") ?? "ask";
}

/** What the analytics tag depends on, for the ETag and the stored tagged copy: the granted purposes (`-` for none). */
export function grantsTag(decision: ConsentDecision): string {
  return encodeGrants(decision.grants);
}
