// Runs in the "workers-ga4" Vitest project: the Worker with ANALYTICS_PROVIDER=ga4 (see vitest.config.ts).
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HOST_COOKIE } from "../../../src/consent/cookie.ts";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { consentCookie } from "../support/consent.ts";
import { seed } from "../support/kv.ts";

const ORIGIN = "https://www.example.com";
const SEED = articlePath(AIR_STRIKES_SLUG);
const ANALYTICS = await consentCookie(["analytics"]);
const ALL = await consentCookie(["analytics", "marketing"]);
const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers }));
/** A same-origin consent form post on www.example.com, so expiry covers the host and its parent domain. */
const postConsent = (body: string, cookie: string) =>
  exports.default.fetch(
    new Request(`${ORIGIN}/consent`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie },
    }),
  );

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("GA4 as the configured provider", () => {
  it("injects Consent Mode v2 inline, then gtag.js, both with the response's nonce", async () => {
    const res = await get(SEED, { cookie: ANALYTICS });
    const html = await res.text();
    const nonce = res.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    const consent = html.indexOf(`<script nonce="${nonce}">window.dataLayer=`);
    const loader = html.indexOf(`<script nonce="${nonce}" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST12345">`);
    expect(consent).toBeGreaterThan(0);
    expect(loader).toBeGreaterThan(consent);
    expect(loader).toBeLessThan(html.indexOf("</head>"));
  });

  it.each([
    ["analytics only", ["analytics"], { analytics_storage: "granted", ad_storage: "denied" }],
    ["analytics and marketing", ["analytics", "marketing"], { analytics_storage: "granted", ad_storage: "granted" }],
  ] as const)("sets Consent Mode v2 signals from the purposes granted (%s)", async (_name, grants, expected) => {
    const html = await (await get(SEED, { cookie: await consentCookie(grants) })).text();
    const state = JSON.parse(html.match(/gtag\("consent","default",(\{[^}]*\})\)/)?.[1] ?? "{}");
    const ads = expected.ad_storage;
    expect(state).toEqual({ ad_storage: ads, ad_user_data: ads, ad_personalization: ads, analytics_storage: "granted" });
  });

  it("does not load GA4 with marketing alone: it needs analytics", async () => {
    const html = await (await get(SEED, { cookie: await consentCookie(["marketing"]) })).text();
    expect(html).not.toContain("googletagmanager");
  });

  it("sends no GA4 bytes to an undecided reader", async () => {
    const html = await (await get(SEED)).text();
    expect(html).not.toContain("googletagmanager");
    expect(html).not.toContain("gtag");
  });

  it("allows Google's origins in the CSP", async () => {
    const csp = (await get("/")).headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' https:\/\/www\.googletagmanager\.com;/);
    expect(csp).toContain("connect-src 'self' https://*.google-analytics.com");
  });

  it("does not serve the first-party script", async () => {
    expect((await get("/analytics.js")).status).toBe(404);
  });

  it("expires _ga and every _ga_* cookie the browser sent when the reader rejects all, host-only and for the site's domains", async () => {
    const res = await postConsent("choice=none&return=/", `${ALL}; _ga=GA1.1.123.456; _ga_ABC123=GS1.1.1; theme=dark`);
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toMatch(new RegExp(`^${HOST_COOKIE}=1\\.\\d+\\.-\\.`));
    const expired = cookies.slice(1);
    for (const name of ["_ga", "_ga_ABC123"]) {
      expect(expired).toContain(`${name}=; Max-Age=0; Path=/; Secure; SameSite=Lax`);
      expect(expired).toContain(`${name}=; Max-Age=0; Domain=www.example.com; Path=/; Secure; SameSite=Lax`);
      expect(expired).toContain(`${name}=; Max-Age=0; Domain=example.com; Path=/; Secure; SameSite=Lax`);
    }
    expect(expired).toHaveLength(6);
    expect(cookies.join("\n")).not.toContain("theme=");
  });

  it("withdrawing marketing alone expires GA4's ads cookies and keeps its analytics ones", async () => {
    const res = await postConsent("choice=custom&purpose=analytics&return=/", `${ALL}; _ga=GA1.1.123.456; _gcl_au=1.1.1`);
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toMatch(new RegExp(`^${HOST_COOKIE}=1\\.\\d+\\.a\\.`));
    expect(cookies.slice(1)).toContain("_gcl_au=; Max-Age=0; Path=/; Secure; SameSite=Lax");
    expect(cookies.join("\n")).not.toContain("_ga=;");
  });

  it("lists GA4 with both its purposes and its cookies, each with its purpose, on the privacy page", async () => {
    const html = await (await get("/privacy")).text();
    expect(html).toContain("<h3>Google Analytics 4</h3><p>Purposes: Analytics, Marketing</p>");
    for (const name of ["_ga", "_ga_*"]) expect(html).toContain(`<li><code>${name}</code> (Analytics)</li>`);
    expect(html).toContain("<li><code>_gcl_*</code> (Marketing)</li>");
  });
});
