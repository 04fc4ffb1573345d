// Images in an article body: `imagesIn` lists every Markdown image of a parsed body, and `rehypePictures` (a plugin of
// markdown.ts's one pipeline, before the sanitizer) turns the local ones into responsive <picture>s from
// `file.data.media` (a lone image in its paragraph becomes a <figure> with its title as the caption).
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Definition, Root as MdRoot } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import { MEDIA_FORMATS, MEDIA_TYPES, mediaPath, srcsetFor, widthNear } from "../../src/data/media.ts";
import type { Variants } from "../../src/data/schema.ts";

/** An image the body refers to: its URL as written, alt text, title (the caption) and line in the Markdown. */
export type FoundImage = { url: string; alt: string; title: string | null; line: number };

export type BodyMedia = { variants: Variants; width: number; height: number };

/** `sizes` of an image in the article column (42rem wide less its padding). */
export const BODY_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/** True for a URL the publisher must find next to the article: not http(s), not a site path, not another scheme. */
export const isLocalImage = (url: string) => url !== "" && !/^[a-z][a-z0-9+.-]*:|^[/\\#?]/i.test(url);

/** Attributes `rehypePictures` sets beyond GitHub's sanitize schema, which markdown.ts's schema therefore keeps. */
export const PICTURE_ATTRIBUTES = {
  img: ["loading", "decoding", "srcSet", "sizes"],
  source: ["type", "sizes"],
} as const;

/** Every image of a parsed body (inline or by reference), in order. */
export function imagesIn(tree: MdRoot): FoundImage[] {
  const definitions = new Map<string, Definition>();
  visit(tree, "definition", (node) => {
    definitions.set(node.identifier.toLowerCase(), node);
  });
  const found: FoundImage[] = [];
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === "image") found.push({ url: node.url, alt: node.alt ?? "", title: node.title ?? null, line });
    if (node.type === "imageReference") {
      const def = definitions.get(node.identifier.toLowerCase());
      if (def) found.push({ url: def.url, alt: node.alt ?? "", title: def.title ?? null, line });
    }
  });
  return found;
}

/** Rewrites local <img>s into lazily loaded <picture>s from `file.data.media` (the sanitizer then judges them). */
export const rehypePictures: Plugin<[], HastRoot> = () => {
  return (tree, file) => {
    const media = file.data.media ?? {};
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "img") return;
      const src = String(node.properties.src ?? "");
      // Only images the publisher checked have variants: any other <img> (an http(s) URL, raw HTML) stays as written.
      const found = isLocalImage(src) ? media[src] : undefined;
      if (!found) return;
      const caption = String(node.properties.title ?? "");
      delete node.properties.title;
      const picture = pictureElement(node, found);
      // A paragraph holding only this image becomes a figure, so the caption can sit under it.
      const grand = parent?.type === "element" && parent.tagName === "p" ? parent : null;
      if (grand?.children.every((c) => c === node || (c.type === "text" && c.value.trim() === ""))) {
        grand.tagName = "figure";
        grand.children = [picture, ...(caption ? [el("figcaption", {}, [{ type: "text", value: caption }])] : [])];
        return;
      }
      if (parent && index !== undefined) parent.children[index] = picture;
    });
  };
};

function pictureElement(img: Element, { variants, width, height }: BodyMedia): Element {
  const sources = MEDIA_FORMATS.slice(0, -1).map((format) =>
    el("source", { type: MEDIA_TYPES[format], srcSet: srcsetFor(variants, format), sizes: BODY_SIZES }),
  );
  const fallback = el("img", {
    ...img.properties,
    loading: "lazy",
    decoding: "async",
    src: mediaPath(variants.hash, widthNear(variants, 800), "jpg"),
    srcSet: srcsetFor(variants, "jpg"),
    sizes: BODY_SIZES,
    width,
    height,
  });
  return el("picture", {}, [...sources, fallback]);
}

const el = (tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element => ({
  type: "element",
  tagName,
  properties,
  children,
});
