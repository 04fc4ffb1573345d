// One cache key per page: the path normalized once, the consent layer's variant, and nothing from the query. Pure.

/** Variants are short tokens the consent layer supplies ("ask", "decided", later language and banner kind). */
const VARIANT = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** True for a variant the store may key on; anything else is served but never stored (bounded keys per path). */
export function isStorableVariant(variant: string): boolean {
  return VARIANT.test(variant);
}

/**
 * The canonical form of a URL path (RFC 3986 §6.2.2): percent-encoded unreserved characters decoded
 * (`%68` → `h`), other escapes in upper case (`%2f` → `%2F`). The URL parser has already resolved dot segments.
 */
export function canonicalPath(pathname: string): string {
  if (!pathname.includes("%")) return pathname;
  return pathname.replace(/%([0-9a-fA-F]{2})/g, (match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : match.toUpperCase();
  });
}

/**
 * The Cache API key for a canonical path and variant. No query parameter changes a page (listings paginate by path,
 * /page/<n>), so `?page=`, `utm_…` and cache busters all share the page's one key. Concatenated, not resolved: a path
 * such as "//x" must stay a path, never become another host.
 */
export function cacheKeyFor(origin: string, path: string, variant: string): string {
  return `${origin}${path}?__variant=${encodeURIComponent(variant)}`;
}
