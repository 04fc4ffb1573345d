// The CSP nonce, owned here alone: made per response, put on the context, and written into the page where the views
// left its placeholder. Render writes only the placeholder; the page store and the analytics gate call stampNonce.

/** The same length as a nonce (16 random bytes in base64), and not valid base64, so it can never be a real one. */
export const NONCE_PLACEHOLDER = "@@edgewire-csp-nonce@@!!";
const PLACEHOLDER_BYTES = new TextEncoder().encode(NONCE_PLACEHOLDER);

/**
 * The only places a nonce goes: the start tags views render with the placeholder (`<script nonce=…>`,
 * `<style nonce=…>`, the JSON-LD `<script type="application/ld+json" nonce=…>`). Text can never hold these bytes (every serializer writes a literal `<` in text as `&lt;`), so an
 * article that quotes `nonce="@@edgewire-csp-nonce@@!!"` keeps its text and never receives the response's nonce.
 */
const MARKERS = [
  `<script nonce="${NONCE_PLACEHOLDER}"`,
  `<style nonce="${NONCE_PLACEHOLDER}"`,
  `<script type="application/ld+json" nonce="${NONCE_PLACEHOLDER}"`,
];
const ENCODED = MARKERS.map((m) => new TextEncoder().encode(m));
const VALUE_OFFSETS = MARKERS.map((m) => m.indexOf(NONCE_PLACEHOLDER));

const NONCE_BYTES = 16;
/** Random bytes drawn 256 nonces at a time (one call into the runtime); each nonce takes 16 bytes no other ever sees. */
const POOL_BYTES = NONCE_BYTES * 256;
let pool = new Uint8Array(0);
let poolAt = POOL_BYTES;

/** A fresh nonce: 16 random bytes in base64 (24 characters), as Hono's secureHeaders makes them. */
export function generateNonce(): string {
  // Random values may only be made while handling a request, so the pool is filled lazily.
  if (poolAt === POOL_BYTES) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + NONCE_BYTES);
  poolAt += NONCE_BYTES;
  const nonce = btoa(String.fromCharCode(...bytes));
  // Used once: the bytes do not stay in memory beside the nonce they became.
  bytes.fill(0);
  return nonce;
}

/** Byte offsets of the placeholder in every nonce slot of a rendered page; found once, when a page is stored. */
export function nonceSlots(bytes: Uint8Array): number[] {
  const slots: number[] = [];
  const lt = 0x3c;
  for (let i = bytes.indexOf(lt); i !== -1; i = bytes.indexOf(lt, i + 1)) {
    for (let m = 0; m < ENCODED.length; m++) {
      if (startsAt(bytes, ENCODED[m] as Uint8Array, i)) slots.push(i + (VALUE_OFFSETS[m] as number));
    }
  }
  return slots;
}

/** Whether the placeholder sits at byte offset `at` (a slot found earlier, checked before it is trusted). */
export function holdsPlaceholder(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + PLACEHOLDER_BYTES.length > bytes.length) return false;
  for (let j = 0; j < PLACEHOLDER_BYTES.length; j++) if (bytes[at + j] !== PLACEHOLDER_BYTES[j]) return false;
  return true;
}

function startsAt(bytes: Uint8Array, marker: Uint8Array, at: number): boolean {
  if (at + marker.length > bytes.length) return false;
  for (let j = 1; j < marker.length; j++) if (bytes[at + j] !== marker[j]) return false;
  return true;
}

/**
 * A copy of a stored page with `nonce` written over the placeholder at each slot: one copy and a few 24-byte writes
 * per response instead of a rewrite of the whole page. Null when the nonce is not placeholder-sized ASCII.
 */
export function stampNonce(bytes: Uint8Array, slots: readonly number[], nonce: string): Uint8Array | null {
  const value = new TextEncoder().encode(nonce);
  if (value.length !== NONCE_PLACEHOLDER.length || value.length !== nonce.length) return null;
  const copy = bytes.slice();
  for (const at of slots) copy.set(value, at);
  return copy;
}

/**
 * `make(bytes)` with `nonce` written over the placeholder at each slot of the kept page itself, which gets its
 * placeholders back before this returns: no copy of the page in JavaScript. Only for a `make` that copies the bytes
 * before it returns, as `new Response(bytes)` does (tests/worker/security/nonce.test.ts checks the runtime does);
 * nothing else can run in between. Null when the nonce is not placeholder-sized ASCII.
 */
export function withNonceStamped<T>(
  bytes: Uint8Array,
  slots: readonly number[],
  nonce: string,
  make: (stamped: Uint8Array) => T,
): T | null {
  if (nonce.length !== NONCE_PLACEHOLDER.length) return null;
  for (let k = 0; k < nonce.length; k++) if (nonce.charCodeAt(k) > 0x7f) return null;
  try {
    for (const at of slots) for (let k = 0; k < nonce.length; k++) bytes[at + k] = nonce.charCodeAt(k);
    return make(bytes);
  } finally {
    for (const at of slots) bytes.set(PLACEHOLDER_BYTES, at);
  }
}

/** The same for HTML text that no store keeps (error pages, forms): only the slots, never text that mentions them. */
export function stampNonceText(html: string, nonce: string): string {
  let out = html;
  for (const marker of MARKERS) out = out.replaceAll(marker, marker.replace(NONCE_PLACEHOLDER, nonce));
  return out;
}
