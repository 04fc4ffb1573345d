// Markdown to safe HTML at publish time: one unified pipeline (remark → rehype → rehype-sanitize with GitHub's
// schema), built once per run; its plugins report what they found through `file.data`, not closure variables.
import type { Element, Root } from "hast";
import { defaultSchema, type Schema } from "hast-util-sanitize";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { type PluggableList, type Plugin, unified } from "unified";
import { visit } from "unist-util-visit";
import { type BodyMedia, type FoundImage, imagesIn, PICTURE_ATTRIBUTES, rehypePictures } from "./body-images.ts";

/**
 * What one body's render yields. render-cache.ts stores it as JSON, so a plugin's finding that the publisher needs
 * must be copied from `file.data` into this type in `renderMarkdown` (and stay JSON-serialisable).
 */
export type RenderedBody = { html: string; removed: string[] };

// What the pipeline's plugins write into `file.data` (unified's typed `DataMap`): declare a new plugin's field here.
declare module "vfile" {
  interface DataMap {
    /** Every element and attribute before sanitizing, as `describe` lists them (set by `rehypeNoteElements`). */
    elementsBeforeSanitize: string[];
    /** What sanitizing took out, as sorted lines with counts (set by `rehypeReportRemoved`). */
    removed: string[];
    /** The checked local images' variants, by the path as written (given by `renderMarkdown`, read by `rehypePictures`). */
    media: Record<string, BodyMedia>;
  }
}

/**
 * What the sanitizer may keep: GitHub's schema, except that `id` and `name` survive only in the `user-content-`
 * namespace remark-rehype already gives footnotes, so raw HTML cannot clobber the page's own ids. (Prefixing with
 * the schema's `clobber` instead would prefix footnote ids twice and break their links.) Plus what `rehypePictures`
 * makes: <figure> and <figcaption>, and the responsive attributes of <picture>'s <source> and <img> (no URL schemes
 * beyond GitHub's: `src` stays http(s) or relative; `srcset` never runs script).
 */
const USER_ID = /^user-content-/;
const SCHEMA: Schema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), ...PICTURE_ATTRIBUTES.img],
    source: [...(defaultSchema.attributes?.source ?? []), ...PICTURE_ATTRIBUTES.source],
    "*": (defaultSchema.attributes?.["*"] ?? []).map((attr) =>
      attr === "id" || attr === "name" ? [attr, USER_ID, "footnote-label"] : attr,
    ),
  },
};

/** Notes every element and attribute before sanitizing, for `rehypeReportRemoved`. */
const rehypeNoteElements: Plugin<[], Root> = () => (tree, file) => {
  file.data.elementsBeforeSanitize = describe(tree);
};

/** Reports what sanitizing removed: the elements noted before it minus those still there. */
const rehypeReportRemoved: Plugin<[], Root> = () => (tree, file) => {
  file.data.removed = subtract(file.data.elementsBeforeSanitize ?? [], describe(tree));
};

/**
 * Plugins on the Markdown tree (mdast), after parsing. Add one here (report through `file.data`, see `DataMap`);
 * a plugin from a package also joins RENDER_PACKAGES in render-cache.ts, so a new version empties the cache.
 */
const REMARK_PLUGINS: PluggableList = [remarkGfm];

/**
 * Plugins on the HTML tree (hast) with the author's raw HTML parsed in, before sanitizing: a plugin that rewrites
 * URLs or attributes belongs here, so the sanitizer still judges its output. Report through `file.data`.
 * `rehypePictures` turns the checked local images (`file.data.media`) into responsive <picture>s and <figure>s.
 */
const REHYPE_PLUGINS: PluggableList = [rehypePictures];

/** The pipeline, built and frozen once: each call of `renderMarkdown` only runs it over a new file. */
const processor = unified()
  .use(remarkParse)
  .use(REMARK_PLUGINS)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(REHYPE_PLUGINS)
  .use(rehypeNoteElements)
  .use(rehypeSanitize, SCHEMA)
  .use(rehypeReportRemoved)
  // Void elements as <img /> (`closeSelfClosing`), as the page's own markup writes them: html-validate's
  // void-style rule holds the whole page, body included, to one style (tools/html-validator.ts).
  .use(rehypeStringify, { closeSelfClosing: true })
  .freeze();

/**
 * Renders Markdown (with raw HTML allowed in) to sanitized HTML and lists what sanitizing took out. Local images
 * become <picture>s from `media` (the checked images' variants, by the path as written).
 */
export function renderMarkdown(markdown: string, media?: Record<string, BodyMedia>): RenderedBody {
  const file = processor.processSync({ value: markdown, data: media ? { media } : {} });
  return { html: String(file).trim(), removed: file.data.removed ?? [] };
}

/**
 * Every image a body refers to, with its line in the body: the same pipeline's parser (so GFM syntax reads the same),
 * run before rendering because the images must be checked and encoded first. Bodies with no `![` skip the parse.
 */
export function collectBodyImages(markdown: string): FoundImage[] {
  if (!markdown.includes("![")) return [];
  return imagesIn(processor.parse(markdown));
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
