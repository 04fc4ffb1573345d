// Markdown to safe HTML at publish time: remark → rehype → rehype-sanitize (GitHub's schema), and what it removed.
import type { Element, Root } from "hast";
import { defaultSchema, type Schema } from "hast-util-sanitize";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

export type RenderedBody = { html: string; removed: string[] };

/**
 * What the sanitizer may keep: GitHub's schema, except that `id` and `name` survive only in the `user-content-`
 * namespace remark-rehype already gives footnotes, so raw HTML cannot clobber the page's own ids. (Prefixing with
 * the schema's `clobber` instead would prefix footnote ids twice and break their links.)
 */
const USER_ID = /^user-content-/;
const SCHEMA: Schema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    "*": (defaultSchema.attributes?.["*"] ?? []).map((attr) =>
      attr === "id" || attr === "name" ? [attr, USER_ID, "footnote-label"] : attr,
    ),
  },
};

/** Renders Markdown (with raw HTML allowed in) to sanitized HTML and lists what sanitizing took out. */
export function renderMarkdown(markdown: string): RenderedBody {
  let before: string[] = [];
  let after: string[] = [];
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(() => (tree: Root) => {
      before = describe(tree);
    })
    .use(rehypeSanitize, SCHEMA)
    .use(() => (tree: Root) => {
      after = describe(tree);
    })
    .use(rehypeStringify);
  const html = String(processor.processSync(markdown)).trim();
  return { html, removed: subtract(before, after) };
}

/** One descriptor per element and attribute, e.g. "<script>", "onerror on <img>", "href on <a>". */
function describe(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, "element", (node: Element) => {
    found.push(`<${node.tagName}>`);
    for (const name of Object.keys(node.properties ?? {})) found.push(`${name.toLowerCase()} on <${node.tagName}>`);
  });
  return found;
}

/** Multiset difference, as sorted unique lines with counts. */
function subtract(before: string[], after: string[]): string[] {
  const counts = new Map<string, number>();
  for (const d of before) counts.set(d, (counts.get(d) ?? 0) + 1);
  for (const d of after) counts.set(d, (counts.get(d) ?? 0) - 1);
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([d, n]) => (n > 1 ? `${d} ×${n}` : d))
    .sort();
}
