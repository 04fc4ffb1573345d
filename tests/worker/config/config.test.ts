// src/config: every `[vars]` variable parsed once, with one precise error for everything wrong.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/index.ts";
import { DEFAULT_JURISDICTIONS } from "../../../src/consent/jurisdiction.ts";

/** A complete, valid set of variables; each test changes one thing. */
const VARS = {
  SITE_NAME: "The Harbourton Herald",
  SITE_URL: "https://news.example",
  CONSENT_POLICY_VERSION: "3",
  CONSENT_MAX_AGE_DAYS: "30",
  ANALYTICS_PROVIDER: "none",
  CONSENT_SECRET: "config-test-secret-0123456789abcdefgh",
};

describe("parseConfig", () => {
  it("turns the variables into one typed object, section by section", () => {
    expect(parseConfig(VARS)).toEqual({
      site: { name: "The Harbourton Herald", url: "https://news.example" },
      consent: {
        policyVersion: 3,
        maxAgeSeconds: 30 * 86_400,
        purposes: ["analytics"],
        secret: VARS.CONSENT_SECRET,
        cookieDomain: null,
        jurisdictions: DEFAULT_JURISDICTIONS,
        geoOverride: null,
        defaultLanguage: "en",
        bannerText: {},
      },
      analytics: { provider: "none" },
      receipts: { retentionDays: 1095 },
    });
  });

  it("reads this project's wrangler.toml [vars] without complaint", () => {
    expect(parseConfig(env).site.url).toBe(new URL(env.SITE_URL).origin);
  });

  it("freezes the result, so no request can change what the next one sees", () => {
    const config = parseConfig(VARS);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.site)).toBe(true);
  });

  it("keeps SITE_URL as an origin without a trailing slash", () => {
    expect(parseConfig({ ...VARS, SITE_URL: "https://news.example/" }).site.url).toBe("https://news.example");
    expect(parseConfig({ ...VARS, SITE_URL: "http://localhost:8787" }).site.url).toBe("http://localhost:8787");
  });

  it.each([
    [
      "a SITE_URL without a scheme",
      { SITE_URL: "news.example" },
      /SITE_URL: must be an absolute URL starting with http:\/\/ or https:\/\/.*\(got "news\.example"\)/,
    ],
    [
      "a SITE_URL with another scheme",
      { SITE_URL: "ftp://news.example" },
      /SITE_URL: must be an absolute URL starting with http/,
    ],
    ["a SITE_URL with a path", { SITE_URL: "https://news.example/edition" }, /SITE_URL: must be the site's origin only/],
    ["a missing SITE_URL", { SITE_URL: undefined }, /SITE_URL: must be set/],
    ["an empty SITE_NAME", { SITE_NAME: "  " }, /SITE_NAME: must not be empty/],
  ])("fails at start-up on %s, naming the variable", (_name, change, message) => {
    expect(() => parseConfig({ ...VARS, ...change })).toThrow(message);
  });

  it("names every bad variable of every section in one message", () => {
    const bad = { ...VARS, SITE_URL: "news.example", CONSENT_MAX_AGE_DAYS: "500", ANALYTICS_PROVIDER: "matomo" };
    expect(() => parseConfig(bad)).toThrow(
      /^Invalid wrangler.toml \[vars\]: SITE_URL: .*; CONSENT_MAX_AGE_DAYS: must be at most 395 days .*; ANALYTICS_PROVIDER: must be one of/,
    );
  });
});
