// Author slugs for author feeds' URLs. The one place that derives them, so a site registry of authors can take over.
import slugify from "@sindresorhus/slugify";

/** The URL slug of an author's name ("A. N. Example" → "a-n-example"); empty when the name has no URL-safe letters. */
export function authorSlug(name: string): string {
  return slugify(name);
}
