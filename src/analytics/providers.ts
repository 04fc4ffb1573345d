// What each analytics provider needs and leaves behind: the purposes it serves, the origins the CSP must allow and
// the cookies it sets. Pure.
import { type AnalyticsConfig, requiredPurposes } from "../config/index.ts";
import { allows, type Grants, type Purpose } from "../consent/purposes.ts";

export type ProviderOrigins = { script: string[]; connect: string[]; img: string[] };

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
  // Consent Mode v2: GA4 measures under analytics; its ad signals follow marketing.
  const optional: readonly Purpose[] = config.provider === "ga4" ? ["marketing"] : [];
  return { required: requiredPurposes(config), optional };
}

/** Whether the provider's tag may be on a page with these grants: every purpose it needs is granted. */
export function providerRuns(config: AnalyticsConfig, grants: Grants): boolean {
  return config.provider !== "none" && allows(grants, providerPurposes(config).required);
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
