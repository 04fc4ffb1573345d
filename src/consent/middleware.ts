// Consent middleware: decides consent from the request's cookie and Sec-GPC header before any route runs.
import type { MiddlewareHandler } from "hono";
import type { ConsentConfig } from "../config/index.ts";
import type { AppEnv } from "../env.ts";
import { decideConsent } from "./decision.ts";

/** Sets `c.var.consent` for every request. Never throws on request input: bad cookies are simply no choice. */
export function consent({ policyVersion }: Pick<ConsentConfig, "policyVersion">): MiddlewareHandler<AppEnv> {
  return async function consent(c, next) {
    c.set("consent", decideConsent({ cookie: c.req.header("cookie"), secGpc: c.req.header("sec-gpc"), policyVersion }));
    await next();
  };
}
