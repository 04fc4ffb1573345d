import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HOST_COOKIE } from "../../../src/consent/cookie.ts";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { consentCookie, get, hasBanner, ORIGIN, post, POLICY_VERSION as VERSION } from "../support/consent.ts";
import { seed } from "../support/kv.ts";

const SEED = articlePath(AIR_STRIKES_SLUG);
const GRANTED = await consentCookie(["analytics"]);
const DECLINED = await consentCookie([]);
const OLD_VERSION = await consentCookie(["analytics"], { policyVersion: VERSION + 1 });
const FORGED = await consentCookie(["analytics"], { secret: "an-attackers-own-secret-0123456789abcdef" });

const hasAnalytics = (html: string) => html.includes("/analytics.js");

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

describe("first visit", () => {
  it("shows the server-rendered banner with the reference wording, a privacy link, Accept all, Reject all and Manage choices", async () => {
    const res = await get(SEED);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/<section class="consent-banner" aria-labelledby="consent-banner-title">/);
    expect(html).toContain("we&#39;ll have to use just one tiny cookie so that you&#39;re not asked to make this choice again.");
    expect(html).toContain('see our <a href="/privacy">Privacy Policy</a>');
    expect(html).toContain(
      `<form class="consent-choice" method="post" action="/consent"><input type="hidden" name="return" value="${SEED}"/><input type="hidden" name="form" value="banner"/><input type="hidden" name="lang" value="en"/>`,
    );
    expect(html).toContain('<button type="submit" name="choice" value="all">Accept all</button>');
    expect(html).toContain('<button type="submit" name="choice" value="none">Reject all</button>');
    expect(html).toContain(`<a class="consent-manage" href="/consent?return=${encodeURIComponent(SEED)}">Manage choices</a>`);
  });

  it("leaves out the reference sentence about other media when no marketing purpose is configured", async () => {
    const html = await (await get(SEED)).text();
    expect(html).toContain("This website stores cookies on your computer.");
    expect(html).not.toContain("through other media");
  });

  it("puts the banner before the site header, so nothing moves after the page has loaded", async () => {
    const html = await (await get("/")).text();
    expect(html.indexOf('class="consent-banner"')).toBeLessThan(html.indexOf('class="site-header"'));
    expect(html.indexOf("<body>")).toBeLessThan(html.indexOf('class="consent-banner"'));
  });

  it("sends no analytics markup and sets no cookie", async () => {
    const res = await get(SEED);
    const html = await res.text();
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(hasAnalytics(html)).toBe(false);
    // The page's own inline scripts (JSON-LD, the share enhancement) remain; nothing is loaded from anywhere.
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
  });

  it("returns the reader to the page's canonical path, leaving a hostile or tracking query string out", async () => {
    const html = await (await get('/no-such-page?x="><script>alert(1)</script>&utm_source=x')).text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("utm_source");
    expect(html).toContain('name="return" value="/no-such-page"');
  });

  it("links cookie settings and the privacy policy from every page's footer", async () => {
    for (const path of ["/", SEED, "/no-such-page", "/privacy"]) {
      const html = await (await get(path)).text();
      expect(html, path).toMatch(
        /<footer[\s\S]*<a href="\/consent">Cookie settings<\/a> <a href="\/privacy">Privacy policy<\/a>/,
      );
    }
  });
});

