// Stable URLs: an article keeps the slug it was first published under when its headline changes; a new explicit `slug:`
// turns the old one into a redirect. The memory is the manifest's `articles` map (file name → slug). Pure.
import slugify from "@sindresorhus/slugify";
import { hashOf } from "./hash.ts";
import type { SourceArticle } from "./parse.ts";
import type { PublishedArticle } from "./types.ts";

/** Why an article has the slug it has, for the publisher's output. */
export type SlugReason = "explicit" | "kept" | "renamed-file" | "derived";

export type ResolvedSlug = {
  slug: string;
  reason: SlugReason;
  /** Slugs the article had before: each answers 301 to `slug`. */
  former: string[];
  /** The slug the current headline would give, when the kept one differs (the output says the URL stayed). */
  derived: string;
};

const nameOf = (s: SourceArticle) => s.name ?? s.file;

/**
 * Resolves the slug of each published (non-draft) article against what was published before:
 * an explicit `slug:` wins (the old slug becomes a redirect); otherwise the slug this file was published under;
 * otherwise, for a file that looks renamed (same body as a file that vanished), that file's slug; otherwise the
 * slug derived from the headline.
 */
export function resolveSlugs(
  sources: SourceArticle[],
  previous: Record<string, PublishedArticle>,
): Map<SourceArticle, ResolvedSlug> {
  const present = new Set(sources.map(nameOf));
  const vanishedByBody = new Map<string, PublishedArticle>();
  for (const [name, record] of Object.entries(previous))
    if (!present.has(name) && record.body) vanishedByBody.set(record.body, record);
  const resolved = new Map<SourceArticle, ResolvedSlug>();
  for (const source of sources) {
    const fm = source.frontMatter;
    const derived = slugify(fm.headline);
    const before = previous[nameOf(source)] ?? vanishedByBody.get(hashOf(source.markdown));
    const renamed = previous[nameOf(source)] === undefined && before !== undefined;
    if (renamed && before) vanishedByBody.delete(before.body ?? "");
    const former = [...(before?.former ?? [])];
    let slug: string;
    let reason: SlugReason;
    if (fm.slug !== undefined) {
      slug = fm.slug;
      reason = "explicit";
      if (before && before.slug !== slug) former.push(before.slug);
    } else if (before) {
      slug = before.slug;
      reason = renamed ? "renamed-file" : "kept";
    } else {
      slug = derived;
      reason = "derived";
    }
    resolved.set(source, { slug, reason, former: [...new Set(former)].filter((s) => s !== slug), derived });
  }
  return resolved;
}

/** What the manifest remembers of a published article. */
export const publishedRecord = (source: SourceArticle, slug: ResolvedSlug): [string, PublishedArticle] => [
  nameOf(source),
  { slug: slug.slug, ...(slug.former.length > 0 ? { former: slug.former } : {}), body: hashOf(source.markdown) },
];
