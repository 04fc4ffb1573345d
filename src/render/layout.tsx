// The HTML document around every page: head, site header, main landmark, footer.

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { useMessages } from "../i18n/index.ts";
import { NONCE_PLACEHOLDER } from "../security/nonce.ts";
import { FAVICON_PATH } from "../static/assets.ts";
import { BANNER_STYLES } from "./banner.tsx";
import { jsonFeedPath, SITE_FEED_PATH } from "./format.ts";
import { SearchForm } from "./search.tsx";
import { STYLES } from "./styles.ts";

/** A feed offered to feed readers with <link rel="alternate">: its Atom path (the JSON Feed sits beside it). */
export type FeedLink = { title: string; href: string };

export type LayoutProps = {
  siteName: string;
  title: string;
  description?: string;
  /** Absolute canonical URL of this page. */
  canonical?: string;
  lang?: string;
  dir?: "ltr" | "rtl";
  /** Open Graph type: "article" on article pages. */
  ogType?: "website" | "article";
  /** Title for Open Graph and Twitter (defaults to `title`, which carries the site name). */
  socialTitle?: string;
  twitterCard?: "summary" | "summary_large_image";
  /** Feeds besides the site-wide one (e.g. a section's). */
  feeds?: FeedLink[];
  /** Page-specific head elements (article metadata, JSON-LD). */
  head?: Child;
  /** The consent banner (render/banner.tsx), or nothing once the reader has chosen. */
  banner?: Child;
  /** The footer's consent link: "Cookie settings", or "Your Privacy Choices" where the opt-out rule applies. */
  consentLink?: "settings" | "choices";
  children: Child;
};

export function Layout({
  siteName,
  title,
  description,
  canonical,
  lang = "en",
  dir = "ltr",
  ogType = "website",
  socialTitle = title,
  twitterCard = "summary",
  feeds = [],
  head,
  banner,
  consentLink = "settings",
  children,
}: LayoutProps) {
  const t = useMessages();
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={lang} dir={dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {description ? <meta name="description" content={description} /> : null}
          {canonical ? <link rel="canonical" href={canonical} /> : null}
          <link rel="icon" href={FAVICON_PATH} type="image/svg+xml" />
          {[{ title: siteName, href: SITE_FEED_PATH }, ...feeds].map((feed) => (
            <>
              <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
              <link rel="alternate" type="application/feed+json" title={feed.title} href={jsonFeedPath(feed.href)} />
            </>
          ))}
          <meta property="og:type" content={ogType} />
          <meta property="og:site_name" content={siteName} />
          <meta property="og:title" content={socialTitle} />
          {description ? <meta property="og:description" content={description} /> : null}
          {canonical ? <meta property="og:url" content={canonical} /> : null}
          <meta name="twitter:card" content={twitterCard} />
          {head}
          <style nonce={NONCE_PLACEHOLDER}>{raw(STYLES + BANNER_STYLES)}</style>
        </head>
        <body id="top">
          <a class="skip" href="#main">
            {t.skipToContent}
          </a>
          {banner}
          <header class="site-header">
            <div class="wrap">
              <a class="brand" href="/">
                {siteName}
              </a>
              <SearchForm id="site-search" landmark={t.searchSiteLandmark} />
            </div>
          </header>
          <main id="main" class="wrap">
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{t.footerAbout(siteName)}</p>
              <nav aria-label={t.footerNavLabel}>
                <a href="/consent">{consentLink === "choices" ? t.yourPrivacyChoices : t.cookieSettings}</a>{" "}
                <a href="/privacy">{t.privacyPolicy}</a>
              </nav>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
