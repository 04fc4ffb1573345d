// What an article page adds to <head>: Open Graph article tags, the Twitter card and JSON-LD NewsArticle.
import { raw } from "hono/html";
import { socialImage } from "../data/media.ts";
import type { ArticleRecord } from "../data/schema.ts";
import { NONCE_PLACEHOLDER } from "../security/nonce.ts";
import { absoluteUrl } from "./format.ts";
import { jsonForScript } from "./json-ld.ts";

export type ArticleMetaProps = { article: ArticleRecord; canonical: string; siteName: string; siteUrl: string; logo: string };

/** The schema.org NewsArticle for an article; the image and authors only when the article has them. */
export function newsArticleJsonLd({ article, canonical, siteName, siteUrl, logo }: ArticleMetaProps) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.summary,
    datePublished: article.published,
    dateModified: article.updated ?? article.published,
    inLanguage: article.lang,
    mainEntityOfPage: canonical,
    url: canonical,
    articleSection: article.section.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    ...(article.authors.length > 0 ? { author: article.authors.map((name) => ({ "@type": "Person", name })) } : {}),
    publisher: {
      "@type": "Organization",
      name: siteName,
      url: absoluteUrl("/", siteUrl),
      logo: { "@type": "ImageObject", url: absoluteUrl(logo, siteUrl) },
    },
    ...(article.image ? { image: [absoluteUrl(socialImage(article.image).src, siteUrl)] } : {}),
  };
}

export function ArticleMeta(props: ArticleMetaProps) {
  const { article, siteUrl } = props;
  const image = article.image ? { ...socialImage(article.image), alt: article.image.alt } : undefined;
  return (
    <>
      <meta property="article:published_time" content={article.published} />
      <meta property="article:modified_time" content={article.updated ?? article.published} />
      <meta property="article:section" content={article.section.name} />
      {article.tags.map((tag) => (
        <meta property="article:tag" content={tag.name} />
      ))}
      {image ? (
        <>
          <meta property="og:image" content={absoluteUrl(image.src, siteUrl)} />
          <meta property="og:image:alt" content={image.alt} />
          {image.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
          {image.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
          <meta name="twitter:image" content={absoluteUrl(image.src, siteUrl)} />
          <meta name="twitter:image:alt" content={image.alt} />
        </>
      ) : null}
      <script type="application/ld+json" nonce={NONCE_PLACEHOLDER}>
        {raw(jsonForScript(newsArticleJsonLd(props)))}
      </script>
    </>
  );
}
