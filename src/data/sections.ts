// The site's sections for the header navigation: the ONE place that decides where they come from. Today the publisher's
// sections list in KV (every section in use, most articles first); a site registry of sections replaces it here.
import type { Term } from "./schema.ts";
import { getSectionList, type ReadContext } from "./store.ts";

/** Sections shown in the header, at most this many (the rest stay reachable from articles and the sitemap). */
export const NAV_SECTIONS = 8;

/**
 * The sections to offer in the header. Navigation is not worth failing a page for: a KV problem gives an empty list
 * (the page's own read reports it).
 */
export async function siteSections(kv: KVNamespace, at?: ReadContext): Promise<Term[]> {
  try {
    return ((await getSectionList(kv, at))?.items ?? []).slice(0, NAV_SECTIONS);
  } catch {
    return [];
  }
}
