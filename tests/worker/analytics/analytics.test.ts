// The analytics module per provider: configuration (config.ts), the tag (tag.ts), its injection (rewriter.ts) and CSP.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { isProviderCookie, providerOrigins } from "../../../src/analytics/providers.ts";
import { rewriteHtml } from "../../../src/analytics/rewriter.ts";
import { analyticsTag } from "../../../src/analytics/tag.ts";
import { type AnalyticsConfig, parseAnalyticsConfig } from "../../../src/config/analytics.ts";
import { headersFor } from "../../../src/security/headers.ts";
import { NONCE_PLACEHOLDER } from "../../../src/security/nonce.ts";

const NONCE = "bm9uY2Utb2YtdGhlLXRlc3Q=";
/** A page as the views render it: inline style and script carry the nonce placeholder. */
const PAGE = `<!doctype html><html><head><title>t</title><style nonce="${NONCE_PLACEHOLDER}">p{}</style></head><body><script nonce="${NONCE_PLACEHOLDER}">1</script><p>x</p></body></html>`;

const CONFIGS = {
  "first-party": { ANALYTICS_PROVIDER: "first-party" },
  ga4: { ANALYTICS_PROVIDER: "ga4", ANALYTICS_GA4_ID: "G-TEST12345" },
  hubspot: { ANALYTICS_PROVIDER: "hubspot", ANALYTICS_HUBSPOT_ID: "4242" },
  script: { ANALYTICS_PROVIDER: "script", ANALYTICS_SCRIPT_URL: "https://plausible.io/js/pa-abc.js" },
  none: { ANALYTICS_PROVIDER: "none" },
} as const;

const config = (name: keyof typeof CONFIGS): AnalyticsConfig => parseAnalyticsConfig(CONFIGS[name]);

/** The page as the rewriter sends it with consent granted for this provider. */
async function injected(name: keyof typeof CONFIGS): Promise<string> {
  const response = new Response(PAGE, { headers: { "content-type": "text/html; charset=UTF-8" } });
  return (await rewriteHtml(response, { nonce: NONCE, tag: analyticsTag(config(name), NONCE, ["analytics"]) })).text();
}

const head = (html: string) => html.slice(html.indexOf("<head>"), html.indexOf("</head>"));

