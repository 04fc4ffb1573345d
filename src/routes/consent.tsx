// Consent URLs: POST /consent stores a choice, GET /consent shows and changes it, /privacy, /.well-known/gpc.json.
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { isProviderCookie, providerCookies } from "../analytics/providers.ts";
import { CONSENT_COOKIE, consentSetCookie, cookieNames, expireCookie } from "../consent/cookie.ts";
import type { AppEnv } from "../env.ts";
import { CookieSettingsView, PrivacyView } from "../render/consent-pages.tsx";
import { readBodyLimited, sameOriginOnly } from "./body.ts";
import type { MethodTable } from "./methods.ts";
import { renderPage, renderStatus } from "./respond.tsx";
import { safeReturnPath } from "./return-path.ts";

/** A form with a choice and a return path is far below this; anything larger is not our form. */
export const MAX_CONSENT_BODY_BYTES = 2048;

export const CONSENT_METHODS: MethodTable = { "/consent": ["GET", "HEAD", "POST"] };

const PROVIDER_NAMES = {
  "first-party": "Edgewire's own page-view counter (no cookies, no identifiers)",
  ga4: "Google Analytics 4",
  hubspot: "HubSpot's tracking code",
  script: "a third-party analytics script",
  none: null,
} as const;

export const consentRoutes = new Hono<AppEnv>();

function problemPage(c: Context<AppEnv>, status: 400 | 403, heading: string, message: string) {
  c.header("Cache-Control", "no-store");
  return renderStatus(c, status, { heading, message });
}

consentRoutes.onError((err, c) => {
  if (err instanceof HTTPException && err.status === 403) {
    return problemPage(c, 403, "Request refused", "Your choice can only be sent from this site's own pages.");
  }
  throw err;
});

/** Domains an analytics cookie may have been set for: this host and its parent (GA4 picks the widest it can). */
function cookieDomains(hostname: string): string[] {
  if (!hostname.includes(".") || /^[0-9.]+$/.test(hostname) || hostname.includes(":")) return [];
  const labels = hostname.split(".");
  return labels.length > 2 ? [hostname, labels.slice(1).join(".")] : [hostname];
}

consentRoutes.post("/consent", sameOriginOnly(), async (c) => {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return problemPage(c, 400, "Choice not understood", "Please choose Accept or Decline with the buttons on the page.");
  }
  const body = await readBodyLimited(c.req.raw, MAX_CONSENT_BODY_BYTES);
  if (body === null)
    return problemPage(c, 400, "Request too large", "Please choose Accept or Decline with the buttons on the page.");
  const form = new URLSearchParams(body);
  const choices = form.getAll("choice");
  const choice = choices.length === 1 ? choices[0] : undefined;
  if (choice !== "granted" && choice !== "declined") {
    return problemPage(c, 400, "Choice not understood", "Please choose Accept or Decline with the buttons on the page.");
  }
  const { policyVersion, maxAgeSeconds } = c.var.config.consent;
  c.header("Set-Cookie", consentSetCookie(choice, policyVersion, maxAgeSeconds, new Date()), { append: true });
  if (choice === "declined") {
    // Withdrawal: expire the provider's cookies this browser actually sent, and nothing else.
    const config = c.var.config.analytics;
    const domains = cookieDomains(new URL(c.req.url).hostname);
    for (const name of cookieNames(c.req.header("cookie"))) {
      if (!isProviderCookie(config, name)) continue;
      for (const cookie of expireCookie(name, domains)) c.header("Set-Cookie", cookie, { append: true });
    }
  }
  c.header("Cache-Control", "no-store");
  return c.redirect(safeReturnPath(form.get("return")), 303);
});

consentRoutes.get("/consent", (c) => {
  // The page shows this reader's own choice, so no cache may keep it.
  c.header("Cache-Control", "private, no-store");
  return renderPage(c, <CookieSettingsView decision={c.get("consent")} returnPath="/consent" />, {
    title: `Cookie settings · ${c.var.config.site.name}`,
    path: "/consent",
    askConsent: false,
  });
});

consentRoutes.get("/privacy", (c) => {
  const config = c.var.config.analytics;
  const facts = {
    cookieName: CONSENT_COOKIE,
    maxAgeDays: Math.round(c.var.config.consent.maxAgeSeconds / 86_400),
    providerName: PROVIDER_NAMES[config.provider],
    providerCookies: providerCookies(config),
  };
  return renderPage(c, <PrivacyView facts={facts} />, { title: `Privacy policy · ${c.var.config.site.name}`, path: "/privacy" });
});

consentRoutes.get("/.well-known/gpc.json", (c) => c.json({ gpc: true, lastUpdate: "2026-11-30" }));
