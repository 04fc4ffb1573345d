// Search results kept in isolate memory by content version, normalized query and page: a burst of one query costs one
// lookup. Bounded by entries and age (least recently used goes first).

export type ResultsCacheOptions = { maxEntries: number; maxAgeMs: number; now?: () => number };

export class ResultsCache<Results> {
  readonly #entries = new Map<string, { results: Results; at: number }>();
  readonly #now: () => number;

  constructor(readonly options: ResultsCacheOptions) {
    this.#now = options.now ?? Date.now;
  }

  get(key: string): Results | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    // Expiry also bounds how late a scheduled article appears: its time is checked when results are computed.
    if (this.#now() - entry.at >= this.options.maxAgeMs) return undefined;
    this.#entries.set(key, entry);
    return entry.results;
  }

  set(key: string, results: Results): void {
    this.#entries.delete(key);
    this.#entries.set(key, { results, at: this.#now() });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.options.maxEntries) break;
      this.#entries.delete(oldest);
    }
  }
}
