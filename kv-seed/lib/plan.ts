// Compares the entries a build wants with the manifest of what was last written, and orders the writes.
import { KEYS } from "../../src/data/keys.ts";
import { hashOf } from "./hash.ts";
import type { KvEntry, Manifest, Plan } from "./types.ts";

export const EMPTY_MANIFEST: Manifest = { version: 1, entries: {} };

const ARTICLE_PREFIX = KEYS.article("");
/** Lower runs first: a listing never points at an article that is not there yet, nor an article at a missing image. */
const WRITE_ORDER: Record<KvEntry["kind"], number> = {
  media: 0,
  article: 1,
  redirect: 2,
  site: 3,
  bucket: 4,
  listing: 5,
  sitemap: 6,
  sections: 6,
  feed: 6,
  search: 6,
  // The head points at the search shards: it goes after them, with the tombstones.
  "search-head": 7,
  "search-meta": 7,
  gone: 7,
};

/**
 * Plans a publish. Tombstones are only planned when `prune` is set; the CLI refuses removals otherwise. Keys in
 * `retain` stay in KV and in the manifest although no entry writes them. `articles` is the manifest's new memory of
 * article slugs (stable URLs); without it the previous one is kept.
 */
export function planPublish(
  entries: KvEntry[],
  previous: Manifest,
  {
    prune,
    now,
    retain = [],
    articles,
  }: { prune: boolean; now: Date; retain?: readonly string[]; articles?: Manifest["articles"] },
): Plan {
  const retained = new Set(retain);
  const wanted = new Map(entries.map((e) => [e.key, e]));
  const added: KvEntry[] = [];
  const changed: KvEntry[] = [];
  let unchanged = 0;
  for (const entry of entries) {
    const before = previous.entries[entry.key];
    if (before === undefined) added.push(entry);
    else if (before.hash !== entry.hash || before.kind !== entry.kind) changed.push(entry);
    else unchanged++;
  }
  const removedArticles: string[] = [];
  const staleKeys: string[] = [];
  const tombstones: KvEntry[] = [];
  const kept: Manifest["entries"] = {};
  for (const [key, before] of Object.entries(previous.entries)) {
    if (wanted.has(key)) continue;
    if (retained.has(key)) {
      kept[key] = before;
      continue;
    }
    if (before.kind === "article") {
      removedArticles.push(key.slice(ARTICLE_PREFIX.length));
      if (prune) {
        const value = JSON.stringify({ kind: "gone", removed: now.toISOString() });
        tombstones.push({ key, kind: "gone", value, hash: hashOf(value) });
        kept[key] = { kind: "gone", hash: hashOf(value) };
      } else kept[key] = before;
    } else if (before.kind === "gone") kept[key] = before;
    else staleKeys.push(key);
  }
  const puts = [...added, ...changed].sort((a, b) => WRITE_ORDER[a.kind] - WRITE_ORDER[b.kind]);
  puts.push(...tombstones);
  const remembered = articles ?? previous.articles;
  const manifest: Manifest = { version: 1, entries: { ...kept }, ...(remembered ? { articles: remembered } : {}) };
  for (const e of entries) manifest.entries[e.key] = { kind: e.kind, hash: e.hash };
  // A first publish with stable URLs (or a renamed file) changes only what the manifest remembers: still worth a write.
  const manifestChanged = JSON.stringify(remembered ?? {}) !== JSON.stringify(previous.articles ?? {});
  return { added, changed, unchanged, removedArticles, staleKeys, puts, deletes: staleKeys, manifest, manifestChanged };
}

/** True when applying the plan would change nothing in KV. */
export const isNoop = (plan: Plan) => plan.puts.length === 0 && plan.deletes.length === 0 && !plan.manifestChanged;
