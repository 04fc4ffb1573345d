// Where a response's CSP nonce goes. Views write this placeholder; the analytics rewriter puts the real nonce in its
// place after the page cache, so cached bytes hold no nonce and every response still gets a fresh one.

/** The same length as Hono's nonce (16 random bytes in base64), and not valid base64, so it can never be a real one. */
export const NONCE_PLACEHOLDER = "@@edgewire-csp-nonce@@!!";

/** The attribute exactly as views render it: only this form is replaced, never text that merely mentions it. */
export const NONCE_ATTRIBUTE = `nonce="${NONCE_PLACEHOLDER}"`;

const ATTRIBUTE_BYTES = new TextEncoder().encode(NONCE_ATTRIBUTE);
const VALUE_OFFSET = 'nonce="'.length;

/** Byte offsets of the placeholder in every nonce attribute of a rendered page; found once, when a page is stored. */
export function nonceSlots(bytes: Uint8Array): number[] {
  const slots: number[] = [];
  const last = bytes.length - ATTRIBUTE_BYTES.length;
  next: for (
    let i = bytes.indexOf(ATTRIBUTE_BYTES[0] as number);
    i !== -1 && i <= last;
    i = bytes.indexOf(ATTRIBUTE_BYTES[0] as number, i + 1)
  ) {
    for (let j = 1; j < ATTRIBUTE_BYTES.length; j++) if (bytes[i + j] !== ATTRIBUTE_BYTES[j]) continue next;
    slots.push(i + VALUE_OFFSET);
  }
  return slots;
}

/**
 * A copy of a stored page with `nonce` written over the placeholder at each slot: a copy and a few 24-byte writes
 * per response instead of a rewrite of the whole page. Null when the nonce is not placeholder-sized ASCII.
 */
export function stampNonce(bytes: Uint8Array, slots: readonly number[], nonce: string): Uint8Array | null {
  const value = new TextEncoder().encode(nonce);
  if (value.length !== NONCE_PLACEHOLDER.length || value.length !== nonce.length) return null;
  const copy = bytes.slice();
  for (const at of slots) copy.set(value, at);
  return copy;
}
