// Consent middleware: decides consent (cookie, Sec-GPC, jurisdiction) and the page language before any route runs,
// and names the page variant the cache keys on.
import type { Context, MiddlewareHandler } from "hono";
import type { ConsentConfig } from "../config/index.ts";
import type { AppEnv } from "../env.ts";
import { type Language, languageFollowsContent, negotiateLanguage } from "../i18n/index.ts";
import { consentCookieName, readConsentCookie } from "./cookie.ts";
import { consentVariant, decideConsent } from "./decision.ts";
import { placeFromCf, ruleFor } from "./jurisdiction.ts";

/** The place the request comes from: GEO_OVERRIDE in development and tests, else Cloudflare's `cf` object. */
export function requestPlace(c: Context<AppEnv>, config: ConsentConfig) {
  return config.geoOverride ?? placeFromCf(c.req.raw.cf as { country?: unknown; regionCode?: unknown } | undefined);
}

/**
 * The cache's page variant: the consent variant, plus the negotiated language on pages whose language comes from
 * the reader (an article page's comes from its article, so all readers share one copy per consent variant).
 */
export function pageVariantFor(path: string, consent: Parameters<typeof consentVariant>[0], lang: Language): string {
  const variant = consentVariant(consent);
  return languageFollowsContent(path) ? variant : `${variant}.${lang}`;
}

/** Sets `c.var.consent`, `c.var.lang` and `c.var.pageVariant`. Never throws on request input: bad cookies are no choice. */
export function consent(config: ConsentConfig): MiddlewareHandler<AppEnv> {
  return async function consent(c, next) {
    const reading = await readConsentCookie(c.req.header("cookie"), consentCookieName(config.cookieDomain), config.secret);
    const decision = decideConsent({
      reading,
      secGpc: c.req.header("sec-gpc"),
      policyVersion: config.policyVersion,
      purposes: config.purposes,
      rule: ruleFor(config.jurisdictions, requestPlace(c, config)),
    });
    const lang = negotiateLanguage(c, config.defaultLanguage);
    c.set("consent", decision);
    c.set("lang", lang);
    c.set("pageVariant", pageVariantFor(c.req.path, decision, lang));
    await next();
  };
}
