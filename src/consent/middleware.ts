// Consent middleware: decides consent from the request's cookie and Sec-GPC header before any route runs.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { type ConsentConfig, parseConsentConfig } from "./config.ts";
import { decideConsent } from "./decision.ts";

const configs = new Map<string, ConsentConfig>();

/** The consent configuration for these bindings, validated once per distinct set of values. */
export function consentConfig(env: { CONSENT_POLICY_VERSION?: string; CONSENT_MAX_AGE_DAYS?: string }): ConsentConfig {
  const key = `${env.CONSENT_POLICY_VERSION}|${env.CONSENT_MAX_AGE_DAYS}`;
  let config = configs.get(key);
  if (config === undefined) {
    config = parseConsentConfig(env);
    configs.set(key, config);
  }
  return config;
}

/** Sets `c.var.consent` for every request. Never throws on request input: bad cookies are simply no choice. */
export function consent(): MiddlewareHandler<AppEnv> {
  return async function consent(c, next) {
    const { policyVersion } = consentConfig(c.env);
    c.set("consent", decideConsent({ cookie: c.req.header("cookie"), secGpc: c.req.header("sec-gpc"), policyVersion }));
    await next();
  };
}
