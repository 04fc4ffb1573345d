// Image variant names and URLs, shared by the publisher (which writes them) and the Worker (which links and serves them). Pure.
import type { Image, Variants } from "./schema.ts";

/** The formats every local image is encoded to, best first; the last is the fallback every browser reads. */
export const MEDIA_FORMATS = ["avif", "webp", "jpg"] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

export const MEDIA_TYPES: Record<MediaFormat, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };

/** The width used for og:image, twitter:image and JSON-LD (the size social networks ask for). */
export const SOCIAL_WIDTH = 1200;

/** `<16 hex>-<width>.<ext>`: the only names /media/ serves. */
export const MEDIA_NAME = /^([0-9a-f]{16})-([1-9][0-9]{1,3})\.(avif|webp|jpg)$/;

export const mediaName = (hash: string, width: number, format: MediaFormat) => `${hash}-${width}.${format}`;
export const mediaPath = (hash: string, width: number, format: MediaFormat) => `/media/${mediaName(hash, width, format)}`;

/** `srcset` for one format: every width, narrowest first. */
export function srcsetFor(variants: Variants, format: MediaFormat): string {
  return variants.widths.map((w) => `${mediaPath(variants.hash, w, format)} ${w}w`).join(", ");
}

/** The variant closest to `width` from below (or the narrowest): the fallback `src` and the social image. */
export function widthNear(variants: Variants, width: number): number {
  const below = variants.widths.filter((w) => w <= width);
  return below.length > 0 ? Math.max(...below) : Math.min(...variants.widths);
}

/** Content types by extension, for the /media/ route. */
export function mediaTypeOf(name: string): string | null {
  const m = MEDIA_NAME.exec(name);
  return m ? MEDIA_TYPES[m[3] as MediaFormat] : null;
}

/** The image social cards and JSON-LD use: the 1200-px JPEG variant (or the URL as written) and its size when known. */
export function socialImage(image: Image): { src: string; width?: number; height?: number } {
  if (!image.variants || !image.width || !image.height) return { src: image.src, width: image.width, height: image.height };
  const width = widthNear(image.variants, SOCIAL_WIDTH);
  return { src: mediaPath(image.variants.hash, width, "jpg"), width, height: Math.round((image.height * width) / image.width) };
}