describe("analytics tag injection", () => {
  it("adds the first-party script to <head> with the nonce", async () => {
    expect(head(await injected("first-party"))).toContain(`<script nonce="${NONCE}" src="/analytics.js" defer></script>`);
  });

  it("writes GA4's Consent Mode v2 state inline as granted before gtag.js loads", async () => {
    const html = head(await injected("ga4"));
    const inline = html.indexOf(`<script nonce="${NONCE}">window.dataLayer=window.dataLayer||[];`);
    const consent = html.indexOf(
      'gtag("consent","default",{"ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied","analytics_storage":"granted"})',
    );
    const loader = html.indexOf(
      `<script nonce="${NONCE}" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST12345"></script>`,
    );
    expect(inline).toBeGreaterThan(0);
    expect(consent).toBeGreaterThan(inline);
    expect(loader).toBeGreaterThan(consent);
    expect(html).toContain('gtag("config","G-TEST12345")');
  });

  it("adds HubSpot's tracking code loader", async () => {
    expect(head(await injected("hubspot"))).toContain(
      `<script nonce="${NONCE}" id="hs-script-loader" async defer src="https://js.hs-scripts.com/4242.js"></script>`,
    );
  });

  it("adds a plain script URL", async () => {
    expect(head(await injected("script"))).toContain(
      `<script nonce="${NONCE}" defer src="https://plausible.io/js/pa-abc.js"></script>`,
    );
  });

  it("adds nothing for none, but still puts the nonce on inline scripts and styles", async () => {
    const html = await injected("none");
    expect(html).toBe(PAGE.replaceAll(NONCE_PLACEHOLDER, NONCE));
  });

  it("gives no nonce to an inline script the views did not mark, so the CSP blocks it", async () => {
    const page = "<html><head></head><body><script>evil()</script></body></html>";
    const response = new Response(page, { headers: { "content-type": "text/html" } });
    const html = await (await rewriteHtml(response, { nonce: NONCE, tag: "" })).text();
    expect(html).toContain("<script>evil()</script>");
    expect(html).not.toContain(`<script nonce="${NONCE}">evil`);
  });

  it("escapes a script URL that tries to break out of its attribute", () => {
    const tag = analyticsTag(
      {
        provider: "script",
        scriptUrl: 'https://a.example/x.js?"><script>alert(1)</script>',
        connectOrigin: "https://a.example",
        purposes: ["analytics"],
      },
      NONCE,
      ["analytics"],
    );
    expect(tag).not.toContain("<script>alert");
    expect(tag).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("leaves responses that are not HTML untouched", async () => {
    const response = new Response("<head></head>", { headers: { "content-type": "text/plain" } });
    expect(await rewriteHtml(response, { nonce: NONCE, tag: "<script></script>" })).toBe(response);
  });

  it("drops a stale Content-Length, since the body grows", async () => {
    const response = new Response(PAGE, { headers: { "content-type": "text/html", "content-length": String(PAGE.length) } });
    const rewritten = await rewriteHtml(response, {
      nonce: NONCE,
      tag: analyticsTag(config("first-party"), NONCE, ["analytics"]),
    });
    expect(rewritten.headers.get("content-length")).toBeNull();
  });
});

describe("analytics configuration", () => {
  it.each([
    [
      "an unknown provider",
      { ANALYTICS_PROVIDER: "matomo" },
      /ANALYTICS_PROVIDER: must be one of first-party, ga4, hubspot, script, none/,
    ],
    ["a missing provider", {}, /ANALYTICS_PROVIDER: must be set/],
    ["ga4 without an ID", { ANALYTICS_PROVIDER: "ga4" }, /ANALYTICS_GA4_ID: must be set/],
    [
      "a malformed GA4 ID",
      { ANALYTICS_PROVIDER: "ga4", ANALYTICS_GA4_ID: "UA-1234-1" },
      /ANALYTICS_GA4_ID: must be a GA4 measurement ID/,
    ],
    [
      "a HubSpot ID with letters",
      { ANALYTICS_PROVIDER: "hubspot", ANALYTICS_HUBSPOT_ID: "abc" },
      /ANALYTICS_HUBSPOT_ID: must be a HubSpot portal/,
    ],
    [
      "a plain-http script URL",
      { ANALYTICS_PROVIDER: "script", ANALYTICS_SCRIPT_URL: "http://a.example/x.js" },
      /ANALYTICS_SCRIPT_URL: must be an https:\/\/ URL/,
    ],
    [
      "a relative script URL",
      { ANALYTICS_PROVIDER: "script", ANALYTICS_SCRIPT_URL: "/x.js" },
      /ANALYTICS_SCRIPT_URL: must be an absolute URL/,
    ],
  ])("fails loudly on %s, naming the variable", (_name, vars, message) => {
    expect(() => parseAnalyticsConfig(vars)).toThrow(message);
  });

  it("lets a script provider report to a separate origin (Cloudflare Web Analytics)", () => {
    const parsed = parseAnalyticsConfig({
      ANALYTICS_PROVIDER: "script",
      ANALYTICS_SCRIPT_URL: "https://static.cloudflareinsights.com/beacon.min.js",
      ANALYTICS_CONNECT_ORIGIN: "https://cloudflareinsights.com",
    });
    expect(providerOrigins(parsed)).toEqual({
      script: ["https://static.cloudflareinsights.com"],
      connect: ["https://cloudflareinsights.com"],
      img: [],
    });
  });

  it("knows GA4's and HubSpot's cookies, including GA4's per-container _ga_ cookies", () => {
    expect(["_ga", "_ga_ABC123", "_gid"].every((name) => isProviderCookie(config("ga4"), name))).toBe(true);
    expect(isProviderCookie(config("ga4"), "ga")).toBe(false);
    expect(["__hstc", "hubspotutk", "__hssc", "__hssrc"].every((name) => isProviderCookie(config("hubspot"), name))).toBe(true);
    expect(isProviderCookie(config("first-party"), "_ga")).toBe(false);
  });
});

/** The CSP header a page gets under this provider. */
async function csp(name: keyof typeof CONFIGS): Promise<string> {
  const app = new Hono();
  app.use(headersFor(config(name)));
  app.get("/", (c) => c.html("<p>x</p>"));
  return (await app.request("/")).headers.get("content-security-policy") ?? "";
}

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.split(" ")
    .slice(1) ?? [];

describe("CSP per provider", () => {
  it("allows only 'self' and the nonce for scripts with first-party analytics", async () => {
    const scripts = directive(await csp("first-party"), "script-src");
    expect(scripts[0]).toBe("'self'");
    expect(scripts[1]).toMatch(/^'nonce-[A-Za-z0-9+/=]{24}'$/);
    expect(scripts).toHaveLength(2);
    expect(directive(await csp("first-party"), "connect-src")).toEqual(["'self'"]);
  });

  it.each([
    ["ga4", ["https://www.googletagmanager.com"], "https://*.google-analytics.com"],
    [
      "hubspot",
      ["https://js.hs-scripts.com", "https://js.hs-analytics.net", "https://js.hs-banner.com"],
      "https://*.hubspot.com",
    ],
    ["script", ["https://plausible.io"], "https://plausible.io"],
  ] as const)("allows exactly %s's origins and no more", async (name, scriptOrigins, connectOrigin) => {
    const policy = await csp(name);
    expect(directive(policy, "script-src").slice(2)).toEqual(scriptOrigins);
    expect(directive(policy, "connect-src")).toContain(connectOrigin);
    expect(policy).not.toContain("unsafe-inline");
  });

  it("gives none the same policy as first-party", async () => {
    expect((await csp("none")).replace(/'nonce-[^']+'/g, "")).toBe((await csp("first-party")).replace(/'nonce-[^']+'/g, ""));
  });
});
