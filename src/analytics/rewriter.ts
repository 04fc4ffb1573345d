// The one gate that adds scripts: the analytics tag goes into <head> only with consent. A page the store kept gets it
// once, into a second copy of its bytes (so a consenting reader costs no rewrite); any other HTML gets it here.
import type { MiddlewareHandler } from "hono";
import type { AnalyticsConfig } from "../config/index.ts";
import { encodeGrants, type Grants } from "../consent/purposes.ts";
import { replaceResponse } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { NONCE_PLACEHOLDER, stampNonceText } from "../security/nonce.ts";
import { providerRuns } from "./providers.ts";
import { analyticsTag } from "./tag.ts";

const HEAD_END = new TextEncoder().encode("</head>");

/**
 * For one configuration: the analytics tag a request may carry, with the nonce placeholder where the nonce goes
 * (security stamps it), or "" without consent or without a provider. Cached bytes never hold a real nonce.
 */
export function analyticsTagFor(analytics: AnalyticsConfig): (grants: Grants | undefined) => string {
  // One tag per set of grants (GA4's Consent Mode signals follow them); at most 2^purposes entries.
  const tags = new Map<string, string>();
  return (grants) => {
    if (grants === undefined || !providerRuns(analytics, grants)) return "";
    const code = encodeGrants(grants);
    let tag = tags.get(code);
    if (tag === undefined) {
      tag = analyticsTag(analytics, NONCE_PLACEHOLDER, grants);
      tags.set(code, tag);
    }
    return tag;
  };
}

/**
 * `tag` inserted just before the page's first `</head>`: the layout's own, since nothing the views write into <head>
 * can hold a literal `<` (attributes and JSON-LD escape it). Null when the page has no `</head>`.
 */
export function withTagInHead(bytes: Uint8Array, tag: string): Uint8Array | null {
  let at = bytes.indexOf(HEAD_END[0] as number);
  for (; at !== -1; at = bytes.indexOf(HEAD_END[0] as number, at + 1)) {
    let j = 1;
    while (j < HEAD_END.length && bytes[at + j] === HEAD_END[j]) j++;
    if (j === HEAD_END.length) break;
  }
  if (at === -1) return null;
  const insert = new TextEncoder().encode(tag);
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}

/**
 * A finished HTML response: `tag` (already carrying `nonce`) in <head>, and `nonce` in the views' nonce slots (see
 * security/nonce.ts; an inline script or style without the placeholder gets no nonce, so the CSP blocks it: the safe
 * failure). Non-HTML responses come back untouched.
 */
export async function rewriteHtml(response: Response, { nonce, tag }: { nonce: string; tag: string }): Promise<Response> {
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/html")) return response;
  const headers = new Headers(response.headers);
  // The body's length changes; a stored Content-Length would be wrong.
  headers.delete("content-length");
  let bytes: Uint8Array = new Uint8Array(await response.arrayBuffer());
  if (tag !== "") bytes = withTagInHead(bytes, tag) ?? bytes;
  const body = stampNonceText(new TextDecoder().decode(bytes), nonce);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Middleware: adds the tag (with the nonce placeholder) to HTML the page store did not already finish. */
export function analyticsRewriter(analytics: AnalyticsConfig): MiddlewareHandler<AppEnv> {
  const tagFor = analyticsTagFor(analytics);
  return async function analyticsRewriter(c, next) {
    await next();
    if (c.get("pageFinal") === true) return;
    const tag = tagFor(c.get("consent")?.grants);
    const res = c.res;
    if (tag === "" || !res.body || !res.headers.get("content-type")?.startsWith("text/html")) return;
    const page = new Uint8Array(await res.arrayBuffer());
    const bytes = withTagInHead(page, tag) ?? page;
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    replaceResponse(c, new Response(bytes, { status: res.status, statusText: res.statusText, headers }));
  };
}
