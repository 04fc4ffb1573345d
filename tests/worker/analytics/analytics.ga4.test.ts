// The analytics module with GA4 configured, through the whole Worker.
// Runs in the "workers-ga4" Vitest project: the Worker with ANALYTICS_PROVIDER=ga4 (see vitest.config.ts).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CONSENT_COOKIE, consentCookieValue } from "../../../src/consent/cookie.ts";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { seed } from "../support/kv.ts";
import { requestsTo } from "../support/request.ts";

// An https www. host: the cookies the decline expires name this domain and its parent.
const ORIGIN = "https://www.example.com";
const { get, send } = requestsTo(ORIGIN);
const SEED = articlePath(AIR_STRIKES_SLUG);
const GRANTED = `${CONSENT_COOKIE}=${consentCookieValue("granted", Number(env.CONSENT_POLICY_VERSION), new Date())}`;

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("GA4 as the configured provider", () => {
  it("injects Consent Mode v2 granted inline, then gtag.js, both with the response's nonce", async () => {
    const res = await get(SEED, { cookie: GRANTED });
    const html = await res.text();
    const nonce = res.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    const consent = html.indexOf(`<script nonce="${nonce}">window.dataLayer=`);
    const loader = html.indexOf(`<script nonce="${nonce}" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST12345">`);
    expect(consent).toBeGreaterThan(0);
    expect(loader).toBeGreaterThan(consent);
    expect(loader).toBeLessThan(html.indexOf("</head>"));
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

  it("expires _ga and every _ga_* cookie the browser sent when the reader declines, host-only and for the site's domains", async () => {
    const res = await send("/consent", {
      method: "POST",
      body: "choice=declined&return=/",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: ORIGIN,
        cookie: `${GRANTED}; _ga=GA1.1.123.456; _ga_ABC123=GS1.1.1; theme=dark`,
      },
    });
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toMatch(new RegExp(`^${CONSENT_COOKIE}=d\\.`));
    const expired = cookies.slice(1);
    for (const name of ["_ga", "_ga_ABC123"]) {
      expect(expired).toContain(`${name}=; Max-Age=0; Path=/; Secure; SameSite=Lax`);
      expect(expired).toContain(`${name}=; Max-Age=0; Domain=www.example.com; Path=/; Secure; SameSite=Lax`);
      expect(expired).toContain(`${name}=; Max-Age=0; Domain=example.com; Path=/; Secure; SameSite=Lax`);
    }
    expect(expired).toHaveLength(6);
    expect(cookies.join("\n")).not.toContain("theme=");
  });

  it("lists GA4's cookies on the privacy page", async () => {
    const html = await (await get("/privacy")).text();
    expect(html).toContain("Google Analytics 4");
    for (const name of ["_ga", "_ga_*"]) expect(html).toContain(`<li><code>${name}</code></li>`);
  });
});
