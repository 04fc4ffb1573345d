// The hottest pages kept in isolate memory, so a hit costs no I/O at all. Bounded in bytes; least recently used goes first.

/** A page as kept: its bytes, the byte offsets of its CSP-nonce placeholders, and the route's headers. */
export type StoredPage = {
  /** The content version it was rendered from. */
  version: string;
  /** The deploy (code and configuration) that rendered it: see deploy.ts. */
  deploy?: string;
  /** When it stops being true (ms; a scheduled article goes live, a 404 copy runs out); null: not before a publish. */
  changesAt?: number | null;
  /** 200, or 404 for a page that does not exist (kept briefly, in memory only). */
  status?: number;
  /** A hash of the bytes: the ETag's first part. */
  hash?: string;
  body: Uint8Array;
  slots: number[];
  headers: [string, string][];
  /** The same page with the analytics tag in <head>, made on a consenting reader's first visit. */
  tagged?: { tag: string; body: Uint8Array; slots: number[] };
  /** The complete responses (every header, the nonce spliced in per response) for a hit, without and with the tag. */
  ready?: { plain?: ReadyResponse; tagged?: ReadyResponse };
};

/**
 * A hit's whole header list, built once per page: what the store, the HTTP policy and the security headers would set,
 * minus the one header that carries the nonce (the CSP), kept split at the nonce placeholder.
 */
export type ReadyResponse = {
  /** Every header but the nonce-bearing one; the runtime copies it into each response. */
  headers: Headers;
  /** The hit's ETag (null for a 404): a matching If-None-Match gets its 304 from the HTTP policy instead. */
  etag: string | null;
  /** The granted purposes the ETag names (`-` for the copy without the tag): two grants may share one tag's bytes. */
  grants: string;
  /** The header whose value carries the nonce, and that value split at the placeholder; null for none. */
  nonceAt: string | null;
  pieces: string[];
};

const headerBytes = (headers: Iterable<[string, string]>) => {
  let n = 0;
  for (const [k, v] of headers) n += k.length + v.length;
  return n;
};
const readyBytes = (ready: ReadyResponse | undefined) =>
  ready === undefined ? 0 : headerBytes(ready.headers) + ready.pieces.reduce((n, p) => n + p.length, 0);

const sizeOf = (key: string, page: StoredPage) =>
  key.length +
  page.body.byteLength +
  (page.tagged?.body.byteLength ?? 0) +
  headerBytes(page.headers) +
  readyBytes(page.ready?.plain) +
  readyBytes(page.ready?.tagged);

export class PageMemory {
  // Each page with the size it was counted at: a page that grows later (a tagged copy) is counted again by set().
  readonly #pages = new Map<string, { page: StoredPage; size: number }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const entry = this.#pages.get(key);
    if (entry !== undefined) {
      // Map keeps insertion order: re-inserting marks the page as most recently used.
      this.#pages.delete(key);
      this.#pages.set(key, entry);
    }
    return entry?.page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    const size = sizeOf(key, page);
    if (size > this.maxBytes) return;
    this.#pages.set(key, { page, size });
    this.#bytes += size;
    for (const oldest of this.#pages.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.#pages.get(key);
    if (entry === undefined) return;
    this.#pages.delete(key);
    this.#bytes -= entry.size;
  }
}
