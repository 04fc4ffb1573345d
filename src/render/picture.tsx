// One image as markup: a <picture> with AVIF, WebP and JPEG srcsets for publisher-made variants, or a plain <img> for a
// URL as written. Width and height always come along when known, so the page never shifts as images arrive.

import { MEDIA_FORMATS, MEDIA_TYPES, srcsetFor } from "../data/media.ts";
import type { Image } from "../data/schema.ts";

export type PictureProps = {
  image: Image;
  /** The `sizes` attribute: how wide the image is drawn at each viewport width. */
  sizes: string;
  /** The page's main image (above the fold): fetched first, never lazily. */
  lead?: boolean;
  class?: string;
};

export function Picture({ image, sizes, lead = false, class: className }: PictureProps) {
  const img = (
    <img
      src={image.src}
      srcset={image.variants ? srcsetFor(image.variants, "jpg") : undefined}
      sizes={image.variants ? sizes : undefined}
      alt={image.alt}
      width={image.width}
      height={image.height}
      class={className}
      loading={lead ? undefined : "lazy"}
      fetchpriority={lead ? "high" : undefined}
      decoding={lead ? undefined : "async"}
    />
  );
  const { variants } = image;
  if (!variants) return img;
  return (
    <picture>
      {MEDIA_FORMATS.slice(0, -1).map((format) => (
        <source type={MEDIA_TYPES[format]} srcset={srcsetFor(variants, format)} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}

/** A captioned image: caption and credit under it, the credit marked as such for screen readers too. */
export function Figure(props: PictureProps) {
  const { caption, credit } = props.image;
  return (
    <figure>
      <Picture {...props} />
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span class="credit"> {`Image: ${credit}`}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** `sizes` of the lead image in the article column (42rem wide less padding). */
export const ARTICLE_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";