describe("returning readers", () => {
  it("injects the analytics tag into <head> with the CSP nonce for a reader who accepted, and shows no banner", async () => {
    const res = await get(SEED, { cookie: GRANTED });
    const html = await res.text();
    const nonce = res.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}" src="/analytics.js" defer></script></head>`);
    expect(hasBanner(html)).toBe(false);
  });

  it("sends not one analytics byte to a reader who rejected all, and no banner", async () => {
    const html = await (await get(SEED, { cookie: DECLINED })).text();
    expect(hasAnalytics(html)).toBe(false);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(hasBanner(html)).toBe(false);
  });

  it.each([
    ["garbage", `${HOST_COOKIE}=%%%<script>`],
    ["a huge value", `${HOST_COOKIE}=1.1.a.${"9".repeat(8000)}`],
    ["a repeated cookie", `${GRANTED}; ${GRANTED}`],
    ["percent-encoded garbage", `${HOST_COOKIE}=%67%2E%31%2E%ZZ`],
    ["an old policy version", OLD_VERSION],
    ["a value signed with another secret", FORGED],
    ["the unsigned cookie of the previous release", `ew_consent=g.1.${Math.floor(Date.now() / 1000)}`],
    ["an edited value", GRANTED.replace(`.${VERSION}.a.`, `.${VERSION}.am.`)],
  ])("treats %s in the consent cookie as no choice: banner, no analytics, no error", async (_name, cookie) => {
    const res = await get(SEED, { cookie });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(hasBanner(html)).toBe(true);
    expect(hasAnalytics(html)).toBe(false);
  });

  it("still gives an undecided reader the banner and no analytics after a consenting reader's request was served", async () => {
    const consenting = await (await get(SEED, { cookie: GRANTED })).text();
    expect(hasAnalytics(consenting)).toBe(true);
    const undecided = await (await get(SEED)).text();
    expect(hasBanner(undecided)).toBe(true);
    expect(hasAnalytics(undecided)).toBe(false);
    const declined = await (await get(SEED, { cookie: DECLINED })).text();
    expect(hasAnalytics(declined)).toBe(false);
  });
});

