// Images in an article body: a remark plugin that reports every Markdown image through vfile.data, and a rehype plugin
// that turns the local ones into responsive <picture>s (a lone image in its paragraph becomes a <figure> with caption).
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Definition, Root as MdRoot } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { MEDIA_FORMATS, MEDIA_TYPES, mediaPath, srcsetFor, widthNear } from "../../src/data/media.ts";
import type { Variants } from "../../src/data/schema.ts";

/** An image the body refers to: its URL as written, alt text, title (the caption) and line in the Markdown. */
export type FoundImage = { url: string; alt: string; title: string | null; line: number };

/** What the body-image plugins read from and write to `vfile.data`. */
export type BodyImageData = {
  /** Written by remarkCollectImages: every image in the body, in order. */
  images?: FoundImage[];
  /** Read by rehypePictures: the variants of each local image, by the URL as written. */
  media?: Record<string, BodyMedia>;
};

export type BodyMedia = { variants: Variants; width: number; height: number };

/** `sizes` of an image in the article column (42rem wide less its padding). */
export const BODY_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/** True for a URL the publisher must find next to the article: not http(s), not a site path, not another scheme. */
export const isLocalImage = (url: string) => url !== "" && !/^[a-z][a-z0-9+.-]*:|^[/\\#?]/i.test(url);

/** Reports every image (inline or by reference) through `file.data.images`. */
export function remarkCollectImages() {
  return (tree: MdRoot, file: VFile) => {
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
    (file.data as BodyImageData).images = found;
  };
}

/** Rewrites local <img>s (after sanitizing) into lazily loaded <picture>s from `file.data.media`. */
export function rehypePictures() {
  return (tree: HastRoot, file: VFile) => {
    const media = (file.data as BodyImageData).media ?? {};
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "img") return;
      const src = String(node.properties.src ?? "");
      // Raw HTML <img>s were never checked by the publisher: they stay as the sanitizer left them.
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
}

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
