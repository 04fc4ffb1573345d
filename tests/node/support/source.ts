// A parsed article for the publisher's pure stages (buildSite, resolveSlugs), with valid defaults for every field.
import type { FrontMatter } from "../../../kv-seed/lib/front-matter.ts";
import type { SourceArticle } from "../../../kv-seed/lib/parse.ts";

/** A SourceArticle as parseArticleFile returns it; `frontMatter` fields override the defaults. */
export function sourceArticle(
  frontMatter: Partial<FrontMatter> & { headline: string },
  rest: Partial<Omit<SourceArticle, "frontMatter">> = {},
): SourceArticle {
  return {
    file: "a.md",
    bodyLine: 7,
    markdown: "Body.",
    ...rest,
    frontMatter: {
      published: "2026-11-01T10:00:00Z",
      section: "World",
      summary: "Summary.",
      authors: [],
      tags: [],
      lang: "en",
      draft: false,
      redirect_from: [],
      ...frontMatter,
    },
  };
}
