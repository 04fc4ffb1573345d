// Where to send a reader back to after a form post: a path on this site, never anywhere else.

/** The longest return path a form may carry; the banner cuts a longer address down to its path. */
export const MAX_RETURN_PATH_LENGTH = 512;

const BASE = "https://return-path.invalid";

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * `raw` when it is a same-site path (`/...`, not `//host` or `/\host`, no control characters or backslashes), else
 * `/`. The result is the URL parser's normalized path and query, so what the browser follows is what was checked.
 */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_RETURN_PATH_LENGTH) return "/";
  // Browsers treat `\` as `/` and drop tabs and newlines, so `/\evil` or `/\t/evil` would be protocol-relative.
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || hasControlCharacter(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = url.pathname + url.search;
  return path.startsWith("//") ? "/" : path;
}
