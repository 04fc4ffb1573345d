// What each analytics provider needs and leaves behind: the origins the CSP must allow and the cookies it sets. Pure.
import type { AnalyticsConfig } from "../config/index.ts";

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
