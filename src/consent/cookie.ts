// The one consent cookie: its name, value format, flags, and reading it back. Pure; Hono's cookie utilities do the
// parsing and serializing.
import { parse, serialize } from "hono/utils/cookie";
import * as v from "valibot";
import type { Choice } from "./decision.ts";

export const CONSENT_COOKIE = "ew_consent";

/** Longer values are never ours (the longest: a 6-digit policy version and a receipt id, 36): rejected before the format check. */
export const MAX_CONSENT_VALUE_LENGTH = 36;

export type StoredConsent = { choice: Choice; version: number; givenAt: Date; receiptId?: string };

const CHOICE_CODES = { g: "granted", d: "declined" } as const satisfies Record<string, Choice>;

/**
 * `<g|d>.<policy version>.<unix seconds when given>[.<receipt id>]`, e.g. `g.1.1764547200.q3Vd0Zk1Yx8TbN2a`. The
 * receipt id (src/receipts/receipt.ts) is absent only when no receipt was issued (the abuse bound).
 */
const ConsentValueSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_CONSENT_VALUE_LENGTH),
  v.regex(/^[gd]\.[1-9][0-9]{0,5}\.[0-9]{10}(\.[A-Za-z0-9_-]{16})?$/),
  v.transform((value): StoredConsent => {
    const [code, version, seconds, receiptId] = value.split(".") as ["g" | "d", string, string, string?];
    const stored = { choice: CHOICE_CODES[code], version: Number(version), givenAt: new Date(Number(seconds) * 1000) };
    return receiptId === undefined ? stored : { ...stored, receiptId };
  }),
);

/**
 * The stored choice in a Cookie header, or null when there is none we trust: absent, malformed, oversized, or
 * present more than once (two values cannot both be the reader's last choice).
 */
export function readConsentCookie(header: string | null | undefined): StoredConsent | null {
  if (!header) return null;
  // Each pair goes through Hono's parser on its own so a repeated name is seen rather than silently deduplicated.
  const values = header
    .split(";")
    .map((pair) => parse(pair, CONSENT_COOKIE)[CONSENT_COOKIE])
    .filter((value) => value !== undefined);
  if (values.length !== 1) return null;
  const result = v.safeParse(ConsentValueSchema, values[0]);
  return result.success ? result.output : null;
}

/** The cookie's value for a choice made now under the given policy version, with its receipt's id when it has one. */
export function consentCookieValue(choice: Choice, version: number, now: Date, receiptId?: string): string {
  const code = choice === "granted" ? "g" : "d";
  const value = `${code}.${version}.${Math.floor(now.getTime() / 1000)}`;
  return receiptId === undefined ? value : `${value}.${receiptId}`;
}

/** The `Set-Cookie` value storing a choice: first-party, HttpOnly, Secure, SameSite=Lax, whole site. */
export function consentSetCookie(choice: Choice, version: number, maxAgeSeconds: number, now: Date, receiptId?: string): string {
  return serialize(CONSENT_COOKIE, consentCookieValue(choice, version, now, receiptId), {
    path: "/",
    maxAge: maxAgeSeconds,
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
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
