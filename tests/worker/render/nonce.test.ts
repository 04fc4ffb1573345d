// The CSP nonce (render/nonce.ts): placeholder slots found once, stamped per response.
import { describe, expect, it } from "vitest";
import { NONCE_ATTRIBUTE, NONCE_PLACEHOLDER, nonceSlots, stampNonce } from "../../../src/render/nonce.ts";

const NONCE = "bm9uY2Utb2YtdGhlLXRlc3Q=";
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const PAGE = `<html><head><style ${NONCE_ATTRIBUTE}>p{}</style></head><body><p>café ${NONCE_PLACEHOLDER}</p><script ${NONCE_ATTRIBUTE}>1</script></body></html>`;

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
  it("writes the nonce into a copy at every slot and leaves the kept bytes as they were", () => {
    const bytes = encode(PAGE);
    const stamped = stampNonce(bytes, nonceSlots(bytes), NONCE) as Uint8Array;
    expect(decode(stamped)).toBe(PAGE.replaceAll(NONCE_ATTRIBUTE, `nonce="${NONCE}"`));
    expect(decode(bytes)).toBe(PAGE);
  });

  it("declines a nonce that does not fit the placeholder", () => {
    const bytes = encode(PAGE);
    expect(stampNonce(bytes, nonceSlots(bytes), "short")).toBeNull();
    expect(stampNonce(bytes, nonceSlots(bytes), "ü".repeat(24))).toBeNull();
  });
});
