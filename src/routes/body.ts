// Reading small request bodies with a hard size limit, and the same-origin check every state-changing POST uses.
import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";

/**
 * The body as text, or null when it is larger than `limit` bytes (declared or actual). Stops reading at the limit,
 * so a huge or endless body costs at most `limit` bytes.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<string | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) return null;
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Hono's CSRF guard: a form POST must say it comes from this origin, by `Sec-Fetch-Site: same-origin` or an `Origin`
 * equal to the request's. Otherwise it throws a 403 HTTPException.
 */
export const sameOriginOnly = () => csrf();

/** The one body type the consent form sends; Hono's CSRF guard checks every request that carries it. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

/** The media type of a Content-Type header without parameters, lower-cased (`text/html; charset=utf-8` → `text/html`). */
export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * Refuses (415) any body that is not exactly a URL-encoded form, before the CSRF guard: the guard checks only the
 * types a cross-site form can send, so whatever it would not check (`…urlencodedX`, JSON, none) never gets through.
 */
export function formOnly(): MiddlewareHandler {
  return async function formOnly(c, next) {
    if (mediaType(c.req.header("content-type")) !== FORM_TYPE)
      throw new HTTPException(415, { message: "Unsupported Media Type" });
    await next();
  };
}
