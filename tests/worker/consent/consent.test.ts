import { describe, expect, it } from "vitest";
import { MAX_CONSENT_AGE_DAYS, parseConsentConfig } from "../../../src/config/consent.ts";
import {
  consentPayload,
  consentSetCookie,
  DOMAIN_COOKIE,
  HOST_COOKIE,
  knownConsentCookie,
  readConsentCookie,
  type StoredConsent,
  signedConsentValue,
} from "../../../src/consent/cookie.ts";
import { consentVariant, decideConsent } from "../../../src/consent/decision.ts";
import { DEFAULT_JURISDICTIONS, placeFromCf, type Rule, ruleFor } from "../../../src/consent/jurisdiction.ts";
import { decodeGrants, encodeGrants, type Grants, type Purpose } from "../../../src/consent/purposes.ts";

const VERSION = 2;
const SECRET = "unit-test-secret-0123456789abcdefghij";
const OTHER_SECRET = "someone-elses-secret-0123456789abcdef";
const GIVEN = new Date("2026-11-30T12:00:00Z");

const cookie = async (grants: Grants, { version = VERSION, secret = SECRET, name = HOST_COOKIE } = {}) =>
  `${name}=${await signedConsentValue(name, { policyVersion: version, grants, givenAt: GIVEN }, secret)}`;
const read = (header: string | undefined) => readConsentCookie(header, HOST_COOKIE, SECRET);

// The decision as a table: jurisdiction × configured purposes × stored purposes × GPC × policy version × signature.
const RULES: Rule[] = ["opt-in", "opt-out"];
const CONFIGURED: Purpose[][] = [["analytics"], ["analytics", "marketing"]];
const STORED: (Grants | null)[] = [null, [], ["analytics"], ["marketing"], ["analytics", "marketing"]];
const GPC = [false, true];
type Row = { rule: Rule; configured: Purpose[]; stored: Grants | null; gpc: boolean; current: boolean; signed: boolean };
const ROWS: Row[] = RULES.flatMap((rule) =>
  CONFIGURED.flatMap((configured) =>
    GPC.flatMap((gpc) =>
      STORED.flatMap((stored) =>
        // Without a cookie there is no version and no signature to vary.
        (stored === null
          ? [[true, true]]
          : [
              [true, true],
              [true, false],
              [false, true],
              [false, false],
            ]
        ).map(([current, signed]) => ({ rule, configured, stored, gpc, current, signed }) as Row),
      ),
    ),
  ),
);

/** The rules of docs/consent.md, row by row. */
function expected(row: Row): { decided: boolean; grants: Grants; variant: string } {
  const trusted = row.stored !== null && row.current && row.signed;
  let grants: Purpose[] = trusted
    ? row.configured.filter((p) => row.stored?.includes(p))
    : row.rule === "opt-out"
      ? row.configured
      : [];
  // GPC opts out of marketing wherever the opt-out rule applies; under opt-in an explicit choice wins over it.
  if (row.rule === "opt-out" && row.gpc) grants = grants.filter((p) => p !== "marketing");
  const variant =
    row.rule === "opt-out" ? (row.gpc ? "optout-gpc" : "optout") : trusted ? "decided" : row.gpc ? "ask-gpc" : "ask";
  return { decided: trusted, grants, variant };
}

const label = (r: Row) =>
  `${r.rule}, purposes ${r.configured.join("+")}, cookie ${r.stored === null ? "none" : `${encodeGrants(r.stored)} ${r.current ? "current" : "old"} ${r.signed ? "signed" : "forged"}`}, GPC ${r.gpc ? "on" : "off"}`;

describe("decideConsent, exhaustively", () => {
  it(`has ${ROWS.length} rows`, () => {
    expect(ROWS).toHaveLength(136);
  });

  it.each(ROWS.map((row) => [label(row), row] as const))("%s", async (_label, row) => {
    const header =
      row.stored === null
        ? undefined
        : await cookie(row.stored, { version: row.current ? VERSION : VERSION - 1, secret: row.signed ? SECRET : OTHER_SECRET });
    const decision = decideConsent({
      reading: await read(header),
      secGpc: row.gpc ? "1" : undefined,
      policyVersion: VERSION,
      purposes: row.configured,
      rule: row.rule,
    });
    const want = expected(row);
    expect({ decided: decision.decided, grants: decision.grants, variant: consentVariant(decision) }).toEqual(want);
    expect(decision.gpc).toBe(row.gpc);
  });
});

