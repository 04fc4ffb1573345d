// The front matter a journalist writes at the top of each Markdown file: the publisher's input, validated before
// anything is built. The records it becomes are src/data/schema.ts, which the Worker reads with.
import * as v from "valibot";
import { SlugSchema as Slug } from "../../src/data/schema.ts";

/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm), as feeds and JSON-LD need. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

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
 * to the article file (`media/harbour.jpg`), which the publisher checks and turns into responsive variants (images.ts).
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

/** Trimmed, non-empty text of at most `max` characters: headlines, names, summaries; site.yaml's too. */
export const Label = (max: number) =>
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
