// The preview link format, shared like the KV key names: HMAC-SHA-256 over the slug and the expiry time, with the
// PREVIEW_SECRET that `wrangler secret put` stores. The publisher signs, the Worker verifies. Web Crypto only.

/** Where a preview is served: `/preview/<slug>?expires=<unix seconds>&sig=<hex>`. */
/** Where every preview page lives: never stored by the page store, never listed. */
export const PREVIEW_PREFIX = "/preview/";
export const previewPath = (slug: string) => `${PREVIEW_PREFIX}${slug}`;

/** The longest a link may live: a week is plenty for an editor's review, short enough that a leak ages out. */
export const MAX_PREVIEW_SECONDS = 30 * 24 * 3600;

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
