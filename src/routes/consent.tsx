// Consent URLs: POST /consent stores a choice, GET /consent shows and changes it per purpose, /privacy,
// /.well-known/gpc.json.
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { cookieWithdrawn, providerCookies, providerPurposes } from "../analytics/providers.ts";
import type { AnalyticsConfig, ConsentConfig } from "../config/index.ts";
import {
  consentCookieName,
  consentSetCookie,
  cookieNames,
  DOMAIN_COOKIE,
  expireCookie,
  HOST_COOKIE,
  type StoredConsent,
} from "../consent/cookie.ts";
import { ruleMatch } from "../consent/jurisdiction.ts";
import { requestPlace } from "../consent/middleware.ts";
import { type Grants, isPurpose, normalizeGrants, type Purpose } from "../consent/purposes.ts";
import type { AppEnv } from "../env.ts";
import { isLanguage, type Messages } from "../i18n/index.ts";
import { issueReceipt, receiptLimitKey } from "../receipts/producer.ts";
import { type ChoiceFacts, CONSENT_FORMS, type ConsentForm } from "../receipts/receipt.ts";
import { ConsentSettingsView, type CookieFacts, PrivacyView, type ProviderFacts } from "../render/consent-pages.tsx";
import { formOnly, readBodyLimited, sameOriginOnly } from "./body.ts";
import type { MethodTable } from "./methods.ts";
import { messagesFor, renderPage, renderStatus } from "./respond.tsx";
import { safeReturnPath } from "./return-path.ts";

/** A form with a choice, two purposes and a return path is far below this; anything larger is not our form. */
export const MAX_CONSENT_BODY_BYTES = 2048;

export const CONSENT_METHODS: MethodTable = { "/consent": ["GET", "HEAD", "POST"] };

export const consentRoutes = new Hono<AppEnv>();

function problemPage(c: Context<AppEnv>, status: 400 | 403 | 415, pick: (t: Messages) => [string, string]) {
  const [heading, message] = pick(messagesFor(c));
  c.header("Cache-Control", "no-store");
  return renderStatus(c, status, { heading, message });
}

consentRoutes.onError((err, c) => {
  if (err instanceof HTTPException && err.status === 403) {
    return problemPage(c, 403, (t) => [t.requestRefused, t.requestRefusedText]);
  }
  if (err instanceof HTTPException && err.status === 415) {
    return problemPage(c, 415, (t) => [t.unsupportedForm, t.unsupportedFormText]);
  }
  throw err;
});

/** Domains an analytics cookie may have been set for: this host and its parent (GA4 picks the widest it can). */
function cookieDomains(hostname: string): string[] {
  if (!hostname.includes(".") || /^[0-9.]+$/.test(hostname) || hostname.includes(":")) return [];
  const labels = hostname.split(".");
  return labels.length > 2 ? [hostname, labels.slice(1).join(".")] : [hostname];
}

/**
 * The grants a submitted form asks for, or null when it is not our form: exactly one `choice` (`all`, `none`, or
 * `custom` with the ticked `purpose` boxes, each a configured purpose). `granted`/`declined` are what pages rendered
 * before purposes existed still send, and mean all and none.
 */
export function grantsFromForm(form: URLSearchParams, purposes: readonly Purpose[]): Grants | null {
  const choices = form.getAll("choice");
  if (choices.length !== 1) return null;
  switch (choices[0]) {
    case "all":
    case "granted":
      return normalizeGrants(purposes);
    case "none":
    case "declined":
      return [];
    case "custom": {
      const ticked = form.getAll("purpose");
      if (!ticked.every((p) => isPurpose(p) && purposes.includes(p))) return null;
      return normalizeGrants(ticked as Purpose[]);
    }
    default:
      return null;
  }
}

/** Expires, host-only and for the host's domains, every cookie this browser sent that the new grants withdraw. */
function expireWithdrawnCookies(c: Context<AppEnv>, analytics: AnalyticsConfig, config: ConsentConfig, grants: Grants) {
  const domains = cookieDomains(new URL(c.req.url).hostname);
  for (const name of cookieNames(c.req.header("cookie"))) {
    // A consent cookie from before signing, under the old name, is dead weight: it goes too.
    const legacy = name === DOMAIN_COOKIE && consentCookieName(config.cookieDomain) === HOST_COOKIE;
    if (!legacy && !cookieWithdrawn(analytics, name, grants)) continue;
    for (const cookie of expireCookie(name, domains)) c.header("Set-Cookie", cookie, { append: true });
  }
}

/** The form a choice came from, as the receipt names it: `unknown` when the post did not say (an old page, or not ours). */
function formOf(value: string | null): ConsentForm {
  return (CONSENT_FORMS as readonly string[]).includes(value ?? "") ? (value as ConsentForm) : "unknown";
}

/**
 * What this choice's receipt records (docs/consent-records.md): the purposes granted and refused among those asked
 * about, the jurisdiction entry and rule the banner followed, the country, GPC, the language the form was shown in
 * (its hidden `lang`, else the negotiated one) and which form was used.
 */
