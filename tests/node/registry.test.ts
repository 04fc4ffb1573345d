// parseRegistry and buildSite with a registry: sections and authors from site.yaml, every problem at its line.
import { describe, expect, it } from "vitest";
import { buildSite } from "../../kv-seed/lib/build.ts";
import type { FrontMatter } from "../../kv-seed/lib/front-matter.ts";
import { formatProblem } from "../../kv-seed/lib/parse.ts";
import { FREE_REGISTRY, parseRegistry } from "../../kv-seed/lib/registry.ts";
import { sourceArticle } from "./support/source.ts";

const SITE = `sections:
  - name: World
    nav: 2
  - name: Local News
    description: Harbourton and around.
    nav: 1
  - name: Archive
    nav: false
authors:
  - name: Jane Doe
    bio: Covers the harbour.
    link: https://jane.example
`;

const registryOf = (text: string) => parseRegistry("site.yaml", text);
const article = (fm: Partial<FrontMatter>) =>
  sourceArticle({ headline: "A story", ...fm }, { lines: { section: 4, authors: 5 } });

describe("parseRegistry", () => {
  it("orders sections for the header by nav and leaves nav: false out of it", () => {
    const { registry, problems } = registryOf(SITE);
    expect(problems).toEqual([]);
    expect(registry.site?.sections).toEqual([
      { name: "Local News", slug: "local-news", description: "Harbourton and around.", nav: 1 },
      { name: "World", slug: "world", nav: 2 },
      { name: "Archive", slug: "archive" },
    ]);
    expect(registry.site?.authors).toEqual([
      { name: "Jane Doe", slug: "jane-doe", bio: "Covers the harbour.", link: "https://jane.example" },
    ]);
  });

  it("reports every unknown field and wrong value at its line, with suggestions", () => {
    const { problems } = registryOf("sections:\n  - name: World\n    descripton: x\n    nav: first\nauthors:\n  - nme: Jane\n");
    expect(problems.map(formatProblem)).toEqual([
      'site.yaml:3: sections[0].descripton: is not a known field; did you mean "description"? (docs/writing.md lists the fields)',
      "site.yaml:4: sections[0].nav: must be a whole number ≥ 1, or false",
      'site.yaml:6: authors[0].nme: is not a known field; did you mean "name"? (docs/writing.md lists the fields)',
      "site.yaml:6: authors[0].name: is required",
    ]);
  });

  it("refuses two sections with the same slug", () => {
    const { problems } = registryOf("sections:\n  - name: Local News\n  - name: local news\n");
    expect(problems.map(formatProblem)).toEqual([
      'site.yaml:1: sections: "local news" and "Local News" share the name or slug "local-news"',
    ]);
  });
});

describe("buildSite with a registry", () => {
  const { registry } = registryOf(SITE);

  it("refuses an unknown section, suggesting the closest one", () => {
    expect(buildSite([article({ section: "Wrold" })], { registry }).problems.map(formatProblem)).toEqual([
      'a.md:4: section: "Wrold" is not a section in site.yaml; did you mean "World"? (add it there first)',
    ]);
  });

  it("refuses an unknown author, suggesting the closest one", () => {
    expect(buildSite([article({ authors: ["Jane Does"] })], { registry }).problems.map(formatProblem)).toEqual([
      'a.md:5: authors: "Jane Does" is not an author in site.yaml; did you mean "Jane Doe"? (add it there first)',
    ]);
  });

  it("accepts a section by its slug or another case, with the registry's name", () => {
    const { entries, problems } = buildSite([article({ section: "local-news", authors: ["jane doe"] })], { registry });
    expect(problems).toEqual([]);
    const record = JSON.parse(entries.find((e) => e.key === "v1:article:a-story")?.value ?? "{}");
    expect(record.section).toEqual({ name: "Local News", slug: "local-news" });
    expect(record.bylines).toEqual([{ name: "Jane Doe", slug: "jane-doe" }]);
    expect(entries.some((e) => e.key === "v1:list:author:jane-doe")).toBe(true);
    expect(entries.some((e) => e.key === "v1:site")).toBe(true);
  });

  it("accepts any section and author without a registry", () => {
    expect(buildSite([article({ section: "Anything", authors: ["Anyone"] })], { registry: FREE_REGISTRY }).problems).toEqual([]);
  });
});
