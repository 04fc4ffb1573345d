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
import { VFile } from "vfile";
import { type BodyImageData, type BodyMedia, type FoundImage, rehypePictures, remarkCollectImages } from "./body-images.ts";

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

type RenderData = BodyImageData & { before?: string[]; after?: string[] };

/** Built once: plugins report through vfile.data (what sanitizing removed, local images), never through closures. */
const PROCESSOR = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(() => (tree: Root, file: VFile) => {
    (file.data as RenderData).before = describe(tree);
  })
  .use(rehypeSanitize, SCHEMA)
  .use(() => (tree: Root, file: VFile) => {
    (file.data as RenderData).after = describe(tree);
  })
  // After sanitizing: the pictures are the publisher's own markup, made from checked images.
  .use(rehypePictures)
  .use(rehypeStringify)
  .freeze();

/** Parses only, to list the images a body uses before any is processed. */
const IMAGE_COLLECTOR = unified().use(remarkParse).use(remarkGfm).use(remarkCollectImages).freeze();

/**
 * Renders Markdown (with raw HTML allowed in) to sanitized HTML and lists what sanitizing took out. Local images
 * become <picture>s from `media` (by the path as written).
 */
export function renderMarkdown(markdown: string, media?: Record<string, BodyMedia>): RenderedBody {
  const file = new VFile({ value: markdown, data: media ? { media } : {} });
  const html = String(PROCESSOR.processSync(file)).trim();
  const data = file.data as RenderData;
  return { html, removed: subtract(data.before ?? [], data.after ?? []) };
}

/** Every image a body refers to, with its line in the body. Bodies with no `![` skip the parse. */
export function collectBodyImages(markdown: string): FoundImage[] {
  if (!markdown.includes("![")) return [];
  const file = new VFile({ value: markdown });
  IMAGE_COLLECTOR.runSync(IMAGE_COLLECTOR.parse(file), file);
  return (file.data as BodyImageData).images ?? [];
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
