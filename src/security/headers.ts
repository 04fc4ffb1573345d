// Security headers on every response: a nonce-based CSP allowing exactly the analytics provider's origins, HSTS,
// nosniff, referrer and permissions policies, COOP. Built on Hono's secureHeaders.
import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { providerOrigins } from "../analytics/providers.ts";
import type { AnalyticsConfig } from "../config/index.ts";
import { replaceResponse } from "../context.ts";
import type { AppEnv } from "../env.ts";

export const HSTS = "max-age=31536000; includeSubDomains";

/** The secureHeaders middleware for one analytics configuration. */
export function headersFor(config: AnalyticsConfig): MiddlewareHandler<AppEnv> {
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
    referrerPolicy: "strict-origin-when-cross-origin",
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
  }) as MiddlewareHandler<AppEnv>;
}

/** Adds the headers to every response; the nonce is on the context (`secureHeadersNonce`) before routes run. */
export function securityHeaders(analytics: AnalyticsConfig): MiddlewareHandler<AppEnv> {
  const middleware = headersFor(analytics);
  return async function securityHeaders(c, next) {
    await middleware(c, next);
    // A 304 tells the browser to reuse its stored page, whose inline scripts and styles carry the nonce of the
    // response that delivered it. A 304's headers replace the stored ones (RFC 9111 §4.3.4), so a fresh CSP with a
    // new nonce would block them: leave the stored policy in force.
    if (c.res.status === 304) {
      const res = new Response(null, c.res);
      res.headers.delete("content-security-policy");
      replaceResponse(c, res);
    }
  };
}
