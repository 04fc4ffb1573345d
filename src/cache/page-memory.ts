// The hottest pages kept in isolate memory, so a hit costs no I/O at all. Bounded in bytes; least recently used goes first.

/** A rendered page as the cache keeps it: the bytes, the headers the route set, and the content version it came from. */
/** A page as kept: its bytes, the byte offsets of its CSP-nonce placeholders, and the route's headers. */
export type StoredPage = { version: string; body: Uint8Array; slots: number[]; headers: [string, string][] };

const sizeOf = (key: string, page: StoredPage) =>
  key.length + page.body.byteLength + page.headers.reduce((n, [k, v]) => n + k.length + v.length, 0);

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
