// The one consent cookie: its name, its versioned compact payload, the HMAC that makes it ours, its flags, and
// reading it back. Hono's cookie utilities parse and serialize; Web Crypto signs.
import { timingSafeEqual } from "hono/utils/buffer";
import { parse, serialize } from "hono/utils/cookie";
import { encodeBase64Url } from "hono/utils/encode";
import * as v from "valibot";
import { decodeGrants, encodeGrants, type Grants } from "./purposes.ts";

/** Host-only and unforgeable by sibling subdomains; used unless an operator sets a cookie domain. */
export const HOST_COOKIE = "__Host-ew_consent";
/** The name when CONSENT_COOKIE_DOMAIN shares consent across subdomains (`__Host-` forbids a Domain). */
export const DOMAIN_COOKIE = "ew_consent";

export function consentCookieName(cookieDomain: string | null): string {
  return cookieDomain === null ? HOST_COOKIE : DOMAIN_COOKIE;
}

/** Longer values are never ours: they are rejected before the format check. */
export const MAX_CONSENT_VALUE_LENGTH = 96;
/** The payload format this code writes; the first field of every value. */
export const PAYLOAD_FORMAT = 1;
/** Bytes of HMAC-SHA256 kept: 128 bits, 22 base64url characters. */
const TAG_BYTES = 16;

export type StoredConsent = {
  policyVersion: number;
  grants: Grants;
  givenAt: Date;
  /** The consent receipt for this choice (issue 15), when one was issued: URL-safe, at least 96 random bits. */
  receiptId?: string;
};

/** What the header holds: no cookie of ours, or one whose payload parses and whose signature may or may not verify. */
export type CookieReading = { stored: StoredConsent; signatureValid: boolean } | null;

const RECEIPT_ID = /^[A-Za-z0-9_-]{16,43}$/;

/**
 * `<format>.<policy version>.<grants>.<unix seconds>[.<receipt id>].<tag>`, e.g. `1.1.am.1796082680.<22 chars>`;
 * grants are purpose letters (`a` analytics, `m` marketing) or `-` for none.
 */
const ConsentValueSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_CONSENT_VALUE_LENGTH),
  v.regex(/^1\.[1-9][0-9]{0,5}\.[a-z-]{1,8}\.[0-9]{10}(?:\.[A-Za-z0-9_-]{16,43})?\.[A-Za-z0-9_-]{22}$/),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const fields = dataset.value.split(".");
    const tag = fields.pop() as string;
    const [, version, code, seconds, receiptId] = fields as [string, string, string, string, string | undefined];
    const grants = decodeGrants(code);
    if (grants === null) {
      addIssue({ message: "unknown grants" });
      return NEVER;
    }
    const stored: StoredConsent = { policyVersion: Number(version), grants, givenAt: new Date(Number(seconds) * 1000) };
    if (receiptId !== undefined) stored.receiptId = receiptId;
    return { stored, payload: fields.join("."), tag };
  }),
);

/** The payload of a choice, without its tag. */
export function consentPayload(stored: StoredConsent): string {
  const fields = [PAYLOAD_FORMAT, stored.policyVersion, encodeGrants(stored.grants), Math.floor(stored.givenAt.getTime() / 1000)];
  if (stored.receiptId !== undefined) {
    if (!RECEIPT_ID.test(stored.receiptId)) throw new Error("receipt id must be 16 to 43 URL-safe characters");
    fields.push(stored.receiptId);
  }
  return fields.join(".");
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/** The tag over the cookie's name and payload, so a value cannot be moved to another cookie name either. */
async function tagFor(name: string, payload: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(`${name}=${payload}`));
  // Hono's encoder pads; 16 bytes always end in "==", which only cost cookie bytes (and percent-encoding).
  return encodeBase64Url(mac.slice(0, TAG_BYTES)).replace(/=+$/, "");
}

/** The signed cookie value for a choice. */
export async function signedConsentValue(name: string, stored: StoredConsent, secret: string): Promise<string> {
  const payload = consentPayload(stored);
  return `${payload}.${await tagFor(name, payload, secret)}`;
}