export function choiceFacts(c: Context<AppEnv>, grants: Grants, form: URLSearchParams): ChoiceFacts {
  const config = c.var.config.consent;
  const place = requestPlace(c, config);
  const { entry, rule } = ruleMatch(config.jurisdictions, place);
  const shown = form.get("lang") ?? "";
  return {
    policyVersion: config.policyVersion,
    granted: grants,
    refused: config.purposes.filter((p) => !grants.includes(p)),
    // The table entry that decided the rule: `US-CA`, `DE`, or `default` for the `*` row.
    jurisdiction: entry === "*" ? "default" : entry,
    rule,
    country: place.country,
    gpc: c.get("consent").gpc,
    language: isLanguage(shown) ? shown : c.get("lang"),
    form: formOf(form.get("form")),
  };
}

/**
 * The one place a choice is stored: its consent receipt is issued (to the queue; the response never waits on D1),
 * the signed consent cookie carrying the receipt's id is set, and the cookies of providers that lost a purpose are
 * expired. Over the abuse bound the choice is still stored, without a receipt.
 */
export async function storeChoice(
  c: Context<AppEnv>,
  grants: Grants,
  form: URLSearchParams,
  now = new Date(),
): Promise<StoredConsent> {
  const config = c.var.config.consent;
  const receipt = await issueReceipt(c.env, c.executionCtx, choiceFacts(c, grants, form), receiptLimitKey(c.req.raw.cf), now);
  const stored: StoredConsent = { policyVersion: config.policyVersion, grants, givenAt: now };
  if (receipt !== null) stored.receiptId = receipt.id;
  const scope = {
    name: consentCookieName(config.cookieDomain),
    domain: config.cookieDomain,
    maxAgeSeconds: config.maxAgeSeconds,
  };
  c.header("Set-Cookie", await consentSetCookie(scope, stored, config.secret), { append: true });
  expireWithdrawnCookies(c, c.var.config.analytics, config, grants);
  return stored;
}

consentRoutes.post("/consent", formOnly(), sameOriginOnly(), async (c) => {
  const notUnderstood = (t: Messages): [string, string] => [t.choiceNotUnderstood, t.choiceNotUnderstoodText];
  const body = await readBodyLimited(c.req.raw, MAX_CONSENT_BODY_BYTES);
  if (body === null) return problemPage(c, 400, (t) => [t.requestTooLarge, t.choiceNotUnderstoodText]);
  const form = new URLSearchParams(body);
  const grants = grantsFromForm(form, c.var.config.consent.purposes);
  if (grants === null) return problemPage(c, 400, notUnderstood);
  await storeChoice(c, grants, form);
  c.header("Cache-Control", "no-store");
  return c.redirect(safeReturnPath(form.get("return")), 303);
});

/** What the privacy page and the consent form say about purposes, providers and cookies, in the reader's language. */
function cookieFacts(c: Context<AppEnv>, t: Messages): CookieFacts {
  const config = c.var.config.consent;
  const analytics = c.var.config.analytics;
  const names: Record<AnalyticsConfig["provider"], string | null> = {
    "first-party": t.providerFirstParty(c.var.config.site.name),
    ga4: t.providerGa4,
    hubspot: t.providerHubspot,
    script: t.providerScript,
    none: null,
  };
  const name = names[analytics.provider];
  const { required, optional } = providerPurposes(analytics);
  const providers: ProviderFacts[] =
    name === null
      ? []
      : [
          {
            name,
            purposes: normalizeGrants([...required, ...optional].filter((p) => config.purposes.includes(p))),
            cookies: providerCookies(analytics).filter((cookie) => config.purposes.includes(cookie.purpose)),
          },
        ];
  return {
    cookieName: consentCookieName(config.cookieDomain),
    maxAgeDays: Math.round(config.maxAgeSeconds / 86_400),
    receiptDays: c.var.config.receipts.retentionDays,
    purposes: config.purposes,
    providers,
  };
}

consentRoutes.get("/consent", (c) => {
  const t = messagesFor(c);
  const decision = c.get("consent");
  const returnPath = c.req.query("return") === undefined ? "/consent" : safeReturnPath(c.req.query("return"));
  // The page shows this reader's own choice, so no cache may keep it.
  c.header("Cache-Control", "private, no-store");
  return renderPage(c, <ConsentSettingsView decision={decision} returnPath={returnPath} facts={cookieFacts(c, t)} />, {
    title: `${decision.rule === "opt-out" ? t.choicesTitle : t.settingsTitle} · ${c.var.config.site.name}`,
    path: "/consent",
    askConsent: false,
  });
});

consentRoutes.get("/privacy", (c) => {
  const t = messagesFor(c);
  return renderPage(c, <PrivacyView facts={cookieFacts(c, t)} />, {
    title: `${t.privacyTitle} · ${c.var.config.site.name}`,
    path: "/privacy",
  });
});

consentRoutes.get("/.well-known/gpc.json", (c) => c.json({ gpc: true, lastUpdate: "2026-12-01" }));
