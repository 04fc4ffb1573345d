import { describe, expect, it } from "vitest";
import { MAX_CONSENT_AGE_DAYS, parseConsentConfig } from "../../src/config/consent.ts";
import { CONSENT_COOKIE, consentCookieValue, consentSetCookie, readConsentCookie } from "../../src/consent/cookie.ts";
import { analyticsAllowed, decideConsent, pageVariant } from "../../src/consent/decision.ts";

const VERSION = 2;
const GIVEN = new Date("2026-11-30T12:00:00Z");
const GIVEN_SECONDS = GIVEN.getTime() / 1000;
const granted = `${CONSENT_COOKIE}=${consentCookieValue("granted", VERSION, GIVEN)}`;
const declined = `${CONSENT_COOKIE}=${consentCookieValue("declined", VERSION, GIVEN)}`;

const COOKIES = [
  ["no cookie", undefined, null],
  ["a granted cookie", granted, "granted"],
  ["a declined cookie", declined, "declined"],
  ["a malformed cookie", `${CONSENT_COOKIE}=yes-please`, null],
  ["an old-version cookie", `${CONSENT_COOKIE}=${consentCookieValue("granted", 1, GIVEN)}`, null],
] as const;

const GPC = [
  ["GPC on", "1"],
  ["GPC off", undefined],
] as const;

const CASES = COOKIES.flatMap(([cookieName, cookie, choice]) =>
  GPC.map(([gpcName, secGpc]) => ({ name: `${cookieName} and ${gpcName}`, cookie, secGpc, choice })),
);

describe("decideConsent", () => {
  it.each(CASES)("decides $name", ({ cookie, secGpc, choice }) => {
    const decision = decideConsent({ cookie, secGpc, policyVersion: VERSION });
    const gpc = secGpc === "1";
    expect(decision.choice).toBe(choice);
    expect(decision.gpc).toBe(gpc);
    expect(analyticsAllowed(decision)).toBe(choice === "granted");
    expect(pageVariant(decision)).toBe(choice !== null ? "decided" : gpc ? "ask-gpc" : "ask");
  });

  it("keeps when the stored choice was given", () => {
    expect(decideConsent({ cookie: granted, secGpc: null, policyVersion: VERSION }).givenAt).toEqual(GIVEN);
  });

  it("treats a cookie from a newer policy version than configured as no choice", () => {
    const newer = `${CONSENT_COOKIE}=${consentCookieValue("granted", VERSION + 1, GIVEN)}`;
    expect(decideConsent({ cookie: newer, secGpc: null, policyVersion: VERSION }).choice).toBeNull();
  });

  it("reads Sec-GPC values other than 1 as no signal", () => {
    for (const secGpc of ["0", "true", "", "11"]) {
      expect(decideConsent({ cookie: undefined, secGpc, policyVersion: VERSION }).gpc, secGpc).toBe(false);
    }
  });
});

describe("readConsentCookie", () => {
  it("finds the consent cookie among others", () => {
    expect(readConsentCookie(`a=1; ${granted}; b=2`)?.choice).toBe("granted");
  });

  it.each([
    ["garbage", `${CONSENT_COOKIE}=%%%;;==;`],
    ["a repeated cookie, even with equal values", `${granted}; ${granted}`],
    ["a repeated cookie with different values", `${granted}; ${declined}`],
    ["an oversized value", `${CONSENT_COOKIE}=g.1.${"1".repeat(5000)}`],
    ["percent-encoded garbage", `${CONSENT_COOKIE}=%E0%A4%A`],
    ["percent-encoded control characters", `${CONSENT_COOKIE}=g.2.1764504000%00`],
    ["an unknown choice letter", `${CONSENT_COOKIE}=x.2.1764504000`],
    ["a short timestamp", `${CONSENT_COOKIE}=g.2.17645`],
    ["trailing data", `${CONSENT_COOKIE}=g.2.1764504000.extra`],
    ["a JSON value", `${CONSENT_COOKIE}={"choice":"granted"}`],
    ["a cookie whose name only starts the same", `${CONSENT_COOKIE}x=g.2.1764504000`],
    ["an empty header", ""],
  ])("treats %s as no choice", (_name, header) => {
    expect(readConsentCookie(header)).toBeNull();
  });

  it("survives a huge header with thousands of cookies", () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}=${"v".repeat(20)}`).join("; ");
    expect(readConsentCookie(`${header}; ${declined}`)?.choice).toBe("declined");
  });
});

describe("consentSetCookie", () => {
  it("sets one tiny first-party cookie with HttpOnly, Secure, SameSite=Lax, Path=/ and the configured Max-Age", () => {
    const header = consentSetCookie("declined", VERSION, 182 * 86_400, GIVEN);
    expect(header).toBe(`${CONSENT_COOKIE}=d.2.${GIVEN_SECONDS}; Max-Age=15724800; Path=/; HttpOnly; Secure; SameSite=Lax`);
    expect(header.split(";")[0]?.length).toBe(25);
  });

  it("round-trips through the reader", () => {
    const value = consentSetCookie("granted", VERSION, 86_400, GIVEN).split(";")[0];
    expect(readConsentCookie(value)).toEqual({ choice: "granted", version: VERSION, givenAt: GIVEN });
  });
});

describe("parseConsentConfig", () => {
  it("reads the policy version and the lifetime in seconds", () => {
    expect(parseConsentConfig({ CONSENT_POLICY_VERSION: "3", CONSENT_MAX_AGE_DAYS: "182" })).toEqual({
      policyVersion: 3,
      maxAgeSeconds: 182 * 86_400,
    });
  });

  it(`accepts exactly ${MAX_CONSENT_AGE_DAYS} days, 13 months`, () => {
    expect(parseConsentConfig({ CONSENT_POLICY_VERSION: "1", CONSENT_MAX_AGE_DAYS: "395" }).maxAgeSeconds).toBe(395 * 86_400);
  });

  it.each([
    [
      "a lifetime over 13 months",
      { CONSENT_POLICY_VERSION: "1", CONSENT_MAX_AGE_DAYS: "396" },
      /CONSENT_MAX_AGE_DAYS: must be at most 395/,
    ],
    [
      "a lifetime of zero",
      { CONSENT_POLICY_VERSION: "1", CONSENT_MAX_AGE_DAYS: "0" },
      /CONSENT_MAX_AGE_DAYS: must be a whole number/,
    ],
    ["a fractional lifetime", { CONSENT_POLICY_VERSION: "1", CONSENT_MAX_AGE_DAYS: "1.5" }, /CONSENT_MAX_AGE_DAYS/],
    ["a missing version", { CONSENT_MAX_AGE_DAYS: "182" }, /CONSENT_POLICY_VERSION: must be set/],
    [
      "a non-numeric version",
      { CONSENT_POLICY_VERSION: "v2", CONSENT_MAX_AGE_DAYS: "182" },
      /CONSENT_POLICY_VERSION: must be a whole number/,
    ],
  ])("fails loudly on %s, naming the variable", (_name, vars, message) => {
    expect(() => parseConsentConfig(vars)).toThrow(message);
  });
});
