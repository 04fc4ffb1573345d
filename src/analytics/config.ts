// The analytics provider from `[vars]`: which tag to inject, the origins the CSP must allow, the cookies it sets.
import * as v from "valibot";
import { configError } from "../consent/config.ts";

export type AnalyticsConfig =
  | { provider: "first-party" }
  | { provider: "none" }
  | { provider: "ga4"; measurementId: string }
  | { provider: "hubspot"; portalId: string }
  | { provider: "script"; scriptUrl: string; connectOrigin: string };

export type ProviderOrigins = { script: string[]; connect: string[]; img: string[] };

const HTTPS_URL = v.pipe(
  v.string("must be set"),
  v.url("must be an absolute URL"),
  v.startsWith("https://", "must be an https:// URL"),
);

const AnalyticsVarsSchema = v.variant(
  "ANALYTICS_PROVIDER",
  [
    v.object({ ANALYTICS_PROVIDER: v.picklist(["first-party", "none"]) }),
    v.object({
      ANALYTICS_PROVIDER: v.literal("ga4"),
      ANALYTICS_GA4_ID: v.pipe(
        v.string("must be set"),
        v.regex(/^G-[A-Z0-9]{4,20}$/, "must be a GA4 measurement ID like G-ABC123XYZ"),
      ),
    }),
    v.object({
      ANALYTICS_PROVIDER: v.literal("hubspot"),
      ANALYTICS_HUBSPOT_ID: v.pipe(
        v.string("must be set"),
        v.regex(/^[0-9]{1,12}$/, "must be a HubSpot portal (Hub) ID, digits only"),
      ),
    }),
    v.object({
      ANALYTICS_PROVIDER: v.literal("script"),
      ANALYTICS_SCRIPT_URL: HTTPS_URL,
      ANALYTICS_CONNECT_ORIGIN: v.optional(HTTPS_URL),
    }),
  ],
  "must be one of first-party, ga4, hubspot, script, none",
);

/** Reads and validates the analytics variables; throws an Error naming each bad variable. */
export function parseAnalyticsConfig(vars: unknown): AnalyticsConfig {
  const result = v.safeParse(AnalyticsVarsSchema, vars);
  if (!result.success) throw configError(result.issues);
  const out = result.output;
  switch (out.ANALYTICS_PROVIDER) {
    case "ga4":
      return { provider: "ga4", measurementId: out.ANALYTICS_GA4_ID };
    case "hubspot":
      return { provider: "hubspot", portalId: out.ANALYTICS_HUBSPOT_ID };
    case "script":
      return {
        provider: "script",
        scriptUrl: out.ANALYTICS_SCRIPT_URL,
        connectOrigin: new URL(out.ANALYTICS_CONNECT_ORIGIN ?? out.ANALYTICS_SCRIPT_URL).origin,
      };
    default:
      return { provider: out.ANALYTICS_PROVIDER };
  }
}

const configs = new Map<string, AnalyticsConfig>();

type AnalyticsVars = Partial<
  Record<
    "ANALYTICS_PROVIDER" | "ANALYTICS_GA4_ID" | "ANALYTICS_HUBSPOT_ID" | "ANALYTICS_SCRIPT_URL" | "ANALYTICS_CONNECT_ORIGIN",
    string
  >
>;

/** The analytics configuration for these bindings, validated once per distinct set of values. */
export function analyticsConfig(env: object): AnalyticsConfig {
  const vars = env as AnalyticsVars;
  const key = JSON.stringify([
    vars.ANALYTICS_PROVIDER,
    vars.ANALYTICS_GA4_ID,
    vars.ANALYTICS_HUBSPOT_ID,
    vars.ANALYTICS_SCRIPT_URL,
    vars.ANALYTICS_CONNECT_ORIGIN,
  ]);
  let config = configs.get(key);
  if (config === undefined) {
    config = parseAnalyticsConfig(vars);
    configs.set(key, config);
  }
  return config;
}

// Google's and HubSpot's published CSP guidance, trimmed to page-view tracking.
const GA4_ORIGINS: ProviderOrigins = {
  script: ["https://www.googletagmanager.com"],
  connect: ["https://*.google-analytics.com", "https://*.analytics.google.com", "https://*.googletagmanager.com"],
  img: ["https://*.google-analytics.com", "https://*.googletagmanager.com"],
};
const HUBSPOT_ORIGINS: ProviderOrigins = {
  script: ["https://js.hs-scripts.com", "https://js.hs-analytics.net", "https://js.hs-banner.com"],
  connect: ["https://*.hubspot.com", "https://*.hs-banner.com"],
  img: ["https://track.hubspot.com"],
};
const NO_ORIGINS: ProviderOrigins = { script: [], connect: [], img: [] };

/** The third-party origins the configured provider needs in the CSP; the first-party provider needs only 'self'. */
export function providerOrigins(config: AnalyticsConfig): ProviderOrigins {
  switch (config.provider) {
    case "ga4":
      return GA4_ORIGINS;
    case "hubspot":
      return HUBSPOT_ORIGINS;
    case "script":
      return { script: [new URL(config.scriptUrl).origin], connect: [config.connectOrigin], img: [] };
    default:
      return NO_ORIGINS;
  }
}

/** Cookie names the provider sets; a trailing `*` matches any suffix (GA4's `_ga_<container>`). */
export function providerCookies(config: AnalyticsConfig): string[] {
  switch (config.provider) {
    case "ga4":
      return ["_ga", "_ga_*", "_gid", "_gat", "_gat_*"];
    case "hubspot":
      return ["__hstc", "hubspotutk", "__hssc", "__hssrc", "messagesUtk"];
    default:
      return [];
  }
}

/** Whether a cookie name is one of the provider's (exact, or prefix before `*`). */
export function isProviderCookie(config: AnalyticsConfig, name: string): boolean {
  return providerCookies(config).some((pattern) =>
    pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );
}
