// resolveSlugs: a published article keeps its URL when its headline changes; a new slug: redirects the old one.
import { describe, expect, it } from "vitest";
import type { FrontMatter } from "../../kv-seed/lib/front-matter.ts";
import { hashOf } from "../../kv-seed/lib/hash.ts";
import type { SourceArticle } from "../../kv-seed/lib/parse.ts";
import { resolveSlugs } from "../../kv-seed/lib/slugs.ts";
import { sourceArticle } from "./support/source.ts";

const source = (name: string, fm: Partial<FrontMatter>, markdown = `Body of ${name}.`): SourceArticle =>
  sourceArticle({ headline: "A headline", ...fm }, { file: `articles/${name}`, name, markdown });
const slugOf = (s: SourceArticle, previous = {}) => resolveSlugs([s], previous).get(s);

describe("resolveSlugs", () => {
  it("derives the slug from the headline on first publish", () => {
    expect(slugOf(source("a.md", { headline: "Harbour Opens!" }))).toMatchObject({
      slug: "harbour-opens",
      reason: "derived",
      former: [],
    });
  });

  it("keeps the published slug when the headline changes", () => {
    const s = source("a.md", { headline: "Harbour opens, with a typo fixed" });
    expect(slugOf(s, { "a.md": { slug: "harbour-opens" } })).toMatchObject({
      slug: "harbour-opens",
      reason: "kept",
      derived: "harbour-opens-with-a-typo-fixed",
      former: [],
    });
  });

  it("moves to an explicit slug and remembers the old one as a redirect", () => {
    const s = source("a.md", { slug: "harbour-reopens" });
    expect(slugOf(s, { "a.md": { slug: "harbour-opens", former: ["older"] } })).toMatchObject({
      slug: "harbour-reopens",
      reason: "explicit",
      former: ["older", "harbour-opens"],
    });
  });

  it("drops a former slug the article takes back", () => {
    const s = source("a.md", { slug: "older" });
    expect(slugOf(s, { "a.md": { slug: "harbour-opens", former: ["older"] } })?.former).toEqual(["harbour-opens"]);
  });

  it("keeps the slug of a renamed file whose body is unchanged", () => {
    const s = source("renamed.md", { headline: "A new headline too" }, "Same body.");
    expect(slugOf(s, { "old-name.md": { slug: "first-slug", body: hashOf("Same body.") } })).toMatchObject({
      slug: "first-slug",
      reason: "renamed-file",
    });
  });
});
