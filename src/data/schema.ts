// The article format: one schema for what publishers write and for what the Worker reads from KV.
import * as v from "valibot";

/** Lower-case, URL-safe: words of a–z and 0–9 joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 100;

/** True for a string that can be a slug: the check routes make before any KV read, and the publisher's too. */
export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}
/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm), as feeds and JSON-LD need. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Languages written right to left; any BCP 47 tag whose primary subtag is here renders with dir="rtl". */
const RTL_LANGUAGES = new Set(["ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"]);

const Slug = v.pipe(
  v.string(),
  v.maxLength(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`),
  v.regex(SLUG_PATTERN, "must be lower-case letters, digits and single hyphens (e.g. my-article-2)"),
);

const DateTime = v.pipe(
  v.string("must be an ISO 8601 date-time with a time zone, e.g. 2017-08-30T12:00:00+04:00"),
  v.regex(ISO_DATE_TIME, "must be an ISO 8601 date-time with a time zone, e.g. 2017-08-30T12:00:00+04:00"),
  v.check(
    (s) => !ISO_DATE_TIME.test(s) || isRealDateTime(s),
    "is not a real date and time (check the day of the month and the hour)",
  ),
);

/**
 * True when every part of an ISO date-time is in range. `Date.parse` alone is not enough: it accepts
 * 2017-02-30 (rolling over to 2 March), and some engines accept 24:00.
 */
export function isRealDateTime(s: string): boolean {
  const m = ISO_DATE_TIME_PARTS.exec(s);
  if (!m) return false;
  type Parts = [number, number, number, number, number, number, number, number];
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = m.slice(1).map((x) => Number(x ?? 0)) as Parts;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const inRange = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
  return (
    inRange && hour <= 23 && minute <= 59 && second <= 59 && zoneHour <= 14 && zoneMinute <= 59 && !Number.isNaN(Date.parse(s))
  );
}
const ISO_DATE_TIME_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const SafeUrl = v.pipe(
  v.string(),
  v.check(
    (s) => (s.startsWith("/") ? !s.startsWith("//") : /^https?:\/\//i.test(s) && URL.canParse(s)),
    "must be an http(s) URL or a site path starting with /",
  ),
);

/**
 * Where an image comes from: an http(s) URL (served as is, not resized), a bundled `/static/` file, or a path relative
 * to the article file (`media/harbour.jpg`), which the publisher checks and turns into responsive variants.
 */
const ImageSource = v.pipe(
  v.string(),
  v.check(
    (s) =>
      /^https?:\/\//i.test(s)
        ? URL.canParse(s)
        : s.startsWith("/static/") || (s !== "" && !/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(s)),
    "must be an http(s) URL, a bundled /static/ file, or a path relative to the article such as media/harbour.jpg",
  ),
);

const Label = (max: number) =>
  v.pipe(
    v.string("must be text"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const LanguageTag = v.pipe(
  v.string(),
  v.regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, "must be a BCP 47 language tag such as en or ar"),
);

/** The YAML front matter a publisher writes at the top of each Markdown file. */
export const FrontMatterSchema = v.strictObject({
  headline: Label(200),
  slug: v.optional(Slug),
  published: DateTime,
  updated: v.optional(DateTime),
  authors: v.optional(
    v.union([Label(100), v.array(Label(100), "must be a name or a list of names")], "must be a name or a list of names"),
    [],
  ),
  source: v.optional(
    v.union(
      [Label(100), v.strictObject({ name: Label(100), url: v.optional(SafeUrl) })],
      "must be a name, or an object with name and an optional url",
    ),
  ),
  section: Label(60),
  tags: v.optional(v.array(Label(60), "must be a list of words"), []),
  summary: Label(300),
  image: v.optional(
    v.strictObject({
      src: ImageSource,
      alt: Label(300),
      caption: v.optional(Label(300)),
      credit: v.optional(Label(120)),
      width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    }),
  ),
  lang: v.optional(LanguageTag, "en"),
  draft: v.optional(v.boolean("must be true or false"), false),
  redirect_from: v.optional(v.array(Slug, "must be a list of slugs"), []),
});
export type FrontMatter = v.InferOutput<typeof FrontMatterSchema>;

/** A section or tag: the name as written, and the slug used in its URL. */
export const TermSchema = v.object({ name: v.string(), slug: Slug });
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
  slug: Slug,
  headline: v.string(),
  summary: v.string(),
  published: v.string(),
  updated: v.optional(v.string()),
  authors: v.array(v.string()),
  section: TermSchema,
  lang: v.string(),
  image: v.optional(ImageSchema),
});
export type Card = v.InferOutput<typeof CardSchema>;

/** The KV value for one article: everything its page needs in a single read. */
export const ArticleRecordSchema = v.object({
  ...CardSchema.entries,
  kind: v.literal("article"),
  source: v.optional(v.object({ name: v.string(), url: v.optional(v.string()) })),
  tags: v.array(TermSchema),
  dir: v.picklist(["ltr", "rtl"]),
  /** Sanitized at publish time; the Worker inserts it as is. */
  bodyHtml: v.string(),
  related: v.array(CardSchema),
  /** Content hash of the record without this field: the article's version. */
  hash: v.string(),
});
export type ArticleRecord = v.InferOutput<typeof ArticleRecordSchema>;

/** An old slug (redirect_from) that points at the canonical one. */
export const RedirectRecordSchema = v.object({ kind: v.literal("redirect"), to: Slug });
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
  items: v.array(CardSchema),
});
export type ListingPage = v.InferOutput<typeof ListingPageSchema>;

/** The sections for the header navigation (data/sections.ts reads them). */
export const SectionListSchema = v.object({ kind: v.literal("sections"), items: v.array(TermSchema) });
export type SectionList = v.InferOutput<typeof SectionListSchema>;

/** Every published article with what sitemaps need. */
export const SitemapSchema = v.object({
  kind: v.literal("sitemap"),
  entries: v.array(v.object({ slug: Slug, headline: v.string(), published: v.string(), modified: v.string(), lang: v.string() })),
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