describe("decideConsent", () => {
  const decide = async (header: string | undefined, secGpc?: string) =>
    decideConsent({ reading: await read(header), secGpc, policyVersion: VERSION, purposes: ["analytics"], rule: "opt-in" });

  it("keeps when the stored choice was given and its receipt id", async () => {
    const name = HOST_COOKIE;
    const value = await signedConsentValue(
      name,
      { policyVersion: VERSION, grants: ["analytics"], givenAt: GIVEN, receiptId: "AbCdEfGhIjKlMnOp" },
      SECRET,
    );
    const decision = await decide(`${name}=${value}`);
    expect(decision.givenAt).toEqual(GIVEN);
    expect(decision.receiptId).toBe("AbCdEfGhIjKlMnOp");
  });

  it("treats a cookie from a newer policy version than configured as no choice", async () => {
    expect((await decide(await cookie(["analytics"], { version: VERSION + 1 }))).decided).toBe(false);
  });

  it("reads Sec-GPC values other than 1 as no signal", async () => {
    for (const secGpc of ["0", "true", "", "11"]) expect((await decide(undefined, secGpc)).gpc, secGpc).toBe(false);
  });
});

describe("readConsentCookie", () => {
  it("finds the consent cookie among others, and verifies it", async () => {
    expect(await read(`a=1; ${await cookie(["analytics"])}; b=2`)).toEqual({
      stored: { policyVersion: VERSION, grants: ["analytics"], givenAt: GIVEN },
      signatureValid: true,
    });
  });

  it("says an edited value's signature is not valid", async () => {
    const header = (await cookie([])).replace(`.${VERSION}.-.`, `.${VERSION}.am.`);
    expect((await read(header))?.signatureValid).toBe(false);
  });

  it("gives the same verdict when a value is read again (the isolate remembers verdicts), and per secret", async () => {
    const good = await cookie(["analytics"]);
    const forged = (await cookie([])).replace(`.${VERSION}.-.`, `.${VERSION}.am.`);
    for (let i = 0; i < 3; i++) {
      expect((await read(good))?.signatureValid).toBe(true);
      expect((await read(forged))?.signatureValid).toBe(false);
    }
    // The same value under another secret is forged there, even right after it verified under this one.
    expect((await readConsentCookie(good, HOST_COOKIE, `${SECRET}-rotated`))?.signatureValid).toBe(false);
  });

  it("knows, without awaiting, only the readings it has made: a new value is unknown until it is read", async () => {
    // A policy version no other test signs, so no other test has read this value in this isolate.
    const good = await cookie(["analytics"], { version: 77 });
    const header = `theme=dark; ${good}; other=1`;
    expect(knownConsentCookie(header, HOST_COOKIE, SECRET)).toBeUndefined();
    const reading = await readConsentCookie(header, HOST_COOKIE, SECRET);
    expect(reading?.signatureValid).toBe(true);
    expect(knownConsentCookie(header, HOST_COOKIE, SECRET)).toEqual(reading);
    // The reading is the value's, wherever it sits in the header, and per secret.
    expect(knownConsentCookie(good, HOST_COOKIE, SECRET)).toEqual(reading);
    expect(knownConsentCookie(good, HOST_COOKIE, `${SECRET}-other`)).toBeUndefined();
    // No cookie, or ours twice, is known at once: no choice.
    expect(knownConsentCookie(undefined, HOST_COOKIE, SECRET)).toBeNull();
    expect(knownConsentCookie(`${good}; ${good}`, HOST_COOKIE, SECRET)).toBeNull();
  });

  it("says a value signed for the other cookie name is not valid here (no moving values between names)", async () => {
    const moved = (await cookie(["analytics"], { name: DOMAIN_COOKIE })).replace(DOMAIN_COOKIE, HOST_COOKIE);
    expect((await read(moved))?.signatureValid).toBe(false);
  });

  it("ignores the unsigned cookie of the previous release (ew_consent=g.1.<seconds>)", async () => {
    expect(await read(`ew_consent=g.1.1796082680`)).toBeNull();
    expect(await readConsentCookie("ew_consent=g.1.1796082680", DOMAIN_COOKIE, SECRET)).toBeNull();
  });

  it.each([
    ["garbage", `${HOST_COOKIE}=%%%;;==;`],
    ["an oversized value", `${HOST_COOKIE}=1.2.a.${"1".repeat(5000)}`],
    ["percent-encoded garbage", `${HOST_COOKIE}=%E0%A4%A`],
    ["an unknown purpose letter", `${HOST_COOKIE}=1.2.x.1764504000.AAAAAAAAAAAAAAAAAAAAAA`],
    ["grants out of order", `${HOST_COOKIE}=1.2.ma.1764504000.AAAAAAAAAAAAAAAAAAAAAA`],
    ["an unknown payload format", `${HOST_COOKIE}=2.2.a.1764504000.AAAAAAAAAAAAAAAAAAAAAA`],
    ["a short timestamp", `${HOST_COOKIE}=1.2.a.17645.AAAAAAAAAAAAAAAAAAAAAA`],
    ["no signature", `${HOST_COOKIE}=1.2.a.1764504000`],
    ["a JSON value", `${HOST_COOKIE}={"grants":"am"}`],
    ["a cookie whose name only starts the same", `${HOST_COOKIE}x=1.2.a.1764504000.AAAAAAAAAAAAAAAAAAAAAA`],
    ["an empty header", ""],
  ])("treats %s as no cookie", async (_name, header) => {
    expect(await read(header)).toBeNull();
  });

  it("treats a repeated cookie as no cookie, even when both copies are validly signed", async () => {
    expect(await read(`${await cookie(["analytics"])}; ${await cookie([])}`)).toBeNull();
  });

  it("survives a huge header with thousands of cookies", async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}=${"v".repeat(20)}`).join("; ");
    expect((await read(`${header}; ${await cookie([])}`))?.stored.grants).toEqual([]);
  });
});

describe("consentSetCookie", () => {
  const stored: StoredConsent = { policyVersion: VERSION, grants: ["analytics", "marketing"], givenAt: GIVEN };

  it("sets one small signed __Host- cookie with HttpOnly, Secure, SameSite=Lax, Path=/ and the configured Max-Age", async () => {
    const header = await consentSetCookie({ name: HOST_COOKIE, domain: null, maxAgeSeconds: 182 * 86_400 }, stored, SECRET);
    expect(header).toMatch(
      /^__Host-ew_consent=1\.2\.am\.1796040000\.[A-Za-z0-9_-]{22}; Max-Age=15724800; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // Name and value as the browser sends them back: 58 bytes of the Cookie header.
    expect(header.split(";")[0]?.length).toBe(58);
  });

  it("grows by 17 bytes with the 96-bit receipt id every choice carries (75 for both purposes, 74 for one)", async () => {
    const withReceipt = { ...stored, receiptId: "AbCdEfGhIjKlMnOp" };
    const header = await consentSetCookie({ name: HOST_COOKIE, domain: null, maxAgeSeconds: 86_400 }, withReceipt, SECRET);
    expect(header.split(";")[0]?.length).toBe(75);
    const one = await consentSetCookie(
      { name: HOST_COOKIE, domain: null, maxAgeSeconds: 86_400 },
      { ...withReceipt, grants: ["analytics"] },
      SECRET,
    );
    expect(one.split(";")[0]?.length).toBe(74);
  });

  it("drops the __Host- prefix and adds the Domain when an operator shares consent across subdomains", async () => {
    const header = await consentSetCookie({ name: DOMAIN_COOKIE, domain: "example.com", maxAgeSeconds: 86_400 }, stored, SECRET);
    expect(header).toMatch(
      /^ew_consent=1\.2\.am\.\d{10}\.[A-Za-z0-9_-]{22}; Max-Age=86400; Domain=example\.com; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it("round-trips through the reader", async () => {
    const pair = (await consentSetCookie({ name: HOST_COOKIE, domain: null, maxAgeSeconds: 86_400 }, stored, SECRET)).split(
      ";",
    )[0];
    expect(await read(pair)).toEqual({ stored, signatureValid: true });
  });

  it("refuses a receipt id that is not URL-safe", () => {
    expect(() => consentPayload({ ...stored, receiptId: "not safe!" })).toThrow(/receipt id/);
  });
});

describe("grants in the cookie", () => {
  it.each([
    [[], "-"],
    [["analytics"], "a"],
    [["marketing"], "m"],
    [["analytics", "marketing"], "am"],
  ] as const)("writes %j as %s and reads it back", (grants, code) => {
    expect(encodeGrants(grants)).toBe(code);
    expect(decodeGrants(code)).toEqual(grants);
  });
});

describe("jurisdictions", () => {
  it.each([
    ["DE", undefined, "opt-in"],
    ["FR", "IDF", "opt-in"],
    ["GB", "ENG", "opt-in"],
    ["CH", undefined, "opt-in"],
    ["US", "CA", "opt-out"],
    ["US", "VA", "opt-out"],
    ["US", "AK", "opt-in"],
    ["US", undefined, "opt-in"],
    ["JP", "13", "opt-in"],
    ["XX", undefined, "opt-in"],
    ["T1", undefined, "opt-in"],
    [undefined, undefined, "opt-in"],
  ] as const)("applies the default table's rule to country %s, region %s: %s", (country, regionCode, rule) => {
    expect(ruleFor(DEFAULT_JURISDICTIONS, placeFromCf({ country, regionCode }))).toBe(rule);
  });

  it("lets a configured row for a state win over its country's and the default", () => {
    const table = { ...DEFAULT_JURISDICTIONS, US: "opt-out" as const, "US-CA": "opt-in" as const };
    expect(ruleFor(table, { country: "US", region: "CA" })).toBe("opt-in");
    expect(ruleFor(table, { country: "US", region: "AK" })).toBe("opt-out");
  });
});

const VARS = { CONSENT_POLICY_VERSION: "3", CONSENT_MAX_AGE_DAYS: "182", CONSENT_SECRET: SECRET };

describe("parseConsentConfig", () => {
  it("reads the defaults: analytics only, __Host- cookie, the default table, English, no override", () => {
    expect(parseConsentConfig(VARS)).toEqual({
      policyVersion: 3,
      maxAgeSeconds: 182 * 86_400,
      purposes: ["analytics"],
      secret: SECRET,
      cookieDomain: null,
      jurisdictions: DEFAULT_JURISDICTIONS,
      geoOverride: null,
      defaultLanguage: "en",
      bannerText: {},
    });
  });

  it(`accepts exactly ${MAX_CONSENT_AGE_DAYS} days, 13 months`, () => {
    expect(parseConsentConfig({ ...VARS, CONSENT_MAX_AGE_DAYS: "395" }).maxAgeSeconds).toBe(395 * 86_400);
  });

  it("merges a configured jurisdiction table over the defaults", () => {
    const config = parseConsentConfig({ ...VARS, CONSENT_JURISDICTIONS: { "*": "opt-out", BR: "opt-in" } });
    expect(config.jurisdictions["*"]).toBe("opt-out");
    expect(config.jurisdictions.BR).toBe("opt-in");
    expect(config.jurisdictions.DE).toBe("opt-in");
  });

  it("accepts GEO_OVERRIDE in development", () => {
    expect(parseConsentConfig({ ...VARS, ENVIRONMENT: "development", GEO_OVERRIDE: "US-CA" }).geoOverride).toEqual({
      country: "US",
      region: "CA",
    });
  });

  it.each(["staging", "production", undefined])("refuses GEO_OVERRIDE in %s, naming it", (environment) => {
    expect(() => parseConsentConfig({ ...VARS, ENVIRONMENT: environment, GEO_OVERRIDE: "DE" })).toThrow(
      /GEO_OVERRIDE: is for local development and tests only and is refused in (staging|production)/,
    );
  });

  it.each([
    ["a lifetime over 13 months", { CONSENT_MAX_AGE_DAYS: "396" }, /CONSENT_MAX_AGE_DAYS: must be at most 395/],
    ["a lifetime of zero", { CONSENT_MAX_AGE_DAYS: "0" }, /CONSENT_MAX_AGE_DAYS: must be a whole number/],
    ["a fractional lifetime", { CONSENT_MAX_AGE_DAYS: "1.5" }, /CONSENT_MAX_AGE_DAYS/],
    ["a missing version", { CONSENT_POLICY_VERSION: undefined }, /CONSENT_POLICY_VERSION: must be set/],
    ["a non-numeric version", { CONSENT_POLICY_VERSION: "v2" }, /CONSENT_POLICY_VERSION: must be a whole number/],
    ["a missing secret", { CONSENT_SECRET: undefined }, /CONSENT_SECRET: must be set/],
    ["a short secret", { CONSENT_SECRET: "short" }, /CONSENT_SECRET: must be at least 32 characters/],
    ["an unknown purpose", { CONSENT_PURPOSES: "analytics,tracking" }, /CONSENT_PURPOSES: must be a comma-separated list/],
    [
      "a cookie domain with a scheme",
      { CONSENT_COOKIE_DOMAIN: "https://example.com" },
      /CONSENT_COOKIE_DOMAIN: must be a domain/,
    ],
    ["a bad jurisdiction key", { CONSENT_JURISDICTIONS: { california: "opt-out" } }, /CONSENT_JURISDICTIONS/],
    ["a bad jurisdiction rule", { CONSENT_JURISDICTIONS: { DE: "maybe" } }, /CONSENT_JURISDICTIONS/],
    ["a bad GEO_OVERRIDE", { ENVIRONMENT: "development", GEO_OVERRIDE: "Germany" }, /GEO_OVERRIDE: must be a country/],
    ["an unshipped default language", { DEFAULT_LANGUAGE: "fr" }, /DEFAULT_LANGUAGE: must be one of en, ar/],
    ["banner text for an unshipped language", { CONSENT_BANNER_TEXT: { fr: "Bonjour" } }, /CONSENT_BANNER_TEXT/],
    ["an empty banner text", { CONSENT_BANNER_TEXT: { en: "  " } }, /CONSENT_BANNER_TEXT/],
  ])("fails loudly on %s, naming the variable", (_name, vars, message) => {
    expect(() => parseConsentConfig({ ...VARS, ...vars })).toThrow(message);
  });
});
