// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a valibot schema: what the spec requires and the fields we send.
import * as v from "valibot";

const Url = v.pipe(v.string(), v.url());
/** RFC 3339 date-time, as the spec requires for date_published and date_modified. */
const Rfc3339 = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/));
const Author = v.object({ name: v.string(), url: v.optional(Url), avatar: v.optional(Url) });

export const JsonFeedItemSchema = v.object({
  // Required: id (a string); one of content_html or content_text.
  id: v.pipe(v.string(), v.minLength(1)),
  url: v.optional(Url),
  title: v.optional(v.string()),
  summary: v.optional(v.string()),
  content_html: v.string(),
  image: v.optional(Url),
  date_published: v.optional(Rfc3339),
  date_modified: v.optional(Rfc3339),
  authors: v.optional(v.array(Author)),
  tags: v.optional(v.array(v.string())),
  language: v.optional(v.string()),
});

export const JsonFeedSchema = v.object({
  version: v.literal("https://jsonfeed.org/version/1.1"),
  title: v.pipe(v.string(), v.minLength(1)),
  home_page_url: v.optional(Url),
  feed_url: v.optional(Url),
  description: v.optional(v.string()),
  language: v.optional(v.string()),
  authors: v.optional(v.array(Author)),
  items: v.array(JsonFeedItemSchema),
});
export type JsonFeedDoc = v.InferOutput<typeof JsonFeedSchema>;
