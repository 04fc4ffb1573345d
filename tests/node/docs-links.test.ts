// Every Markdown link in README.md and docs/*.md resolves: the relative file exists, and a #fragment names a
// heading of the target as GitHub slugs it (github-slugger, duplicates numbered -1, -2, …).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import type { Root } from "mdast";
import { toString as textOf } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/cli.ts";

const parser = unified().use(remarkParse).use(remarkGfm);
const parse = (file: string) => parser.parse(readFileSync(file, "utf8")) as Root;

/** The documents whose links must work. */
const DOCUMENTS = [
  join(ROOT, "README.md"),
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(ROOT, "docs", name)),
];

/** The fragments a Markdown file offers: its headings' GitHub slugs, and any raw HTML `id`/`name`. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const tree = parse(file);
  visit(tree, "heading", (node) => {
    anchors.add(slugger.slug(textOf(node)));
  });
  visit(tree, "html", (node) => {
    for (const [, id] of node.value.matchAll(/\s(?:id|name)="([^"]+)"/g)) anchors.add(id as string);
  });
  return anchors;
}

type Link = { file: string; line: number; url: string };

/** Every link, image and link definition in a Markdown file. */
function linksOf(file: string): Link[] {
  const links: Link[] = [];
  visit(parse(file), (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") {
      links.push({ file, line: node.position?.start.line ?? 0, url: node.url });
    }
  });
  return links;
}

/** Why a link does not resolve, or null when it does. External URLs are not fetched (no network in CI). */
function brokenReason({ file, url }: Link): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  const hash = url.indexOf("#");
  const path = decodeURIComponent(hash === -1 ? url : url.slice(0, hash));
  const fragment = hash === -1 ? null : decodeURIComponent(url.slice(hash + 1));
  const target = path === "" ? file : resolve(dirname(file), path);
  if (path.startsWith("/")) return "absolute path: link relative to this file instead";
  if (!existsSync(target)) return `${relative(ROOT, target)} does not exist`;
  if (fragment === null || !target.endsWith(".md")) return null;
  return anchorsOf(target).has(fragment) ? null : `no heading #${fragment} in ${relative(ROOT, target)}`;
}

describe("Markdown links in README.md and docs/", () => {
  it("finds the documents and their links", () => {
    expect(DOCUMENTS.length).toBeGreaterThan(1);
    expect(DOCUMENTS.flatMap(linksOf).length).toBeGreaterThan(0);
  });

  it.each(DOCUMENTS.map((file) => [relative(ROOT, file), file]))("resolves every link in %s", (_name, file) => {
    const broken = linksOf(file as string)
      .map((link) => ({ link, reason: brokenReason(link) }))
      .filter(({ reason }) => reason !== null)
      .map(({ link, reason }) => `${relative(ROOT, link.file)}:${link.line}: ${link.url}: ${reason}`);
    expect(broken).toEqual([]);
  });
});

describe("brokenReason", () => {
  const readme = join(ROOT, "README.md");
  const firstDoc = DOCUMENTS[1] as string;
  const docName = relative(dirname(readme), firstDoc);
  const heading = [...anchorsOf(firstDoc)][0] as string;

  it("accepts an existing file, an existing heading and an external URL", () => {
    expect(brokenReason({ file: readme, line: 1, url: docName })).toBeNull();
    expect(brokenReason({ file: readme, line: 1, url: `${docName}#${heading}` })).toBeNull();
    expect(brokenReason({ file: readme, line: 1, url: "https://example.com/nowhere" })).toBeNull();
  });

  it("refuses a missing file, a missing heading and a root-absolute path", () => {
    expect(brokenReason({ file: readme, line: 1, url: "docs/no-such-file.md" })).toBe("docs/no-such-file.md does not exist");
    expect(brokenReason({ file: readme, line: 1, url: `${docName}#no-such-heading` })).toBe(
      `no heading #no-such-heading in ${relative(ROOT, firstDoc)}`,
    );
    expect(brokenReason({ file: readme, line: 1, url: "/docs/writing.md" })).toMatch(/^absolute path/);
  });

  it("slugs headings as GitHub does: lower case, punctuation dropped, spaces to hyphens, duplicates numbered", () => {
    const slugger = new GithubSlugger();
    expect(["Quick start", "What `npm test` runs", "Quick start"].map((h) => slugger.slug(h))).toEqual([
      "quick-start",
      "what-npm-test-runs",
      "quick-start-1",
    ]);
  });
});
