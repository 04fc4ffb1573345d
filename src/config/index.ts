// The Worker's configuration: every `[vars]` variable, validated once at start-up into one typed, frozen object.
// To add a variable: add it to its section's schema (or add a section file and one line to SECTIONS);
// docs/configuration.md lists them all.
import * as v from "valibot";
import { type AnalyticsConfig, AnalyticsVarsSchema, requiredPurposes } from "./analytics.ts";
import { ConsentVarsSchema } from "./consent.ts";
import { ReceiptsVarsSchema } from "./receipts.ts";
import { SiteVarsSchema } from "./site.ts";
import { configError } from "./vars.ts";

/**
 * Refuses a provider that needs a purpose readers are never asked about (it could then never run): e.g. HubSpot
 * needs `marketing` in CONSENT_PURPOSES.
 */
function checkProviderPurposes(analytics: AnalyticsConfig, purposes: readonly string[]): void {
  const missing = requiredPurposes(analytics).filter((p) => !purposes.includes(p));
  if (missing.length > 0) {
    throw new Error(
      `Invalid wrangler.toml [vars]: CONSENT_PURPOSES: ANALYTICS_PROVIDER ${analytics.provider} needs ${missing.join(", ")} (got ${JSON.stringify(purposes.join(","))})`,
    );
  }
}

export { type AnalyticsConfig, requiredPurposes } from "./analytics.ts";
export type { ConsentConfig } from "./consent.ts";
export type { ReceiptsConfig } from "./receipts.ts";
export type { SiteConfig } from "./site.ts";

/** One schema per section; each reads its own variables from the same `[vars]`. */
const SECTIONS = {
  site: SiteVarsSchema,
  consent: ConsentVarsSchema,
  analytics: AnalyticsVarsSchema,
  receipts: ReceiptsVarsSchema,
} as const;

type Sections = typeof SECTIONS;
export type Config = { readonly [K in keyof Sections]: Readonly<v.InferOutput<Sections[K]>> };

/**
 * Reads every section from `vars` (the Worker's `env`). Throws one Error naming every bad variable of every section,
 * so a misconfigured deploy fails at start-up with the whole list rather than a 500 on every page.
 */
export function parseConfig(vars: unknown): Config {
  const issues: v.BaseIssue<unknown>[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SECTIONS)) {
    const result = v.safeParse(schema, vars);
    if (result.success) config[name] = Object.freeze(result.output);
    else issues.push(...result.issues);
  }
  if (issues.length > 0) throw configError(issues);
  const done = Object.freeze(config) as Config;
  checkProviderPurposes(done.analytics, done.consent.purposes);
  return done;
}
