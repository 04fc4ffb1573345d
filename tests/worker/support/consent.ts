// Test helper: consent cookies as the Worker signs them (with the tests' secret), and requests with `cf` set.
import { env, exports } from "cloudflare:workers";
import { HOST_COOKIE, type StoredConsent, signedConsentValue } from "../../../src/consent/cookie.ts";
import type { Grants } from "../../../src/consent/purposes.ts";
import { TEST_CONSENT_SECRET } from "../../../tools/test-secrets.ts";

export const ORIGIN = "http://example.com";
export const POLICY_VERSION = Number(env.CONSENT_POLICY_VERSION);

export type CookieOptions = Partial<Omit<StoredConsent, "grants">> & { secret?: string; name?: string };

/** `name=value` of a consent cookie for these grants, signed with the tests' secret unless told otherwise. */
export async function consentCookie(grants: Grants, options: CookieOptions = {}): Promise<string> {
  const { secret = TEST_CONSENT_SECRET, name = HOST_COOKIE, ...rest } = options;
  const stored: StoredConsent = { policyVersion: POLICY_VERSION, givenAt: new Date(), grants, ...rest };
  return `${name}=${await signedConsentValue(name, stored, secret)}`;
}

/** Where a request comes from, as Cloudflare's `cf` object says it. */
export type From = { country?: string; regionCode?: string };

/** A GET as a browser in `from` would send it. */
export function get(path: string, headers: Record<string, string> = {}, from?: From) {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { headers, redirect: "manual", ...(from ? { cf: from } : {}) } as RequestInit),
  );
}

/** A same-origin form post, as Chromium sends it; override any header to make it hostile. */
export function post(body: string | null, headers: Record<string, string> = {}, path = "/consent", from?: From) {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: ORIGIN,
        "sec-fetch-site": "same-origin",
        ...headers,
      },
      ...(from ? { cf: from } : {}),
    } as RequestInit),
  );
}

export const hasBanner = (html: string) => html.includes('class="consent-banner"');
