// Security headers on every response: a nonce-based CSP allowing exactly the analytics provider's origins, HSTS,
// nosniff, referrer and permissions policies, COOP. Hono's secureHeaders computes them once per configuration; each
// response then gets that list with only its own nonce spliced into the CSP.
import { Hono, type MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { providerOrigins } from "../analytics/providers.ts";
import type { AnalyticsConfig } from "../config/index.ts";
import { replaceResponse } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { generateNonce, NONCE_PLACEHOLDER, stampNonceText } from "./nonce.ts";

export const HSTS = "max-age=31536000; includeSubDomains";

/** Hono's secureHeaders for one analytics configuration: the single statement of the policy. */
function policyFor(config: AnalyticsConfig) {
  const origins = providerOrigins(config);
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // No 'unsafe-inline': inline scripts and styles run only with this response's nonce.
      scriptSrc: ["'self'", NONCE, ...origins.script],
      styleSrc: ["'self'", NONCE],
      // Article images may be https:// URLs (front matter `image.src`); analytics pixels come from the provider.
      imgSrc: ["'self'", "https:", ...origins.img],
      connectSrc: ["'self'", ...origins.connect],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: HSTS,
    xContentTypeOptions: true,
    // The referrer policy is the layout's <meta name="referrer"> (render/layout.tsx): the same policy for every page
    // and what it loads, and a Referrer-Policy header makes Lighthouse's navigation abort in headless Chromium.
    referrerPolicy: false,
    crossOriginOpenerPolicy: "same-origin",
    xFrameOptions: "DENY",
    // Only features browsers recognise (an unknown one costs a console warning on every page). The Privacy Sandbox
    // ad APIs (browsing-topics, attribution-reporting, join-ad-interest-group, run-ad-auction) are retired.
    permissionsPolicy: {
      accelerometer: [],
      autoplay: [],
      camera: [],
      displayCapture: [],
      geolocation: [],
      gyroscope: [],
      magnetometer: [],
      microphone: [],
      midi: [],
      payment: [],
      publickeyCredentialsGet: [],
      screenWakeLock: [],
      serial: [],
      usb: [],
      xrSpatialTracking: [],
    },
  });
}

/** The headers of one configuration: all fixed but the CSP, whose pieces are joined with the nonce. */
export type SecurityHeaderSet = { fixed: [string, string][]; cspPieces: string[] };

/** Runs Hono's middleware once, with the placeholder as the nonce, and keeps what it set. */
async function headerSetFor(config: AnalyticsConfig): Promise<SecurityHeaderSet> {
  const probe = new Hono<{ Variables: { secureHeadersNonce?: string } }>();
  probe.use(async (c, next) => {
    c.set("secureHeadersNonce", NONCE_PLACEHOLDER);
    await next();
  });
  probe.use(policyFor(config));
  probe.get("/", (c) => c.body(null));
  const res = await probe.request("/");
  const fixed: [string, string][] = [];
  let csp = "";
  for (const [name, value] of res.headers) {
    if (name === "content-security-policy") csp = value;
    else fixed.push([name, value]);
  }
  return { fixed, cspPieces: csp.split(NONCE_PLACEHOLDER) };
}

/** Each configuration's header set, worked out on its first request. */
const sets = new WeakMap<AnalyticsConfig, SecurityHeaderSet>();

async function headerSetOf(config: AnalyticsConfig): Promise<SecurityHeaderSet> {
  let set = sets.get(config);
  if (set === undefined) {
    set = await headerSetFor(config);
    sets.set(config, set);
  }
  return set;
}

/** The security headers for one analytics configuration (kept for tests that build a bare app). */
export function headersFor(config: AnalyticsConfig): MiddlewareHandler<AppEnv> {
  return securityHeaders(config);
}

/**
 * Writes one configuration's security headers, with `nonce` in the CSP, into `headers`, exactly as the middleware does
 * on a 200; false before the middleware has worked them out (its first request). The page store builds a stored
 * page's complete header list with it once, with the nonce placeholder, and splices in each response's nonce.
 */
export function securityHeadersWriter(config: AnalyticsConfig): (headers: Headers, nonce: string) => boolean {
  return (headers, nonce) => {
    const set = sets.get(config);
    if (set === undefined) return false;
    setHeaders(headers, set, nonce);
    return true;
  };
}

/**
 * Makes this response's nonce and puts it on the context (`secureHeadersNonce`) before anything else runs; on the way
 * out, writes it into HTML that the page store did not already finish, and sets the headers. A response the page store
 * finished completely (`responseComplete`: its header list was built with these headers) is left as it is.
 */
export function securityHeaders(config: AnalyticsConfig): MiddlewareHandler<AppEnv> {
  // Filled by the first request (Hono's middleware is async); requests never share an in-flight promise.
  let set: SecurityHeaderSet | null = null;
  return async function securityHeaders(c, next) {
    set ??= await headerSetOf(config);
    const nonce = generateNonce();
    c.set("secureHeadersNonce", nonce);
    await next();
    if (c.get("responseComplete") === true) return;
    let res = c.res;
    if (c.get("pageFinal") !== true && res.body !== null && res.headers.get("content-type")?.startsWith("text/html")) {
      const headers = new Headers(res.headers);
      headers.delete("content-length");
      res = new Response(stampNonceText(await res.text(), nonce), { status: res.status, statusText: res.statusText, headers });
    }
    try {
      setHeaders(res.headers, set, res.status === 304 ? null : nonce);
    } catch {
      // Headers straight from fetch() or the Cache API are immutable: only those need a copy.
      res = new Response(res.body, res);
      setHeaders(res.headers, set, res.status === 304 ? null : nonce);
    }
    if (res !== c.res) replaceResponse(c, res);
  };
}

function setHeaders(headers: Headers, set: SecurityHeaderSet, nonce: string | null) {
  for (const [name, value] of set.fixed) headers.set(name, value);
  // A 304 tells the browser to reuse its stored page, whose inline scripts and styles carry the nonce of the
  // response that delivered it. A 304's headers replace the stored ones (RFC 9111 §4.3.4), so a fresh CSP with a
  // new nonce would block them: leave the stored policy in force.
  if (nonce === null) headers.delete("content-security-policy");
  else headers.set("content-security-policy", set.cspPieces.join(nonce));
}
