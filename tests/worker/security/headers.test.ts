// Security headers (security/headers.ts) on every kind of response the Worker gives.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath } from "../../support/fixtures.ts";
import { consentCookie } from "../support/consent.ts";
import { seed } from "../support/kv.ts";
import { get, ORIGIN, send } from "../support/request.ts";

const SEED = articlePath(AIR_STRIKES_SLUG);
const GRANTED = await consentCookie(["analytics"]);

beforeAll(async () => {
  await seed(env.CONTENT, "sample");
});

/** Every powerful feature this site never uses, off for every frame; only names that browsers recognise. */
const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
  "microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), " +
  "xr-spatial-tracking=()";

const HTML_PAGES = ["/", SEED, "/no-such-page", "/articles/NOPE", "/consent", "/privacy"];

describe("security headers", () => {
  it.each(HTML_PAGES)("are all present on the HTML response for %s", async (path) => {
    const variants: Record<string, string>[] = [{}, { cookie: GRANTED }, { "sec-gpc": "1" }];
    for (const headers of variants) {
      const res = await get(path, headers);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const csp = res.headers.get("content-security-policy") ?? "";
      for (const part of [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
      ]) {
        expect(csp, `${path}: ${part}`).toContain(part);
      }
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
      expect(res.headers.get("permissions-policy")).toBe(PERMISSIONS_POLICY);
    }
  });

  it("names none of the retired Privacy Sandbox features, which Chromium reports as unrecognised", async () => {
    const policy = (await get("/")).headers.get("permissions-policy") ?? "";
    for (const retired of ["browsing-topics", "attribution-reporting", "join-ad-interest-group", "run-ad-auction"]) {
      expect(policy).not.toContain(retired);
    }
  });

  it("uses a fresh nonce for every response and puts it on every inline script and style", async () => {
    const [a, b] = await Promise.all([get(SEED, { cookie: GRANTED }), get(SEED, { cookie: GRANTED })]);
    const nonceA = a.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    const nonceB = b.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonceA).toBeTruthy();
    expect(nonceA).not.toBe(nonceB);
    const html = await a.text();
    const tags = [...html.matchAll(/<(script|style)\b[^>]*>/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThanOrEqual(2);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonceA}"`);
  });

  it("leave the stored page's CSP in force on a 304, so its inline scripts keep their nonce", async () => {
    const first = await get(SEED);
    const etag = first.headers.get("etag") as string;
    await first.text();
    const again = await get(SEED, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect(again.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("are present on redirects, JSON and the 405 answer too", async () => {
    const responses = [
      await get("/.well-known/gpc.json"),
      await send("/", { method: "DELETE" }),
      await send("/consent", {
        method: "POST",
        body: "choice=declined",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      }),
    ];
    for (const res of responses) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
