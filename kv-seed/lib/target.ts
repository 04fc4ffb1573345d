// Where a publish goes: checks --remote/--env against wrangler.toml before anything reaches Cloudflare. Pure.

export const ENVIRONMENTS = ["staging", "production"] as const;
export const BINDING = "CONTENT";

/** The prefix of the namespace ids wrangler.toml ships with: they must be replaced before anything goes remote. */
export const PLACEHOLDER_PREFIX = "REPLACE_WITH_";

type RawConfig = {
  vars?: Record<string, unknown>;
  env?: Record<string, { kv_namespaces?: { binding: string; id?: string }[]; vars?: Record<string, unknown> } | undefined>;
};

/**
 * Returns why a remote publish cannot go ahead, or null. `--remote` always needs `--env`: the top-level namespace in
 * wrangler.toml is the local development one, so a remote publish without an environment would have no real target.
 */
export function remoteTargetProblem(remote: boolean, env: string | undefined, config: RawConfig): string | null {
  if (!remote) return env === undefined ? null : "--env applies to --remote publishing only";
  if (env === undefined || !(ENVIRONMENTS as readonly string[]).includes(env))
    return `--remote needs --env ${ENVIRONMENTS.join(" or --env ")} (the top-level KV namespace is local only)`;
  return environmentProblem(env, config);
}

/** Why [env.<env>] in wrangler.toml cannot receive content or a deploy yet (no CONTENT namespace, a placeholder id), or null. */
export function environmentProblem(env: string, config: RawConfig): string | null {
  const bound = config.env?.[env]?.kv_namespaces?.find((ns) => ns.binding === BINDING);
  if (!bound?.id)
    return `wrangler.toml has no KV namespace bound as ${BINDING} for [env.${env}]; add [[env.${env}.kv_namespaces]] with binding = "${BINDING}" and the namespace id`;
  if (bound.id.startsWith(PLACEHOLDER_PREFIX))
    return (
      `wrangler.toml still has the placeholder id "${bound.id}" for [env.${env}]'s ${BINDING} namespace: create the namespace ` +
      `with \`npx wrangler kv namespace create ${BINDING} --env ${env}\` and put the id it prints in wrangler.toml (docs/deploying.md)`
    );
  return null;
}

/** The environment's SITE_URL from wrangler.toml: where its published articles live. */
export function siteUrlOf(config: RawConfig, env: string): string {
  const url = config.env?.[env]?.vars?.SITE_URL;
  return typeof url === "string" && URL.canParse(url) ? url : "https://example.invalid";
}

/** Every `REPLACE_WITH_…` placeholder left in an environment's configuration (KV, D1, anything), with where it is. */
export function placeholdersIn(env: string, config: { env?: Record<string, unknown> }): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string" && value.startsWith(PLACEHOLDER_PREFIX)) found.push(`${path} = "${value}"`);
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
    else if (typeof value === "object" && value !== null)
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
  };
  walk(config.env?.[env], `env.${env}`);
  return found;
}
