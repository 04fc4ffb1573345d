// The whole Worker under hostile requests: generated paths, methods and headers never give a 500 or reflect markup.
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { consentCookie } from "../support/consent.ts";
import { seed } from "../support/kv.ts";

/** A marker that must never come back unescaped: if it does, some input was reflected as markup. */
const MARK = `<zq"x'>`;
const BASE = "https://edgewire.test";
const SEED = articlePath(AIR_STRIKES_SLUG);
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

const segment = fc.oneof(
  fc.constantFrom("articles", "page", "section", "tag", "feed.xml", "sitemap.xml", "consent", "privacy", "static"),
  fc.constantFrom("..", ".", "%2e%2e", "%252e%252e", "%00", "%2f", "%5c", "\\", "%ff", "%c0%ae", "%F0%9F%98%80", "ü", "\u202e"),
  fc.constantFrom(AIR_STRIKES_SLUG, "world", "syria", "2", "-1", "0", "99999999999999999999"),
  fc.string({ maxLength: 12 }),
  fc.constant(encodeURIComponent(MARK)),
  fc.constant(MARK),
);
const path = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 6 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }))
  .map(([segs, query]) => `/${segs.join("/")}${query === undefined ? "" : `?${query}&x=${encodeURIComponent(MARK)}`}`);
const REJECTED = await consentCookie([]);
const ALLOWED = await consentCookie(["analytics"]);
const cookie = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constant(`__Host-ew_consent=${MARK}`),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 20 }).map((parts) => parts.join("; ")),
  fc.constant("a=1; a=2; a=3"),
  fc.constant(`x=${"%".repeat(3000)}`),
  // A signed "reject all", the same choice with its tag edited (forged), an unsigned old-format value, and a choice
  // set twice (duplicates mean no choice).
  fc.constant(REJECTED),
  fc.constant(`${REJECTED.slice(0, -1)}${REJECTED.endsWith("A") ? "B" : "A"}`),
  fc.constant(`__Host-ew_consent=g.1.${Math.floor(Date.now() / 1000)}`),
  fc.constant(`${REJECTED}; ${ALLOWED}`),
);

/** Builds a request, or null when the fetch API itself refuses these inputs (they never reach a Worker). */
function requestFor(method: string, p: string, headers: Record<string, string>): Request | null {
  try {
    return new Request(new URL(BASE + p), { method, headers, body: method === "GET" || method === "HEAD" ? null : MARK });
  } catch {
    return null;
  }
}

describe("any request", () => {
  it("never answers 5xx, sets no cookie on GET, reflects nothing unescaped, always sends a CSP, adds no analytics", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), path, cookie, fc.string({ maxLength: 50 }), async (method, p, c, ua) => {
        const request = requestFor(method, p, { cookie: c, "user-agent": ua, referer: `${BASE}/${MARK}` });
        fc.pre(request !== null);
        const res = await exports.default.fetch(request as Request);
        const body = await res.text();
        expect(res.status, `${method} ${p}`).toBeLessThan(500);
        if (method === "GET" || method === "HEAD") expect(res.headers.get("set-cookie"), `${method} ${p}`).toBeNull();
        expect(body.includes(MARK), `${method} ${p} reflected the marker`).toBe(false);
        expect(res.headers.get("content-security-policy"), `${method} ${p}`).toMatch(/script-src 'self' 'nonce-/);
        expect(body, `${method} ${p} carried analytics without consent`).not.toContain("/analytics.js");
      }),
      { numRuns: 300 },
    );
    // 300 requests: a generous bound, since a loaded machine can take more than the default 5 s.
  }, 60_000);
});

describe("hostile URLs", () => {
  it.each([
    ["dot segments", "/articles/../../etc/passwd"],
    ["encoded dot segments", "/articles/%2e%2e/%2e%2e/etc/passwd"],
    ["double encoding", "/articles/%252e%252e%252fetc"],
    ["a NUL byte", "/articles/abc%00def"],
    ["an overlong path", `/${"a/".repeat(4000)}`],
    ["an overlong slug", `/articles/${"x".repeat(20_000)}`],
    ["odd Unicode", "/articles/%E2%80%AEevil%F0%9F%98%80"],
    ["invalid UTF-8", "/articles/%ff%fe"],
    ["a backslash", "/articles\\..\\secret"],
  ])("answers %s with a 4xx page or the normal page", async (_name, p) => {
    const res = await exports.default.fetch(new Request(BASE + p));
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
  });

  it("ignores unknown query parameters", async () => {
    const plain = await exports.default.fetch(new Request(BASE + SEED));
    const noisy = await exports.default.fetch(new Request(`${BASE}${SEED}?utm_source=${encodeURIComponent(MARK)}&page=-1&x[]=1`));
    expect(noisy.status).toBe(200);
    const body = await noisy.text();
    expect(body).not.toContain(MARK);
    const articleOf = (html: string) => html.match(/<article[\s\S]*<\/article>/)?.[0];
    expect(articleOf(body)).toBeDefined();
    expect(articleOf(body)).toBe(articleOf(await plain.text()));
  });
});

describe("hostile headers", () => {
  it.each([
    ["a huge cookie", { cookie: `x=${"a".repeat(60_000)}` }],
    ["a thousand repeated cookies", { cookie: Array.from({ length: 1000 }, (_, i) => `c${i % 3}=${i}`).join("; ") }],
    ["percent-encoded garbage cookies", { cookie: "%00=%ff; __Host-ew_consent=%E0%A4%A; =; ;;" }],
    ["a huge user agent", { "user-agent": "u".repeat(30_000) }],
    ["a hostile accept-language", { "accept-language": `${MARK},*;q=0.x` }],
  ])("serves the article despite %s", async (_name, headers) => {
    const res = await exports.default.fetch(new Request(BASE + SEED, { headers }));
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(MARK);
  });
});
