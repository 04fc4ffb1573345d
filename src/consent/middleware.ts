// Consent middleware: decides consent (cookie, Sec-GPC, jurisdiction) and the page language before any route runs,
// and names the page variant the cache keys on. The page store's early hit (app.ts) decides the same way, without
// the middleware, for a reader whose cookie this isolate has already read.
import type { Context, MiddlewareHandler } from "hono";
import type { ConsentConfig } from "../config/index.ts";
import type { AppEnv } from "../env.ts";
import { type Language, languageFollowsContent, negotiateLanguage } from "../i18n/index.ts";
import { type CookieReading, consentCookieName, knownConsentCookie, readConsentCookie } from "./cookie.ts";
import { type ConsentDecision, consentVariant, decideConsent } from "./decision.ts";
import { placeFromCf, ruleFor } from "./jurisdiction.ts";

/** The place the request comes from: GEO_OVERRIDE in development and tests, else Cloudflare's `cf` object. */
export function requestPlace(c: Context<AppEnv>, config: ConsentConfig) {
  return placeOf(c.req.raw, config);
}

function placeOf(request: Request, config: ConsentConfig) {
  return config.geoOverride ?? placeFromCf(request.cf as { country?: unknown; regionCode?: unknown } | undefined);
}

/**
 * The cache's page variant: the consent variant, plus the negotiated language on pages whose language comes from
 * the reader (an article page's comes from its article, so all readers share one copy per consent variant).
 */
export function pageVariantFor(path: string, consent: Parameters<typeof consentVariant>[0], lang: Language): string {
  const variant = consentVariant(consent);
  return languageFollowsContent(path) ? variant : `${variant}.${lang}`;
}

/** What the consent layer decides for one request: the decision, the page language, the page variant. */
export type ReaderConsent = { decision: ConsentDecision; lang: Language; variant: string };

/** The decision for a request whose cookie has been read (`reading`): the one statement of it. */
function decide(request: Request, path: string, config: ConsentConfig, reading: CookieReading): ReaderConsent {
  const decision = decideConsent({
    reading,
    secGpc: request.headers.get("sec-gpc"),
    policyVersion: config.policyVersion,
    purposes: config.purposes,
    rule: ruleFor(config.jurisdictions, placeOf(request, config)),
  });
  const lang = negotiateLanguage(request.headers.get("accept-language"), config.defaultLanguage);
  return { decision, lang, variant: pageVariantFor(path, decision, lang) };
}

/**
 * The same decision without awaiting anything, or null when the reader's cookie is new to this isolate (reading it
 * may need an HMAC, which is async): the early hit then leaves the request to the middleware.
 */
export function knownReaderConsent(request: Request, path: string, config: ConsentConfig): ReaderConsent | null {
  const reading = knownConsentCookie(request.headers.get("cookie"), consentCookieName(config.cookieDomain), config.secret);
  return reading === undefined ? null : decide(request, path, config, reading);
}

/** Sets `c.var.consent`, `c.var.lang` and `c.var.pageVariant`. Never throws on request input: bad cookies are no choice. */
export function consent(config: ConsentConfig): MiddlewareHandler<AppEnv> {
  const name = consentCookieName(config.cookieDomain);
  return async function consent(c, next) {
    const reading = await readConsentCookie(c.req.header("cookie"), name, config.secret);
    const { decision, lang, variant } = decide(c.req.raw, c.req.path, config, reading);
    c.set("consent", decision);
    c.set("lang", lang);
    c.set("pageVariant", variant);
    await next();
  };
}
