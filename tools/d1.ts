// D1 through `wrangler d1 execute` (consent receipts, readership figures) (argument arrays, no shell): wrangler's local state or Cloudflare.
import { runWranglerRetrying } from "./wrangler.ts";

export const BINDING = "DB";
export const ENVIRONMENTS = ["staging", "production"] as const;

export type D1Target = { remote: boolean; env?: string; persistTo?: string };

type RawConfig = { env?: Record<string, { d1_databases?: { binding: string; database_id?: string }[] } | undefined> };

/** Why a remote query cannot go ahead, or null: `--remote` needs `--env`, and that environment a bound database. */
export function d1TargetProblem(target: D1Target, config: RawConfig): string | null {
  if (!target.remote) return target.env === undefined ? null : "--env applies to --remote only";
  if (target.env === undefined || !(ENVIRONMENTS as readonly string[]).includes(target.env))
    return `--remote needs --env ${ENVIRONMENTS.join(" or --env ")} (the top-level D1 database is local only)`;
  const bound = config.env?.[target.env]?.d1_databases?.find((db) => db.binding === BINDING);
  if (!bound?.database_id || bound.database_id.startsWith("REPLACE_"))
    return `wrangler.toml has no D1 database bound as ${BINDING} for [env.${target.env}]; run \`npx wrangler d1 create\` and put its id in [[env.${target.env}.d1_databases]]`;
  return null;
}

/** The command-line options every D1 command takes, for `parseArgs`. */
export const D1_TARGET_OPTIONS = {
  remote: { type: "boolean", default: false },
  env: { type: "string" },
  "persist-to": { type: "string" },
} as const;

/**
 * The target those options name, or the reason it cannot be used. wrangler's config reader is a heavy import: only
 * a remote query needs it.
 */
export async function d1TargetFrom(values: {
  remote: boolean;
  env?: string;
  "persist-to"?: string;
}): Promise<{ target: D1Target; problem: string | null }> {
  const target: D1Target = { remote: values.remote, env: values.env, persistTo: values["persist-to"] };
  const config = values.remote ? (await import("wrangler")).experimental_readRawConfig({}).rawConfig : {};
  return { target, problem: d1TargetProblem(target, config) };
}

/** Where a query ran, for messages: "local D1" or "D1 (production)". */
export const describeTarget = (t: D1Target) => (t.remote ? `D1 (${t.env})` : "local D1");

/** Runs the statements (separated by `;`) and returns each one's rows. */
export async function queryD1(target: D1Target, sql: string): Promise<Record<string, unknown>[][]> {
  const args = ["d1", "execute", BINDING, target.remote ? "--remote" : "--local", "--json", "--command", sql];
  if (target.env) args.push("--env", target.env);
  if (target.persistTo) args.push("--persist-to", target.persistTo);
  // SELECTs only, so a 429/5xx from the API is safely retried.
  const out = await runWranglerRetrying(args, "D1: Read");
  const parsed = JSON.parse(out.slice(out.indexOf("["))) as { results: Record<string, unknown>[] }[];
  return parsed.map((statement) => statement.results);
}
