// signPreview, verifyPreview and previewSecretProblem: HMAC over slug and expiry, constant-time verify, bounds.
import { describe, expect, it } from "vitest";
import { previewSecretProblem } from "../../src/config/preview.ts";
import { MAX_PREVIEW_SECONDS, previewUrl, signPreview, verifyPreview } from "../../src/data/preview-link.ts";

const SECRET = "a".repeat(64);
const NOW = Date.UTC(2026, 11, 1);
const inAnHour = Math.floor(NOW / 1000) + 3600;

describe("preview links", () => {
  it("verify a link signed with the same secret for the same slug before it expires", async () => {
    const url = new URL(await previewUrl("https://news.example", SECRET, "a-story", inAnHour));
    expect(url.pathname).toBe("/preview/a-story");
    const ok = await verifyPreview(
      SECRET,
      "a-story",
      url.searchParams.get("expires") ?? "",
      url.searchParams.get("sig") ?? "",
      NOW,
    );
    expect(ok).toBe(true);
  });

  it("refuse another slug, another secret, a changed expiry and a flipped signature character", async () => {
    const sig = await signPreview(SECRET, "a-story", inAnHour);
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`;
    expect(await verifyPreview(SECRET, "b-story", String(inAnHour), sig, NOW)).toBe(false);
    expect(await verifyPreview("b".repeat(64), "a-story", String(inAnHour), sig, NOW)).toBe(false);
    expect(await verifyPreview(SECRET, "a-story", String(inAnHour + 1), sig, NOW)).toBe(false);
    expect(await verifyPreview(SECRET, "a-story", String(inAnHour), flipped, NOW)).toBe(false);
  });

  it("refuse an expired link and one that claims to live longer than the maximum", async () => {
    const past = Math.floor(NOW / 1000) - 1;
    expect(await verifyPreview(SECRET, "a", String(past), await signPreview(SECRET, "a", past), NOW)).toBe(false);
    const far = Math.floor(NOW / 1000) + MAX_PREVIEW_SECONDS + 60;
    expect(await verifyPreview(SECRET, "a", String(far), await signPreview(SECRET, "a", far), NOW)).toBe(false);
  });

  it("refuse malformed parameters and a missing secret without throwing", async () => {
    const sig = await signPreview(SECRET, "a", inAnHour);
    for (const [secret, expires, s] of [
      [undefined, String(inAnHour), sig],
      [SECRET, undefined, sig],
      [SECRET, "12e3", sig],
      [SECRET, String(inAnHour), "zz"],
      [SECRET, String(inAnHour), sig.toUpperCase()],
    ] as const)
      expect(await verifyPreview(secret, "a", expires, s, NOW)).toBe(false);
  });
});

describe("previewSecretProblem", () => {
  it("lets a local site run without a secret", () => {
    expect(previewSecretProblem(undefined, "http://localhost:8787")).toBeNull();
  });

  it("refuses a staging or production site without one, saying how to set it", () => {
    expect(previewSecretProblem(undefined, "https://news.example")).toBe(
      "must be set on staging and production: run `npx wrangler secret put PREVIEW_SECRET --env <name>` (docs/deploying.md)",
    );
  });

  it("refuses a short secret", () => {
    expect(previewSecretProblem("short", "http://localhost:8787")).toMatch(/^must be at least 32 characters/);
  });
});
