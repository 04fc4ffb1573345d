// The analytics provider from `[vars]`: which tag to inject, the origins the CSP must allow, the cookies it sets.
import * as v from "valibot";
import { configError } from "../consent/config.ts";
import { allows, type Grants, isPurpose, type Purpose } from "../consent/purposes.ts";

export type AnalyticsConfig =
  | { provider: "first-party" }
  | { provider: "none" }
  | { provider: "ga4"; measurementId: string }
  | { provider: "hubspot"; portalId: string }
  | { provider: "script"; scriptUrl: string; connectOrigin: string; purposes: readonly Purpose[] };

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
      ANALYTICS_SCRIPT_PURPOSES: v.pipe(
        v.optional(v.string(), "analytics"),
        v.transform((s) => s.split(",").map((p) => p.trim())),
        v.check((list) => list.length > 0 && list.every(isPurpose), "must be a comma-separated list of analytics, marketing"),
        v.transform((list) => list as Purpose[]),
      ),
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
        purposes: out.ANALYTICS_SCRIPT_PURPOSES,
      };
    default:
      return { provider: out.ANALYTICS_PROVIDER };
  }
}

const configs = new Map<string, AnalyticsConfig>();

type AnalyticsVars = Partial<
  Record<
    | "ANALYTICS_PROVIDER"
    | "ANALYTICS_GA4_ID"
    | "ANALYTICS_HUBSPOT_ID"
    | "ANALYTICS_SCRIPT_URL"
    | "ANALYTICS_CONNECT_ORIGIN"
    | "ANALYTICS_SCRIPT_PURPOSES",
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
    vars.ANALYTICS_SCRIPT_PURPOSES,
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

/** The purposes a provider needs, all granted, to run at all; and the ones that only widen what it does. */
export function providerPurposes(config: AnalyticsConfig): { required: readonly Purpose[]; optional: readonly Purpose[] } {
  switch (config.provider) {
    case "first-party":
      return { required: ["analytics"], optional: [] };
    case "ga4":
      // Consent Mode v2: the tag measures under analytics; its ad signals follow marketing.
      return { required: ["analytics"], optional: ["marketing"] };
    case "hubspot":
      return { required: ["analytics", "marketing"], optional: [] };
    case "script":
      return { required: config.purposes, optional: [] };
    case "none":
      return { required: [], optional: [] };
  }
}

/** Whether the provider's tag may be on a page with these grants: every purpose it needs is granted. */
export function providerRuns(config: AnalyticsConfig, grants: Grants): boolean {
  return config.provider !== "none" && allows(grants, providerPurposes(config).required);
}

/**
 * Refuses a provider that needs a purpose readers are never asked about (it could then never run, or worse, be
 * mistaken as allowed): e.g. HubSpot needs `marketing` in CONSENT_PURPOSES.
 */
export function checkProviderPurposes(config: AnalyticsConfig, purposes: readonly Purpose[]): void {
  const missing = providerPurposes(config).required.filter((p) => !purposes.includes(p));
  if (missing.length > 0) {
    throw new Error(
      `Invalid wrangler.toml [vars]: CONSENT_PURPOSES: ANALYTICS_PROVIDER ${config.provider} needs ${missing.join(", ")} (got ${JSON.stringify(purposes.join(","))})`,
    );
  }
}

/** A cookie the provider sets and the purpose it serves; a trailing `*` in the name matches any suffix. */
export type ProviderCookie = { name: string; purpose: Purpose };

/** Cookies the provider sets (GA4's `_ga_<container>`, its ads linker `_gcl_*` under marketing). */
export function providerCookies(config: AnalyticsConfig): ProviderCookie[] {
  switch (config.provider) {
    case "ga4":
      return [
        ...["_ga", "_ga_*", "_gid", "_gat", "_gat_*"].map((name) => ({ name, purpose: "analytics" as const })),
        { name: "_gcl_*", purpose: "marketing" },
      ];
    case "hubspot":
      return ["__hstc", "hubspotutk", "__hssc", "__hssrc", "messagesUtk"].map((name) => ({
        name,
        purpose: "marketing" as const,
      }));
    default:
      return [];
  }
}

/** Whether a cookie name matches a provider cookie pattern (exact, or prefix before `*`). */
function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Whether a cookie name is one of the provider's. */
export function isProviderCookie(config: AnalyticsConfig, name: string): boolean {
  return providerCookies(config).some((cookie) => matches(cookie.name, name));
}

/**
 * Whether a provider cookie must go under these grants: its own purpose is withdrawn, or the provider may no longer
 * run at all (HubSpot's cookies serve both its purposes).
 */
export function cookieWithdrawn(config: AnalyticsConfig, name: string, grants: Grants): boolean {
  const cookie = providerCookies(config).find((c) => matches(c.name, name));
  if (cookie === undefined) return false;
  return !providerRuns(config, grants) || !grants.includes(cookie.purpose);
}
