// The one gate that adds scripts: rewrites outgoing HTML after the page cache, putting this response's CSP nonce
// where the views left its placeholder and, only with consent, the analytics tag into <head> (HTMLRewriter).
import type { MiddlewareHandler } from "hono";
import type { AnalyticsConfig } from "../config/index.ts";
import { analyticsAllowed } from "../consent/decision.ts";
import { replaceResponse } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { NONCE_ATTRIBUTE } from "../render/nonce.ts";
import { analyticsTag } from "./tag.ts";

/**
 * The nonce goes in by replacing the views' placeholder attribute (the page cache has usually `stamped` it into the
 * kept bytes already; otherwise a string replacement here), which is much cheaper than streaming every response
 * through HTMLRewriter (measured in the README's Benchmark section). An
 * inline script or style without the placeholder gets no nonce, so the CSP blocks it: the safe failure. The
 * analytics `tag` (already carrying the nonce) is appended to <head> by HTMLRewriter when it is not empty.
 * Non-HTML responses come back untouched.
 */
export async function rewriteHtml(
  response: Response,
  { nonce, tag, stamped = false }: { nonce: string; tag: string; stamped?: boolean },
): Promise<Response> {
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/html")) return response;
  if (stamped && tag === "") return response;
  const headers = new Headers(response.headers);
  // The body's length changes; a stored Content-Length from a cached copy would be wrong.
  headers.delete("content-length");
  const body = stamped ? response.body : (await response.text()).replaceAll(NONCE_ATTRIBUTE, `nonce="${nonce}"`);
  const page = new Response(body, { status: response.status, statusText: response.statusText, headers });
  if (tag === "") return page;
  return new HTMLRewriter()
    .on("head", {
      element(element) {
        element.append(tag, { html: true });
      },
    })
    .transform(page);
}

/** Middleware: runs after everything inside it (cache, routes) and rewrites the HTML they answered. */
export function analyticsRewriter(analytics: AnalyticsConfig): MiddlewareHandler<AppEnv> {
  return async function analyticsRewriter(c, next) {
    await next();
    const nonce = c.get("secureHeadersNonce");
    if (nonce === undefined) return;
    const tag = analyticsAllowed(c.get("consent")) ? analyticsTag(analytics, nonce) : "";
    const rewritten = await rewriteHtml(c.res, { nonce, tag, stamped: c.get("nonceStamped") === true });
    if (rewritten !== c.res) replaceResponse(c, rewritten);
  };
}
