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
};

const sizeOf = (key: string, page: StoredPage) =>
  key.length +
  page.body.byteLength +
  (page.tagged?.body.byteLength ?? 0) +
  page.headers.reduce((n, [k, v]) => n + k.length + v.length, 0);

export class PageMemory {
  readonly #pages = new Map<string, StoredPage>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const page = this.#pages.get(key);
    if (page !== undefined) {
      // Map keeps insertion order: re-inserting marks the page as most recently used.
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    const size = sizeOf(key, page);
    if (size > this.maxBytes) return;
    this.#pages.set(key, page);
    this.#bytes += size;
    for (const oldest of this.#pages.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.#pages.get(key);
    if (page === undefined) return;
    this.#pages.delete(key);
    this.#bytes -= sizeOf(key, page);
  }
}
