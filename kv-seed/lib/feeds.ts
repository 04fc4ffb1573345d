// Builds the feed KV values at publish time: the newest FEED_SIZE articles, with full bodies, of the site and of each
// section, tag and author. One read per feed request.
import { FEED_SIZE, type FeedItem, type FeedRecord } from "../../src/data/feed-schema.ts";
import { type FeedScope, KEYS } from "../../src/data/keys.ts";
import type { Term } from "../../src/data/schema.ts";

/** One article for the feeds: its feed item, and its authors as the registry names them (slugs of the author pages). */
export type FeedSource = { item: FeedItem; authors: Term[] };

/** Feed values for articles given newest first. */
export function buildFeeds(newestFirst: FeedSource[]): { key: string; data: FeedRecord }[] {
  const groups = new Map<string, { scope: FeedScope; title: string; items: FeedItem[] }>();
  const add = (scope: FeedScope, title: string, item: FeedItem) => {
    const key = KEYS.feed(scope);
    const group = groups.get(key) ?? { scope, title, items: [] };
    if (group.items.length < FEED_SIZE) group.items.push(item);
    groups.set(key, group);
  };
  for (const { item, authors } of newestFirst) {
    add({ kind: "home" }, "", item);
    add({ kind: "section", slug: item.section.slug }, item.section.name, item);
    for (const tag of item.tags) add({ kind: "tag", slug: tag.slug }, tag.name, item);
    const seen = new Set<string>();
    for (const author of authors) {
      if (author.slug === "" || seen.has(author.slug)) continue;
      seen.add(author.slug);
      add({ kind: "author", slug: author.slug }, author.name, item);
    }
  }
  return [...groups].map(([key, { title, items }]) => ({ key, data: { kind: "feed", title, items } }));
}
