// Reading small request bodies with a hard size limit, and the same-origin check every state-changing POST uses.
import { csrf } from "hono/csrf";

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
