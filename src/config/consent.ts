// Consent settings from `[vars]` and secrets: policy version, cookie lifetime, purposes, signing secret, cookie
// domain, jurisdiction table, GEO_OVERRIDE (development only), default language and banner wording.
import * as v from "valibot";
import { DEFAULT_JURISDICTIONS, type JurisdictionTable, type Place, parsePlaceCode, RULES } from "../consent/jurisdiction.ts";
import { isPurpose, normalizeGrants, type Purpose } from "../consent/purposes.ts";
import { isLanguage, LANGUAGES, type Language } from "../i18n/index.ts";
import { parseVars, wholeNumber } from "./vars.ts";

/** Thirteen months, the longest a consent choice may be kept (rounded down to whole days). */
export const MAX_CONSENT_AGE_DAYS = 395;
/** A signing secret shorter than this is refused: 32 characters of `openssl rand -base64 32` carry 192 bits. */
export const MIN_SECRET_LENGTH = 32;
/** A configured banner text longer than this would not fit a phone's screen share (docs/consent.md). */
export const MAX_BANNER_TEXT = 600;

export type ConsentConfig = {
  /** Stored choices made under another version count as no choice. */
  policyVersion: number;
  /** The consent cookie's Max-Age. */
  maxAgeSeconds: number;
  /** The purposes readers are asked about, in display order. */
  purposes: readonly Purpose[];
  /** HMAC secret for the consent cookie (`wrangler secret put CONSENT_SECRET`). */
  secret: string;
  /** Set to share consent across subdomains: the cookie then loses its `__Host-` prefix. */
  cookieDomain: string | null;
  /** Place code (`DE`, `US-CA`, `*`) → rule, defaults merged with `CONSENT_JURISDICTIONS`. */
  jurisdictions: JurisdictionTable;
  /** Development and tests only: the place every request is treated as coming from. */
  geoOverride: Place | null;
  /** The language of pages whose reader's Accept-Language names no shipped language. */
  defaultLanguage: Language;
  /** Per-language banner text replacing the default sentences. */
  bannerText: Partial<Record<Language, string>>;
};

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PLACE_KEY = /^(?:\*|[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$/;
const ENVIRONMENTS = ["development", "staging", "production"] as const;

export const ConsentVarsSchema = v.pipe(
  v.object({
    CONSENT_POLICY_VERSION: wholeNumber("must be a whole number from 1 to 999999"),
    CONSENT_MAX_AGE_DAYS: v.pipe(
      wholeNumber(`must be a whole number of days from 1 to ${MAX_CONSENT_AGE_DAYS}`),
      v.maxValue(MAX_CONSENT_AGE_DAYS, `must be at most ${MAX_CONSENT_AGE_DAYS} days (13 months)`),
    ),
    CONSENT_PURPOSES: v.pipe(
      v.optional(v.string(), "analytics"),
      v.transform((s) => s.split(",").map((p) => p.trim())),
      v.check((list) => list.length > 0 && list.every(isPurpose), "must be a comma-separated list of analytics, marketing"),
      v.transform((list) => normalizeGrants(list as Purpose[])),
    ),
    CONSENT_SECRET: v.pipe(
      v.string("must be set (wrangler secret put CONSENT_SECRET)"),
      v.minLength(1, "must be set (wrangler secret put CONSENT_SECRET)"),
      v.minLength(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`),
    ),
    CONSENT_COOKIE_DOMAIN: v.optional(v.pipe(v.string(), v.regex(HOSTNAME, "must be a domain name like example.com"))),
    CONSENT_JURISDICTIONS: v.optional(
      v.record(
        v.pipe(v.string(), v.regex(PLACE_KEY, "keys must be *, a country (DE) or a country-region (US-CA)")),
        v.picklist(RULES, `values must be one of ${RULES.join(", ")}`),
      ),
    ),
    GEO_OVERRIDE: v.optional(
      v.pipe(
        v.string(),
        v.check((s) => parsePlaceCode(s) !== null, "must be a country (DE) or country-region (US-CA) code"),
      ),
    ),
    ENVIRONMENT: v.optional(v.picklist(ENVIRONMENTS, "must be development, staging or production"), "production"),
    DEFAULT_LANGUAGE: v.optional(v.pipe(v.string(), v.check(isLanguage, `must be one of ${LANGUAGES.join(", ")}`)), "en"),
    CONSENT_BANNER_TEXT: v.optional(
      v.record(
        v.pipe(v.string(), v.check(isLanguage, `keys must be one of ${LANGUAGES.join(", ")}`)),
        v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(MAX_BANNER_TEXT)),
      ),
    ),
  }),
  v.forward(
    v.check(
      (vars) => vars.GEO_OVERRIDE === undefined || vars.ENVIRONMENT === "development",
      "is for local development and tests only and is refused in staging and production",
    ),
    ["GEO_OVERRIDE"],
  ),
  v.transform(
    (out): ConsentConfig => ({
      policyVersion: out.CONSENT_POLICY_VERSION,
      maxAgeSeconds: out.CONSENT_MAX_AGE_DAYS * 86_400,
      purposes: out.CONSENT_PURPOSES,
      secret: out.CONSENT_SECRET,
      cookieDomain: out.CONSENT_COOKIE_DOMAIN ?? null,
      jurisdictions: { ...DEFAULT_JURISDICTIONS, ...(out.CONSENT_JURISDICTIONS ?? {}) },
      geoOverride: out.GEO_OVERRIDE === undefined ? null : parsePlaceCode(out.GEO_OVERRIDE),
      defaultLanguage: out.DEFAULT_LANGUAGE as Language,
      bannerText: (out.CONSENT_BANNER_TEXT ?? {}) as Partial<Record<Language, string>>,
    }),
  ),
);

/** Reads and validates the consent variables alone; throws an Error naming each bad variable. */
export const parseConsentConfig = (vars: unknown): ConsentConfig => parseVars(ConsentVarsSchema, vars);
