// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) beside each Atom feed: the same articles and full bodies. Pure.
import type { FeedItem } from "../data/feed-schema.ts";
import { socialImage } from "../data/media.ts";
import { absoluteBody, absoluteUrl, articlePath } from "./format.ts";
import { modifiedAt, utc } from "./xml.ts";

export type JsonFeed = {
  title: string;
  description: string;
  siteUrl: string;
  /** Site paths of this JSON Feed and of the HTML page it follows. */
  selfPath: string;
  pagePath: string;
  items: FeedItem[];
};

/** The feed as JSON text; `<` is escaped so the text is also safe to embed anywhere HTML is parsed. */
export function jsonFeed({ title, description, siteUrl, selfPath, pagePath, items }: JsonFeed): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title,
    description,
    home_page_url: absoluteUrl(pagePath, siteUrl),
    feed_url: absoluteUrl(selfPath, siteUrl),
    language: "en",
    items: items.map((item) => {
      const url = absoluteUrl(articlePath(item.slug), siteUrl);
      return {
        id: url,
        url,
        title: item.headline,
        summary: item.summary,
        content_html: absoluteBody(item.bodyHtml, siteUrl),
        date_published: utc(item.published),
        date_modified: modifiedAt(item),
        ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name })) } : {}),
        tags: [item.section.name, ...item.tags.map((t) => t.name)],
        language: item.lang,
        ...(item.image ? { image: absoluteUrl(socialImage(item.image).src, siteUrl) } : {}),
      };
    }),
  };
  return JSON.stringify(feed).replace(/</g, "\\u003c");
}
