// bucketListing, bucketsForPage and composePage: reader pages newest first from buckets counted from the oldest end.
import { describe, expect, it } from "vitest";
import { LISTING_BUCKET, PAGE_SIZE } from "../../src/data/keys.ts";
import { bucketListing, bucketsForPage, composePage, pageCount } from "../../src/data/listing-pages.ts";
import type { Card, ListingBucket } from "../../src/data/schema.ts";

// Newest first: a<n-1> … a0 (only what paging reads: the slug, and a usable date, without which a card is left out).
const cards = (n: number): Card[] =>
  Array.from({ length: n }, (_, i) => ({ slug: `a${n - 1 - i}`, published: "2026-01-01T00:00:00Z" }) as Card);

/** Every reader page of a listing, read the way the Worker reads it: the head plus the buckets it asks for. */
function readAll(n: number) {
  const { head, buckets } = bucketListing("T", cards(n));
  const pages = [];
  for (let page = 1; page <= pageCount(n); page++) {
    const wanted = bucketsForPage(head, page);
    const found = new Map<number, ListingBucket>(wanted.map((b) => [b, buckets[b - 1] as ListingBucket]));
    pages.push({ page: composePage(head, page, found), reads: wanted.length + 1 });
  }
  return pages;
}

describe("bucketed listings", () => {
  it("give every reader page the next PAGE_SIZE cards, newest first, for any size", () => {
    for (let n = 0; n <= 4 * PAGE_SIZE + 3; n++) {
      const all = readAll(n);
      expect(all.flatMap((p) => p.page?.items.map((c) => c.slug) ?? [])).toEqual(cards(n).map((c) => c.slug));
      for (const { page } of all.slice(0, -1)) expect(page?.items.length).toBe(PAGE_SIZE);
    }
  });

  it("read page 1 from the head alone and any other page from at most two buckets", () => {
    for (let n = 1; n <= 3 * PAGE_SIZE + 7; n++) {
      const all = readAll(n);
      expect(all[0]?.reads).toBe(1);
      for (const { reads } of all) expect(reads).toBeLessThanOrEqual(3);
    }
  });

  it("never rewrite an existing bucket when a newer card is added", () => {
    for (let n = 0; n <= 3 * LISTING_BUCKET + 2; n++) {
      const before = bucketListing("T", cards(n)).buckets;
      const after = bucketListing("T", cards(n + 1)).buckets;
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.length - before.length).toBeLessThanOrEqual(1);
    }
  });

  it("answer null past the last page and for page 0", () => {
    const { head } = bucketListing("T", cards(12));
    expect(composePage(head, 3, new Map())).toBeNull();
    expect(composePage(head, 0, new Map())).toBeNull();
  });

  it("leave out a card whose date is not one, keeping every other card in its place", () => {
    const { head, buckets } = bucketListing("T", cards(25));
    const bad = {
      ...(buckets[0] as ListingBucket),
      items: (buckets[0] as ListingBucket).items.map((c) => (c.slug === "a2" ? { ...c, published: "soon" } : c)),
    };
    const page3 = composePage(head, 3, new Map([[1, bad]]));
    expect(page3?.items.map((c) => c.slug)).toEqual(["a4", "a3", "a1", "a0"]);
  });

  it("answer null when a bucket the page needs is missing", () => {
    const { head } = bucketListing("T", cards(35));
    expect(composePage(head, 3, new Map())).toBeNull();
  });

  it("give an empty listing one empty page", () => {
    const { head } = bucketListing("Empty", []);
    expect(composePage(head, 1, new Map())).toEqual({
      kind: "listing",
      title: "Empty",
      page: 1,
      totalPages: 1,
      total: 0,
      items: [],
    });
  });
});
