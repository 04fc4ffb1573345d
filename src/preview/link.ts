// Signed, expiring preview links: HMAC-SHA-256 over the slug and the expiry time, with the PREVIEW_SECRET that
// `wrangler secret put` stores. One module for both sides: the publisher signs, the Worker verifies. Web Crypto only.

/** Where a preview is served: `/preview/<slug>?expires=<unix seconds>&sig=<hex>`. */
export const previewPath = (slug: string) => `/preview/${slug}`;

/** The longest a link may live: a week is plenty for an editor's review, short enough that a leak ages out. */
export const MAX_PREVIEW_SECONDS = 30 * 24 * 3600;

/** The shortest secret accepted: 32 characters (e.g. `openssl rand -hex 32` gives 64). */
export const MIN_SECRET_LENGTH = 32;

const ENCODER = new TextEncoder();

const key = (secret: string, usage: "sign" | "verify") =>
  crypto.subtle.importKey("raw", ENCODER.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);

const message = (slug: string, expires: number) => ENCODER.encode(`preview:${slug}:${expires}`);

/** The signature of a preview link, as lower-case hex. */
export async function signPreview(secret: string, slug: string, expires: number): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret, "sign"), message(slug, expires)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The absolute preview URL for a slug, valid until `expires` (unix seconds). */
export async function previewUrl(siteUrl: string, secret: string, slug: string, expires: number): Promise<string> {
  const url = new URL(previewPath(slug), siteUrl);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("sig", await signPreview(secret, slug, expires));
  return url.href;
}

const EXPIRES = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * True when the link is signed with this secret for this slug and has not expired. The comparison is Web Crypto's
 * `verify` (constant time); malformed parameters and a link that claims to live longer than MAX_PREVIEW_SECONDS fail.
 */
export async function verifyPreview(
  secret: string | undefined,
  slug: string,
  expiresParam: string | undefined,
  sig: string | undefined,
  nowMs: number,
): Promise<boolean> {
  if (!secret || !expiresParam || !sig || !EXPIRES.test(expiresParam) || !SIGNATURE.test(sig)) return false;
  const expires = Number(expiresParam);
  const now = Math.floor(nowMs / 1000);
  if (expires <= now || expires > now + MAX_PREVIEW_SECONDS) return false;
  const bytes = new Uint8Array(sig.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  return crypto.subtle.verify("HMAC", await key(secret, "verify"), bytes, message(slug, expires));
}

/** Why PREVIEW_SECRET cannot be used, or null. A local site (localhost) may run without one: previews are then off. */
export function previewSecretProblem(secret: string | undefined, siteUrl: string): string | null {
  let local = false;
  try {
    local = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(siteUrl).hostname);
  } catch {
    // SITE_URL's own check reports a bad URL.
  }
  if (secret === undefined || secret === "") {
    return local
      ? null
      : "PREVIEW_SECRET: must be set on staging and production: run `npx wrangler secret put PREVIEW_SECRET --env <name>` (docs/deploying.md)";
  }
  if (secret.length < MIN_SECRET_LENGTH)
    return `PREVIEW_SECRET: must be at least ${MIN_SECRET_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`)`;
  return null;
}
