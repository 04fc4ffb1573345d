// The Worker's configuration: every `[vars]` variable, validated once at start-up into one typed, frozen object.
// To add a variable: add it to its section's schema (or add a section file and one line to SECTIONS);
// docs/configuration.md lists them all.
import * as v from "valibot";
import { AnalyticsVarsSchema } from "./analytics.ts";
import { BenchVarsSchema } from "./bench.ts";
import { ConsentVarsSchema } from "./consent.ts";
import { SiteVarsSchema } from "./site.ts";
import { configError } from "./vars.ts";

export type { AnalyticsConfig } from "./analytics.ts";
export type { BenchConfig } from "./bench.ts";
export type { ConsentConfig } from "./consent.ts";
export type { SiteConfig } from "./site.ts";

/** One schema per section; each reads its own variables from the same `[vars]`. */
const SECTIONS = {
  site: SiteVarsSchema,
  consent: ConsentVarsSchema,
  analytics: AnalyticsVarsSchema,
  bench: BenchVarsSchema,
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
  return Object.freeze(config) as Config;
}
