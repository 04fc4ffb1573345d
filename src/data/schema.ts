// The article format in KV: the records the publisher writes and the Worker reads, checked by the same schemas.
// (What a journalist writes, the front matter, is the publisher's: kv-seed/lib/front-matter.ts.)
import * as v from "valibot";

/** Lower-case, URL-safe: words of a–z and 0–9 joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 100;

/** True for a string that can be a slug: the check routes make before any KV read, and the publisher's too. */
export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}

/** Languages written right to left; any BCP 47 tag whose primary subtag is here renders with dir="rtl". */
const RTL_LANGUAGES = new Set(["ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"]);

/** A slug as stored and as written in front matter, with the publisher's error messages. */
export const SlugSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`),
  v.regex(SLUG_PATTERN, "must be lower-case letters, digits and single hyphens (e.g. my-article-2)"),
);
/**
 * Read side: a date the Worker can format. KV holds what the publisher wrote, but a value edited by hand (or by an
 * older publisher) may carry a date that is not one: an optional date like that is dropped, a card without a usable
 * `published` is left out of its list, so one bad value never takes down a page, feed or sitemap.
 */
export const isUsableDate = (s: string) => !Number.isNaN(Date.parse(s));
const UsableDate = v.pipe(v.string(), v.check(isUsableDate));
const OptionalDate = v.fallback(v.optional(UsableDate), undefined);
const hasUsableDate = (item: { published: string }) => isUsableDate(item.published);

/** A section or tag: the name as written, and the slug used in its URL. */
export const TermSchema = v.object({ name: v.string(), slug: SlugSchema });
export type Term = v.InferOutput<typeof TermSchema>;

/** Publisher-made variants of a local image: `/media/<hash>-<width>.<avif|webp|jpg>` for each width (render/media.ts). */
export const VariantsSchema = v.object({ hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)), widths: v.array(v.number()) });
export type Variants = v.InferOutput<typeof VariantsSchema>;

/** An image as pages show it: `src` is the fallback (a JPEG variant, or the URL as written). */
export const ImageSchema = v.object({
  src: v.string(),
  alt: v.string(),
  caption: v.optional(v.string()),
  credit: v.optional(v.string()),
  width: v.optional(v.number()),
  height: v.optional(v.number()),
  variants: v.optional(VariantsSchema),
});
export type Image = v.InferOutput<typeof ImageSchema>;

/** What a listing, a feed or a related-posts card shows of an article. */
export const CardSchema = v.object({
  slug: SlugSchema,
  headline: v.string(),
  summary: v.string(),
  published: v.string(),
  updated: OptionalDate,
  authors: v.array(v.string()),
  section: TermSchema,
  lang: v.string(),
  image: v.optional(ImageSchema),
});
export type Card = v.InferOutput<typeof CardSchema>;

/** Related-article cards per article: the publisher stores at most this many and the page shows at most this many. */
export const MAX_RELATED = 5;

/** The KV value for one article: everything its page needs in a single read. */
export const ArticleRecordSchema = v.object({
  ...CardSchema.entries,
  kind: v.literal("article"),
  source: v.optional(v.object({ name: v.string(), url: v.optional(v.string()) })),
  tags: v.array(TermSchema),
  dir: v.picklist(["ltr", "rtl"]),
  /** Sanitized at publish time; the Worker inserts it as is. */
  bodyHtml: v.string(),
  /** At most MAX_RELATED, best match first; cards without a usable date are left out. */
  related: v.pipe(v.array(CardSchema), v.filterItems(hasUsableDate)),
  /** The authors with the slugs of their /author/<slug> pages (absent in records written before author pages). */
  bylines: v.optional(v.array(TermSchema)),
  /** Content hash of the record without this field: the article's version. */
  hash: v.string(),
});
export type ArticleRecord = v.InferOutput<typeof ArticleRecordSchema>;

/** An old slug (redirect_from) that points at the canonical one. */
export const RedirectRecordSchema = v.object({ kind: v.literal("redirect"), to: SlugSchema });
/** A pruned article: its URL answers 410 Gone. */
export const GoneRecordSchema = v.object({ kind: v.literal("gone"), removed: v.string() });

/** Everything that can live at an article key. */
export const ArticleEntrySchema = v.variant("kind", [ArticleRecordSchema, RedirectRecordSchema, GoneRecordSchema]);
export type ArticleEntry = v.InferOutput<typeof ArticleEntrySchema>;

/** One page of a listing (home, section or tag), newest first. */
export const ListingPageSchema = v.object({
  kind: v.literal("listing"),
  title: v.string(),
  page: v.number(),
  totalPages: v.number(),
  total: v.number(),
  items: v.pipe(v.array(CardSchema), v.filterItems(hasUsableDate)),
});
export type ListingPage = v.InferOutput<typeof ListingPageSchema>;

/** A listing's head: its size and its newest cards (the top bucket's and one full bucket's worth). */
export const ListingHeadSchema = v.object({
  kind: v.literal("listing-head"),
  title: v.string(),
  total: v.number(),
  /** Full buckets stored under `<head>:b:1` … `<head>:b:<buckets>`, oldest first. */
  buckets: v.number(),
  items: v.array(CardSchema),
});
export type ListingHead = v.InferOutput<typeof ListingHeadSchema>;

/** LISTING_BUCKET cards of a listing, newest first, counted from the oldest end so adding an article never moves them. */
export const ListingBucketSchema = v.object({ kind: v.literal("listing-bucket"), items: v.array(CardSchema) });
export type ListingBucket = v.InferOutput<typeof ListingBucketSchema>;

/** The site registry as the Worker reads it (`v1:site`): sections in navigation order, authors. */
export const SiteSchema = v.object({
  kind: v.literal("site"),
  sections: v.array(
    v.object({ name: v.string(), slug: SlugSchema, description: v.optional(v.string()), nav: v.optional(v.number()) }),
  ),
  authors: v.array(v.object({ name: v.string(), slug: SlugSchema, bio: v.optional(v.string()), link: v.optional(v.string()) })),
});
export type Site = v.InferOutput<typeof SiteSchema>;

/** The sections for the header navigation (data/sections.ts reads them). */
export const SectionListSchema = v.object({ kind: v.literal("sections"), items: v.array(TermSchema) });
export type SectionList = v.InferOutput<typeof SectionListSchema>;

/** Every published article with what sitemaps need. */
export const SitemapSchema = v.object({
  kind: v.literal("sitemap"),
  entries: v.pipe(
    v.array(
      v.pipe(
        v.object({ slug: SlugSchema, headline: v.string(), published: v.string(), modified: v.string(), lang: v.string() }),
        // A bad modified date falls back to the publication date, which sitemaps also accept.
        v.transform((e) => (isUsableDate(e.modified) ? e : { ...e, modified: e.published })),
      ),
    ),
    v.filterItems(hasUsableDate),
  ),
});
export type Sitemap = v.InferOutput<typeof SitemapSchema>;

/** Scheduled articles stay hidden until their publication time: the rule for every page, listing and feed. */
export function isPublishedBy(item: { published: string }, now: number): boolean {
  return Date.parse(item.published) <= now;
}

/** Text direction for a BCP 47 language tag. */
export function directionOf(lang: string): "ltr" | "rtl" {
  return RTL_LANGUAGES.has(lang.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}
