import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { KEYS } from "../../../src/data/keys.ts";
import {
  generateNonce,
  NONCE_PLACEHOLDER,
  nonceSlots,
  stampNonce,
  stampNonceText,
  withNonceStamped,
} from "../../../src/security/nonce.ts";
import { seed } from "../support/kv.ts";

const NONCE = "bm9uY2Utb2YtdGhlLXRlc3Q=";
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const SLOT = `nonce="${NONCE_PLACEHOLDER}"`;
const PAGE = `<html><head><style ${SLOT}>p{}</style></head><body><p>café ${SLOT}</p><script ${SLOT}>1</script></body></html>`;
const STAMPED = PAGE.replace(`<style ${SLOT}>`, `<style nonce="${NONCE}">`).replace(
  `<script ${SLOT}>`,
  `<script nonce="${NONCE}">`,
);

describe("nonce slots", () => {
  it("finds the placeholder in each nonce attribute, past multi-byte text, and not in plain text", () => {
    const bytes = encode(PAGE);
    const slots = nonceSlots(bytes);
    expect(slots).toHaveLength(2);
    for (const at of slots) expect(decode(bytes.subarray(at, at + NONCE_PLACEHOLDER.length))).toBe(NONCE_PLACEHOLDER);
  });

  it("finds nothing in a page without placeholders", () => {
    expect(nonceSlots(encode("<html><script>1</script></html>"))).toEqual([]);
  });
});

describe("stampNonce", () => {
  it("writes the nonce into a copy at every slot and leaves the kept bytes and the text as they were", () => {
    const bytes = encode(PAGE);
    const stamped = stampNonce(bytes, nonceSlots(bytes), NONCE) as Uint8Array;
    expect(decode(stamped)).toBe(STAMPED);
    expect(decode(bytes)).toBe(PAGE);
  });

  it("stamps text the same way as bytes", () => {
    expect(stampNonceText(PAGE, NONCE)).toBe(STAMPED);
  });

  it("declines a nonce that does not fit the placeholder", () => {
    const bytes = encode(PAGE);
    expect(stampNonce(bytes, nonceSlots(bytes), "short")).toBeNull();
    expect(stampNonce(bytes, nonceSlots(bytes), "ü".repeat(24))).toBeNull();
  });
});

describe("generateNonce", () => {
  it("makes 16 fresh random bytes in base64 every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const nonce = generateNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(atob(nonce)).toHaveLength(16);
      seen.add(nonce);
    }
    expect(seen.size).toBe(2000);
  });
});

describe("withNonceStamped", () => {
  it("hands the page stamped to a Response, which copies it, and puts the placeholders back", async () => {
    const bytes = encode(PAGE);
    const res = withNonceStamped(bytes, nonceSlots(bytes), NONCE, (stamped) => new Response(stamped)) as Response;
    expect(decode(bytes)).toBe(PAGE);
    // The runtime copies a Uint8Array body when the Response is made: what withNonceStamped relies on.
    expect(await res.text()).toBe(STAMPED);
  });

  it("puts the placeholders back when making the response throws, and declines a nonce of the wrong size", () => {
    const bytes = encode(PAGE);
    expect(() =>
      withNonceStamped(bytes, nonceSlots(bytes), NONCE, () => {
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(decode(bytes)).toBe(PAGE);
    expect(withNonceStamped(bytes, nonceSlots(bytes), "short", () => 1)).toBeNull();
    expect(withNonceStamped(bytes, nonceSlots(bytes), "ü".repeat(24), () => 1)).toBeNull();
  });
});

describe("an article whose text quotes the placeholder", () => {
  it("never receives the response's nonce, on the first visit or from the cache", async () => {
    await seed(env.CONTENT, "sample");
    const slug = "us-led-air-strikes-block-daesh-fighters-in-syria";
    const record = JSON.parse((await env.CONTENT.get(KEYS.article(slug))) as string);
    // What a sanitized body holds when an article quotes the attribute: text, with its quotes as written.
    const quoted = `<p>Edgewire's views write ${SLOT} into their tags.</p>`;
    await env.CONTENT.put(KEYS.article(slug), JSON.stringify({ ...record, bodyHtml: quoted }));
    await env.CONTENT.put(KEYS.version, "nonce-in-text");
    for (const round of ["miss", "hit"]) {
      const res = await exports.default.fetch(new Request(`http://example.com/articles/${slug}`));
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] as string;
      const html = await res.text();
      expect(html, round).toContain(quoted);
      expect(html.split(nonce).length - 1, round).toBe(html.match(/<(?:script|style)[^>]* nonce="/g)?.length);
    }
  });
});
