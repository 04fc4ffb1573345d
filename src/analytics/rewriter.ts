// The one gate that adds scripts: rewrites outgoing HTML after the page cache, adding the analytics tag only with
// consent and the response's CSP nonce to every inline script and style.
import type { MiddlewareHandler } from "hono";
import { analyticsAllowed } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";
import { analyticsConfig } from "./config.ts";
import { analyticsTag } from "./tag.ts";

/**
 * Streams `response` through HTMLRewriter: `nonce` on every <script> and <style>, and `tag` (already carrying the
 * nonce) appended to <head> when it is not empty. Non-HTML responses come back untouched.
 */
export function rewriteHtml(response: Response, { nonce, tag }: { nonce: string; tag: string }): Response {
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/html")) return response;
  const rewriter = new HTMLRewriter().on("script, style", {
    element(element) {
      element.setAttribute("nonce", nonce);
    },
  });
  if (tag !== "") {
    rewriter.on("head", {
      element(element) {
        element.append(tag, { html: true });
      },
    });
  }
  const rewritten = rewriter.transform(response);
  const headers = new Headers(rewritten.headers);
  // The body's length changes; a stored Content-Length from a cached copy would be wrong.
  headers.delete("content-length");
  return new Response(rewritten.body, { status: rewritten.status, statusText: rewritten.statusText, headers });
}

/** Middleware: runs after everything inside it (cache, routes) and rewrites the HTML they answered. */
export function analyticsRewriter(): MiddlewareHandler<AppEnv> {
  return async function analyticsRewriter(c, next) {
    await next();
    const nonce = c.get("secureHeadersNonce");
    if (nonce === undefined) return;
    const tag = analyticsAllowed(c.get("consent")) ? analyticsTag(analyticsConfig(c.env), nonce) : "";
    const rewritten = rewriteHtml(c.res, { nonce, tag });
    if (rewritten === c.res) return;
    // Replace rather than merge, so the old response's headers (a stale Content-Length) are not copied back.
    c.res = undefined;
    c.res = rewritten;
  };
}
