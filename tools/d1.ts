// Queries D1 through `wrangler d1 execute` (argument arrays, no shell): wrangler's local state or Cloudflare.
import { runWrangler } from "./wrangler.ts";

export const BINDING = "DB";
export const ENVIRONMENTS = ["staging", "production"] as const;

export type D1Target = { remote: boolean; env?: string; persistTo?: string };

type RawConfig = { env?: Record<string, { d1_databases?: { binding: string; database_id?: string }[] } | undefined> };

/** Why a remote query cannot go ahead, or null: `--remote` needs `--env`, and that environment a real database id. */
export function d1TargetProblem(target: D1Target, config: RawConfig): string | null {
  if (!target.remote) return target.env === undefined ? null : "--env applies to --remote only";
  if (target.env === undefined || !(ENVIRONMENTS as readonly string[]).includes(target.env))
    return `--remote needs --env ${ENVIRONMENTS.join(" or --env ")} (the top-level D1 database is local only)`;
  const bound = config.env?.[target.env]?.d1_databases?.find((db) => db.binding === BINDING);
  if (!bound?.database_id || bound.database_id.startsWith("REPLACE_"))
    return `wrangler.toml has no D1 database bound as ${BINDING} for [env.${target.env}]; run \`npx wrangler d1 create\` and put its id in [[env.${target.env}.d1_databases]]`;
  return null;
}

/** Where a query ran, for messages: "local D1" or "D1 (production)". */
export const describeTarget = (t: D1Target) => (t.remote ? `D1 (${t.env})` : "local D1");

/**
 * A value to put in SQL text. `wrangler d1 execute` takes no bound parameters, so every value a command sends has
 * been validated already; this refuses anything that could end a literal.
 */
export function sqlText(value: string): string {
  if (!/^[A-Za-z0-9_:.-]*$/.test(value)) throw new Error(`refusing to put ${JSON.stringify(value)} into SQL`);
  return `'${value}'`;
}

/** Runs the statements (separated by `;`) and returns each one's rows. */
export async function queryD1(target: D1Target, sql: string): Promise<Record<string, unknown>[][]> {
  const args = ["d1", "execute", BINDING, target.remote ? "--remote" : "--local", "--json", "--command", sql];
  if (target.env) args.push("--env", target.env);
  if (target.persistTo) args.push("--persist-to", target.persistTo);
  const out = await runWrangler(args);
  const parsed = JSON.parse(out.slice(out.indexOf("["))) as { results: Record<string, unknown>[] }[];
  return parsed.map((statement) => statement.results);
}
