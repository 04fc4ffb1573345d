// Deploy identity: which code and configuration rendered a stored page, so another deploy never serves it as fresh.

/** Cloudflare's version_metadata binding (wrangler.toml `[version_metadata]`); absent in bare Miniflare setups. */
type VersionMetadata = { id?: string; tag?: string };

let isolateId: string | null = null;
const identities = new WeakMap<object, string>();

/** The identity already worked out for these bindings, or null: the hot path needs no await. */
export function knownDeployIdentity(env: object): string | null {
  return identities.get(env) ?? null;
}

/**
 * A short hash of the Worker version and every string binding (vars and secrets; internal only, never sent).
 * The version comes from `CF_VERSION_METADATA` (a new one on every deploy, and on every `wrangler dev` reload);
 * without that binding, from a random id made once per isolate, so each process start counts as a new deploy.
 */
export async function deployIdentity(env: object): Promise<string> {
  const known = identities.get(env);
  if (known !== undefined) return known;
  const metadata = (env as { CF_VERSION_METADATA?: VersionMetadata }).CF_VERSION_METADATA;
  // Random values may only be made while handling a request, hence lazily here.
  isolateId ??= crypto.randomUUID();
  const version = metadata?.id || isolateId;
  const vars = Object.entries(env)
    .filter((e): e is [string, string] => typeof e[1] === "string")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify([version, vars])));
  const id = [...new Uint8Array(digest).subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  identities.set(env, id);
  return id;
}
