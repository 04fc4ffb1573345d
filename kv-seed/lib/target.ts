// Where a publish goes: checks --remote/--env against wrangler.toml before anything reaches Cloudflare. Pure.

export const ENVIRONMENTS = ["staging", "production"] as const;
export const BINDING = "CONTENT";

type RawConfig = { env?: Record<string, { kv_namespaces?: { binding: string; id?: string }[] } | undefined> };

/**
 * Returns why a remote publish cannot go ahead, or null. `--remote` always needs `--env`: the top-level namespace in
 * wrangler.toml is the local development one, so a remote publish without an environment would have no real target.
 */
export function remoteTargetProblem(remote: boolean, env: string | undefined, config: RawConfig): string | null {
  if (!remote) return env === undefined ? null : "--env applies to --remote publishing only";
  if (env === undefined || !(ENVIRONMENTS as readonly string[]).includes(env))
    return `--remote needs --env ${ENVIRONMENTS.join(" or --env ")} (the top-level KV namespace is local only)`;
  const bound = config.env?.[env]?.kv_namespaces?.find((ns) => ns.binding === BINDING);
  if (!bound?.id)
    return `wrangler.toml has no KV namespace bound as ${BINDING} for [env.${env}]; add [[env.${env}.kv_namespaces]] with binding = "${BINDING}" and the namespace id`;
  return null;
}