describe("Global Privacy Control", () => {
  it("treats Sec-GPC: 1 without a stored choice as Reject all, saying so in the banner that keeps both buttons", async () => {
    const res = await get(SEED, { "sec-gpc": "1" });
    const html = await res.text();
    expect(hasAnalytics(html)).toBe(false);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(html).toContain('<p class="consent-gpc">Your browser sent a Global Privacy Control signal');
    expect(html).toContain(">Accept all</button>");
    expect(html).toContain(">Reject all</button>");
  });

  it("lets an explicit choice win over the GPC signal where consent is opt-in", async () => {
    const html = await (await get(SEED, { "sec-gpc": "1", cookie: GRANTED })).text();
    expect(hasAnalytics(html)).toBe(true);
  });

  it("serves /.well-known/gpc.json", async () => {
    const res = await get("/.well-known/gpc.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ gpc: true, lastUpdate: "2026-12-01" });
  });
});

describe("POST /consent", () => {
  it("stores Accept all in one signed cookie with the required flags and sends a 303 back to the page", async () => {
    const res = await post(`choice=all&return=${encodeURIComponent(SEED)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(SEED);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(
      new RegExp(
        // format . policy version . grants . seconds . receipt id . tag
        `^${HOST_COOKIE}=1\\.${VERSION}\\.a\\.\\d{10}\\.[\\w-]{16}\\.[\\w-]{22}; Max-Age=15724800; Path=/; HttpOnly; Secure; SameSite=Lax$`,
      ),
    );
  });

  it("stores Reject all in that one cookie and nothing else", async () => {
    const res = await post("choice=none&return=/");
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^${HOST_COOKIE}=1\\.${VERSION}\\.-\\.`));
  });

  it("stores the purposes ticked on the Manage choices form", async () => {
    const res = await post("choice=custom&purpose=analytics&return=/consent");
    expect(res.headers.get("location")).toBe("/consent");
    expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${HOST_COOKIE}=1\\.${VERSION}\\.a\\.`));
    const none = await post("choice=custom&return=/");
    expect(none.headers.getSetCookie()[0]).toMatch(new RegExp(`^${HOST_COOKIE}=1\\.${VERSION}\\.-\\.`));
  });

  it("gives the stored cookie back as a choice the next page honours", async () => {
    const res = await post("choice=all&return=/");
    const cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const html = await (await get(SEED, { cookie })).text();
    expect(hasBanner(html)).toBe(false);
    expect(hasAnalytics(html)).toBe(true);
  });

  it("still understands the Accept and Decline values of pages rendered before purposes existed", async () => {
    expect((await post("choice=granted")).headers.getSetCookie()[0]).toMatch(/^__Host-ew_consent=1\.\d+\.a\./);
    expect((await post("choice=declined")).headers.getSetCookie()[0]).toMatch(/^__Host-ew_consent=1\.\d+\.-\./);
  });

  it("expires the unsigned cookie of the previous release when a new choice is stored", async () => {
    const res = await post("choice=none", { cookie: "ew_consent=g.1.1796082680" });
    expect(res.headers.getSetCookie()).toContain("ew_consent=; Max-Age=0; Path=/; Secure; SameSite=Lax");
  });

  it("keeps the query string of a same-site return path", async () => {
    const res = await post(`choice=declined&return=${encodeURIComponent("/?page=2")}`);
    expect(res.headers.get("location")).toBe("/?page=2");
  });

  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/%0a/evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "http:evil.example",
    "evil.example",
    "",
    `/${"a".repeat(600)}`,
  ])("sends a hostile return target %j to /", async (target) => {
    const res = await post(`choice=granted&return=${encodeURIComponent(target)}`);
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
    if (!target.startsWith("/%0a")) expect(location).toBe("/");
  });

  it("sends a missing return target to /", async () => {
    const res = await post("choice=granted");
    expect(res.headers.get("location")).toBe("/");
  });

  it.each([
    ["an unknown choice", "choice=maybe"],
    ["a missing choice", "return=/"],
    ["a repeated choice", "choice=all&choice=none"],
    ["a purpose that is not configured", "choice=custom&purpose=marketing"],
    ["a purpose that does not exist", "choice=custom&purpose=tracking"],
    ["an empty body", ""],
  ])("answers %s with a 400 page and no cookie", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("<h1>Choice not understood</h1>");
  });

  it("answers a missing body with a 400 page", async () => {
    const res = await post(null);
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("answers an oversized body with a 400 page and no cookie", async () => {
    const res = await post(`choice=granted&return=/&pad=${"x".repeat(100_000)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("<h1>Request too large</h1>");
  });

  it.each([
    ["JSON", "application/json"],
    ["a type that only starts like a form (the CSRF guard skips it)", "application/x-www-form-urlencodedX"],
    ["text/plain (a cross-site form can send it)", "text/plain"],
    ["multipart (not accepted)", "multipart/form-data; boundary=x"],
    ["no type at all", ""],
  ])("refuses a body sent as %s with a 415 page and no cookie, even from this origin", async (_name, type) => {
    const res = await post("choice=all&return=/", { "content-type": type });
    expect(res.status).toBe(415);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("<h1>Form not understood</h1>");
  });

  it.each([
    ["a form type with parameters: the guard checks it too", "application/x-www-form-urlencoded; charset=UTF-8", 403],
    ["a mistyped body the guard would skip: refused before it", "application/x-www-form-urlencodedX", 415],
  ])("refuses a cross-site post of %s, never storing it", async (_name, type, status) => {
    const res = await post("choice=all", {
      "content-type": type,
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(status);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts this site's form with a charset parameter", async () => {
    const res = await post("choice=all", { "content-type": "Application/X-WWW-Form-URLEncoded; charset=UTF-8" });
    expect(res.status).toBe(303);
  });

  it.each([
    ["a cross-site Origin", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: cross-site alone", { origin: "", "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { origin: "https://blog.example.com", "sec-fetch-site": "same-site" }],
    ["Origin: null", { origin: "null", "sec-fetch-site": "" }],
    ["neither header", { origin: "", "sec-fetch-site": "" }],
  ])("refuses %s with a 403 page and no cookie", async (_name, headers) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ""));
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/consent`, {
        method: "POST",
        body: "choice=all&return=/",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", ...clean },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("<h1>Request refused</h1>");
  });

  it("accepts the Origin header alone when Sec-Fetch-Site is absent", async () => {
    const res = await post("choice=all&return=/", { "sec-fetch-site": "" });
    expect(res.status).toBe(303);
  });

  it("is listed in the 405 table: PUT gets 405 with GET, HEAD, POST allowed", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/consent`, { method: "PUT" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("withdrawal with the configured provider's cookies", () => {
  it("sets only the consent cookie when the browser holds no analytics cookies (first-party analytics sets none)", async () => {
    const res = await post("choice=none&return=/", { cookie: `${GRANTED}; theme=dark` });
    expect(res.headers.getSetCookie()).toHaveLength(1);
  });
});

describe("GET /consent", () => {
  it("shows that an undecided reader has not chosen, with the per-purpose form and no second banner", async () => {
    const res = await get("/consent");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(html).toContain("You have not chosen yet");
    expect(html).toContain('<input type="hidden" name="return" value="/consent"/>');
    expect(html).toContain('<input type="checkbox" id="purpose-necessary" checked="" disabled=""/>');
    expect(html).toContain('<input type="checkbox" name="purpose" value="analytics" id="purpose-analytics"/>');
    expect(html).not.toContain('value="marketing"');
    expect(html).toContain('<button type="submit" name="choice" value="custom">Save choices</button>');
    expect(html).toContain('<button type="submit" name="choice" value="all">Accept all</button>');
    expect(html).toContain('<button type="submit" name="choice" value="none">Reject all</button>');
    expect(hasBanner(html)).toBe(false);
  });

  it("returns to the page Manage choices was opened from, and only to a same-site path", async () => {
    const html = await (await get(`/consent?return=${encodeURIComponent(SEED)}`)).text();
    expect(html).toContain(`<input type="hidden" name="return" value="${SEED}"/>`);
    const hostile = await (await get(`/consent?return=${encodeURIComponent("//evil.example")}`)).text();
    expect(hostile).toContain('<input type="hidden" name="return" value="/"/>');
  });

  it("shows a reader who accepted their choice, ticked, and when they made it", async () => {
    const cookie = await consentCookie(["analytics"], { givenAt: new Date(1796040000 * 1000) });
    const html = await (await get("/consent", { cookie })).text();
    expect(html).toContain("<strong>You allowed: Analytics.</strong> Choice made on 30 November 2026 (UTC).");
    expect(html).toContain('<input type="checkbox" name="purpose" value="analytics" id="purpose-analytics" checked=""/>');
  });

  it("shows a reader who rejected all their choice", async () => {
    const html = await (await get("/consent", { cookie: DECLINED })).text();
    expect(html).toContain("You rejected everything beyond the strictly necessary.");
    expect(hasAnalytics(html)).toBe(false);
  });

  it("says that GPC is honoured for an undecided reader sending it", async () => {
    const html = await (await get("/consent", { "sec-gpc": "1" })).text();
    expect(html).toContain("Global Privacy Control signal is honoured as Reject all");
  });
});

describe("GET /privacy", () => {
  it("lists each purpose, each provider with its purposes and cookies, the consent cookie and how to withdraw", async () => {
    const res = await get("/privacy");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("<dt>Strictly necessary</dt>");
    expect(html).toContain(`<dt>Analytics</dt><dd>Counts visits and pages read`);
    expect(html).toContain(
      `<h3>${env.SITE_NAME}&#39;s own page-view counter (no cookies, no identifiers)</h3><p>Purposes: Analytics</p>`,
    );
    expect(html).toContain("<p>Sets no cookies.</p>");
    expect(html).toContain(`${HOST_COOKIE} remembers which purposes you allowed`);
    expect(html).toContain("It lasts 182 days");
    expect(html).toContain("Open Cookie settings (linked at the foot of every page)");
  });
});

describe("first-party analytics", () => {
  it("serves its script from the Worker", async () => {
    const res = await get("/analytics.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await res.text()).toContain('"/analytics/collect"');
  });

  const collect = (body: string, cookie?: string, headers: Record<string, string> = {}) =>
    post(body, { "content-type": "text/plain", ...(cookie ? { cookie } : {}), ...headers }, "/analytics/collect");

  it("records a consenting reader's page view as one structured log line without personal data", async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      const res = await collect(JSON.stringify({ path: SEED }), GRANTED, { "cf-ray": "abc123" });
      expect(res.status).toBe(204);
    } finally {
      console.log = original;
    }
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ level: "info", event: "pageview", path: SEED, ray: "abc123" }]);
  });

  it("records nothing for a reader without consent", async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      expect((await collect(JSON.stringify({ path: SEED }))).status).toBe(204);
      expect((await collect(JSON.stringify({ path: SEED }), DECLINED)).status).toBe(204);
    } finally {
      console.log = original;
    }
    expect(lines).toEqual([]);
  });

  it.each([
    ["not JSON", "path=/", 400],
    ["an unknown field", JSON.stringify({ path: "/", email: "a@b.c" }), 400],
    ["a path that is not a path", JSON.stringify({ path: "https://evil.example" }), 400],
    ["an oversized body", JSON.stringify({ path: `/${"a".repeat(5000)}` }), 413],
  ])("rejects %s", async (_name, body, status) => {
    expect((await collect(body, GRANTED)).status).toBe(status);
  });

  it("refuses a cross-site report", async () => {
    const res = await collect(JSON.stringify({ path: "/" }), GRANTED, {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(403);
  });

  it("answers GET on the collect endpoint with 405", async () => {
    const res = await get("/analytics/collect");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
