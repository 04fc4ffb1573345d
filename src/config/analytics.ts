// The analytics provider from `[vars]`: which one, and the IDs or URLs it needs.
import * as v from "valibot";
import { isPurpose, type Purpose } from "../consent/purposes.ts";
import { HTTPS_URL, parseVars } from "./vars.ts";

export type AnalyticsConfig =
  | { provider: "first-party" }
  | { provider: "none" }
  | { provider: "ga4"; measurementId: string }
  | { provider: "hubspot"; portalId: string }
  | { provider: "script"; scriptUrl: string; connectOrigin: string; purposes: readonly Purpose[] };

const ProviderVarsSchema = v.variant(
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

function toAnalyticsConfig(vars: v.InferOutput<typeof ProviderVarsSchema>): AnalyticsConfig {
  switch (vars.ANALYTICS_PROVIDER) {
    case "ga4":
      return { provider: "ga4", measurementId: vars.ANALYTICS_GA4_ID };
    case "hubspot":
      return { provider: "hubspot", portalId: vars.ANALYTICS_HUBSPOT_ID };
    case "script":
      return {
        provider: "script",
        scriptUrl: vars.ANALYTICS_SCRIPT_URL,
        // The default: the script reports to where it was loaded from.
        connectOrigin: new URL(vars.ANALYTICS_CONNECT_ORIGIN ?? vars.ANALYTICS_SCRIPT_URL).origin,
        purposes: vars.ANALYTICS_SCRIPT_PURPOSES,
      };
    default:
      return { provider: vars.ANALYTICS_PROVIDER };
  }
}

export const AnalyticsVarsSchema = v.pipe(ProviderVarsSchema, v.transform(toAnalyticsConfig));

/** Reads and validates the analytics variables alone; throws an Error naming each bad variable. */
export const parseAnalyticsConfig = (vars: unknown): AnalyticsConfig => parseVars(AnalyticsVarsSchema, vars);

const REQUIRED_PURPOSES = {
  "first-party": ["analytics"],
  ga4: ["analytics"],
  hubspot: ["analytics", "marketing"],
  none: [],
} as const;

/** The purposes a provider needs, all granted, to run (a script's are configured with ANALYTICS_SCRIPT_PURPOSES). */
export function requiredPurposes(config: AnalyticsConfig): readonly Purpose[] {
  return config.provider === "script" ? config.purposes : REQUIRED_PURPOSES[config.provider];
}
