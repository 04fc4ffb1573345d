// parseArticleFile: UTF-8, front matter and schema problems, each with file, field and line.
import { describe, expect, it } from "vitest";
import { formatProblem, parseArticleFile } from "../../kv-seed/lib/parse.ts";

const VALID = `---
headline: Harbourton opens a ferry line
published: 2026-11-02T08:30:00+01:00
section: Science
summary: A short summary.
---

The body.
`;

const parse = (text: string) => parseArticleFile("a.md", new TextEncoder().encode(text));
const problems = (text: string) => {
  const r = parse(text);
  return r.ok ? [] : r.problems.map(formatProblem);
};
const withFields = (lines: string) => VALID.replace("summary: A short summary.\n", `summary: A short summary.\n${lines}\n`);

describe("parseArticleFile", () => {
  it("returns the front matter with defaults and the Markdown body of a valid file", () => {
    const r = parse(VALID);
    expect(r.ok && r.article.frontMatter).toEqual({
      headline: "Harbourton opens a ferry line",
      published: "2026-11-02T08:30:00+01:00",
      section: "Science",
      summary: "A short summary.",
      authors: [],
      tags: [],
      lang: "en",
      draft: false,
      redirect_from: [],
    });
    expect(r.ok && r.article.markdown.trim()).toBe("The body.");
  });

  it("accepts a UTF-8 byte order mark", () => {
    expect(parse(`\uFEFF${VALID}`).ok).toBe(true);
  });

  it("names the line of the first byte that is not UTF-8", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("---\nheadline: Caf"), 0xe9, ...new TextEncoder().encode("\n")]);
    const r = parseArticleFile("a.md", bytes);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual(["a.md:2: is not valid UTF-8 text; save it as UTF-8"]);
  });

  it("refuses a file without front matter", () => {
    expect(problems("Just text.\n")).toEqual(["a.md:1: front matter: missing: start the file with a line of three dashes (---)"]);
  });

  it("refuses front matter that is not YAML, with the parser's line", () => {
    expect(problems(VALID.replace("section: Science", "section: [Science"))).toEqual([
      "a.md:5: front matter: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (hint: check the indentation, and that every [ has a matching ])",
    ]);
  });

  it("refuses front matter that is a list instead of key: value pairs", () => {
    expect(problems("---\n- a\n- b\n---\nBody\n")).toEqual(["a.md:2: front matter: must be YAML key: value pairs"]);
  });

  it("names an unknown field at its line, also inside the image", () => {
    expect(problems(withFields("headlnie: typo\nimage:\n  src: a.jpg\n  alt: A\n  captoin: no"))).toEqual([
      'a.md:6: headlnie: is not a known field; did you mean "headline"? (docs/writing.md lists the fields)',
      'a.md:10: image.captoin: is not a known field; did you mean "caption"? (docs/writing.md lists the fields)',
    ]);
  });

  it("names every unknown field of one object, each with the closest known name", () => {
    expect(problems(withFields("sumary: typo\ntgas: [a]\ncolour: red"))).toEqual([
      'a.md:6: sumary: is not a known field; did you mean "summary"? (docs/writing.md lists the fields)',
      'a.md:7: tgas: is not a known field; did you mean "tags"? (docs/writing.md lists the fields)',
      "a.md:8: colour: is not a known field (docs/writing.md lists the fields)",
    ]);
  });

  it("reads a file saved with Windows line endings (CRLF) exactly like one with LF", () => {
    const crlf = withFields("image:\n  src: /static/a.jpg\n  alt: A\n  width: 640\n  height: 360").replace(/\n/g, "\r\n");
    const r = parse(crlf);
    expect(r.ok && r.article.frontMatter.image).toEqual({ src: "/static/a.jpg", alt: "A", width: 640, height: 360 });
    expect(r.ok && r.article.markdown).toBe("\nThe body.\n");
  });

  it("reads a file with a byte order mark and CRLF line endings", () => {
    expect(parse(`\uFEFF${VALID.replace(/\n/g, "\r\n")}`).ok).toBe(true);
  });

  it("refuses a YAML alias bomb quickly instead of expanding it", () => {
    const bomb = `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\nBody\n`;
    expect(problems(bomb)).toEqual([
      "a.md:1: front matter: cannot be read: Excessive alias count indicates a resource exhaustion attack; write the values out instead of using YAML aliases (*name)",
    ]);
  });

  it("explains an unquoted colon in a headline", () => {
    expect(problems(VALID.replace("headline: Harbourton opens a ferry line", "headline: Breaking: a ferry line"))).toEqual([
      'a.md:2: front matter: is not valid YAML: Nested mappings are not allowed in compact mappings (hint: a value containing a colon and a space must be in quotes, e.g. headline: "Breaking: the harbour closes"; or check the indentation)',
    ]);
  });

  it("reports every problem of a file, not only the first, in line order", () => {
    expect(problems("---\npublished: yesterday\nsection: World\n---\n")).toEqual([
      "a.md:1: headline: is required",
      "a.md:1: summary: is required",
      'a.md:2: published: must be an ISO 8601 date-time with a time zone, e.g. 2017-08-30T12:00:00+04:00 (got "yesterday")',
      "a.md:5: body: is empty: write the article below the front matter",
    ]);
  });

  it("refuses impossible calendar dates that Date.parse would accept", () => {
    expect(Number.isNaN(Date.parse("2017-02-30T10:00:00Z"))).toBe(false);
    expect(problems(VALID.replace("2026-11-02T08:30:00+01:00", "2017-02-30T10:00:00Z"))).toEqual([
      'a.md:3: published: is not a real date and time (check the day of the month and the hour) (got "2017-02-30T10:00:00Z")',
    ]);
  });

  it("refuses a date without a time zone", () => {
    expect(problems(VALID.replace("2026-11-02T08:30:00+01:00", "2026-11-02T08:30:00"))).toEqual([
      'a.md:3: published: must be an ISO 8601 date-time with a time zone, e.g. 2017-08-30T12:00:00+04:00 (got "2026-11-02T08:30:00")',
    ]);
  });

  it("points at each list item that is not text", () => {
    expect(problems(withFields("tags:\n  - Energy\n  - 42\n  - [x]"))).toEqual([
      "a.md:8: tags[1]: must be text (got 42)",
      "a.md:9: tags[2]: must be text (got Array)",
    ]);
  });

  it("looks inside a union to name the bad author", () => {
    expect(problems(withFields("authors: [Ana, 7]"))).toEqual(["a.md:6: authors[1]: must be text (got 7)"]);
  });

  it("keeps the union's own message when the value has neither shape", () => {
    expect(problems(withFields("authors: 7"))).toEqual(["a.md:6: authors: must be a name or a list of names"]);
  });

  it("refuses a javascript: image URL with the nested field name", () => {
    expect(problems(withFields('image:\n  src: "javascript:alert(1)"\n  alt: A'))).toEqual([
      'a.md:7: image.src: must be an http(s) URL, a bundled /static/ file, or a path relative to the article such as media/harbour.jpg (got "javascript:alert(1)")',
    ]);
  });

  it("refuses a slug that is not lower-case and URL-safe", () => {
    expect(problems(withFields("slug: Harbour_News"))).toEqual([
      'a.md:6: slug: must be lower-case letters, digits and single hyphens (e.g. my-article-2) (got "Harbour_News")',
    ]);
  });

  it("refuses a draft flag that is not a boolean", () => {
    expect(problems(withFields("draft: yes"))).toEqual(['a.md:6: draft: must be true or false (got "yes")']);
  });

  it("refuses a file larger than a KV value before decoding it", () => {
    const r = parseArticleFile("big.md", new Uint8Array(30 * 1024 * 1024));
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      "big.md: body: file is 30.0 MiB; a KV value holds at most 25 MiB",
    ]);
  });
});