/**
 * The consent cookie in a Cookie header, parsed, with whether its signature verifies; null when there is none we
 * can read: absent, malformed, oversized, or present more than once (two values cannot both be the last choice).
 */
export async function readConsentCookie(header: string | null | undefined, name: string, secret: string): Promise<CookieReading> {
  const value = consentCookieValue(header, name);
  if (value === null) return null;
  const known = recalled(secret, name, value);
  if (known !== undefined) return known;
  const result = v.safeParse(ConsentValueSchema, value);
  const reading = result.success
    ? {
        stored: result.output.stored,
        signatureValid: await timingSafeEqual(result.output.tag, await tagFor(name, result.output.payload, secret)),
      }
    : null;
  // Longer values are never ours and cost nothing to reject, so they are not remembered (bounded memory).
  if (value.length <= MAX_CONSENT_VALUE_LENGTH) remember(secret, name, value, reading);
  return reading;
}

/**
 * The reading of this header that this isolate already made (readConsentCookie), without awaiting anything; undefined
 * when the value is new here. The page store's early hit (app.ts) uses it: a returning reader costs no parse, no HMAC.
 */
export function knownConsentCookie(header: string | null | undefined, name: string, secret: string): CookieReading | undefined {
  const value = consentCookieValue(header, name);
  return value === null ? null : recalled(secret, name, value);
}

/** Our cookie's one value in a Cookie header, or null (none, or more than one: a repeated name is never guessed at). */
function consentCookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  // Each pair goes through Hono's parser on its own so a repeated name is seen rather than silently deduplicated.
  let found: string | null = null;
  for (const pair of header.split(";")) {
    const value = parse(pair, name)[name];
    if (value === undefined) continue;
    if (found !== null) return null;
    found = value;
  }
  return found;
}

/**
 * Readings are remembered per value (`name=value`) and secret for this isolate: a returning reader's cookie is parsed
 * and checked once, not on every page. A reading depends only on name, value and secret, so a remembered one is
 * exact; the memory is cleared when full, so a flood of forged values costs only re-checks.
 */
function remember(secret: string, name: string, value: string, reading: CookieReading) {
  let known = readings.get(secret);
  if (known === undefined) {
    known = new Map();
    readings.set(secret, known);
  }
  if (known.size >= MAX_READINGS) known.clear();
  known.set(`${name}=${value}`, reading);
}

/** The remembered reading of `name=value` under `secret`, or undefined. */
const recalled = (secret: string, name: string, value: string) => readings.get(secret)?.get(`${name}=${value}`);
const MAX_READINGS = 4096;
const readings = new Map<string, Map<string, CookieReading>>();

export type CookieScope = { name: string; domain: string | null; maxAgeSeconds: number };

/** The `Set-Cookie` value storing a signed choice: first-party, HttpOnly, Secure, SameSite=Lax, whole site. */
export async function consentSetCookie(scope: CookieScope, stored: StoredConsent, secret: string): Promise<string> {
  return serialize(scope.name, await signedConsentValue(scope.name, stored, secret), {
    path: "/",
    maxAge: scope.maxAgeSeconds,
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    // Hono's serializer refuses a `__Host-` name with a Domain, so the two settings cannot be mixed up.
    ...(scope.domain === null ? {} : { domain: scope.domain }),
  });
}

/** `Set-Cookie` values expiring a cookie, host-only and for each given domain (analytics cookies often set one). */
export function expireCookie(name: string, domains: readonly string[] = []): string[] {
  const base = { path: "/", maxAge: 0, secure: true, sameSite: "Lax" } as const;
  return [serialize(name, "", base), ...domains.map((domain) => serialize(name, "", { ...base, domain }))];
}

/** Names of the cookies in a Cookie header (through Hono's parser), for finding a provider's cookies to expire. */
export function cookieNames(header: string | null | undefined): string[] {
  return header ? Object.keys(parse(header)) : [];
}
