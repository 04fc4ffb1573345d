// Reader pages (newest first, PAGE_SIZE a page) from bucketed listings, whose buckets count from the oldest end so that
// adding an article rewrites only the head. Shared by the Worker (reads) and the publisher (writes). Pure.
import { LISTING_BUCKET, PAGE_SIZE } from "./keys.ts";
import { type Card, isUsableDate, type ListingBucket, type ListingHead, type ListingPage } from "./schema.ts";

/** Pages a listing of `total` cards has (at least one, possibly empty). */
export const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

/** Splits newest-first cards into a head and full buckets (1 = oldest). The head repeats the newest full bucket. */
export function bucketListing(title: string, newestFirst: Card[]): { head: ListingHead; buckets: ListingBucket[] } {
  const total = newestFirst.length;
  const full = Math.floor(total / LISTING_BUCKET);
  const top = total - full * LISTING_BUCKET;
  // Page 1 comes from the head alone: the partial top bucket plus the newest full one.
  const head: ListingHead = {
    kind: "listing-head",
    title,
    total,
    buckets: full,
    items: newestFirst.slice(0, Math.min(total, top + LISTING_BUCKET)),
  };
  const oldestFirst = [...newestFirst].reverse();
  const buckets = Array.from({ length: full }, (_, i) => ({
    kind: "listing-bucket" as const,
    items: oldestFirst.slice(i * LISTING_BUCKET, (i + 1) * LISTING_BUCKET).reverse(),
  }));
  return { head, buckets };
}

/** Newest-first positions [start, end) that reader page `page` shows. */
const pageRange = (head: ListingHead, page: number) => [(page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, head.total)] as const;

/** The bucket holding the card at newest-first position j, and its index inside that bucket. */
function locate(head: ListingHead, j: number): { bucket: number; index: number } {
  const oldest = head.total - 1 - j;
  const bucket = Math.floor(oldest / LISTING_BUCKET) + 1;
  return { bucket, index: bucket * LISTING_BUCKET - 1 - oldest };
}

/** The buckets to read, besides the head, for reader page `page` (at most two). */
export function bucketsForPage(head: ListingHead, page: number): number[] {
  const [start, end] = pageRange(head, page);
  const needed = new Set<number>();
  for (let j = Math.max(start, head.items.length); j < end; j++) needed.add(locate(head, j).bucket);
  return [...needed];
}

/** Reader page `page` of a listing, from its head and the buckets bucketsForPage named; null past the last page. */
export function composePage(head: ListingHead, page: number, buckets: Map<number, ListingBucket>): ListingPage | null {
  const totalPages = pageCount(head.total);
  if (page < 1 || page > totalPages) return null;
  const [start, end] = pageRange(head, page);
  const items: Card[] = [];
  for (let j = start; j < end; j++) {
    if (j < head.items.length) items.push(head.items[j] as Card);
    else {
      const { bucket, index } = locate(head, j);
      const card = buckets.get(bucket)?.items[index];
      if (card === undefined) return null;
      items.push(card);
    }
  }
  // A card without a usable date (a value edited by hand) is left out of its page; the others keep their places.
  const usable = items.filter((card) => isUsableDate(card.published));
  return { kind: "listing", title: head.title, page, totalPages, total: head.total, items: usable };
}
