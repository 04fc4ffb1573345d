// The HTML document around every page: head, site header, main landmark, footer.

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { BANNER_STYLES } from "./banner.tsx";
import { STYLES } from "./styles.ts";

export type LayoutProps = {
  siteName: string;
  title: string;
  description?: string;
  /** Absolute canonical URL of this page. */
  canonical?: string;
  lang?: string;
  dir?: "ltr" | "rtl";
  /** The consent banner (render/banner.tsx), or nothing once the reader has chosen. */
  banner?: Child;
  children: Child;
};

export function Layout({ siteName, title, description, canonical, lang = "en", dir = "ltr", banner, children }: LayoutProps) {
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
          <style>{raw(STYLES + BANNER_STYLES)}</style>
        </head>
        <body>
          {banner}
          <header class="site-header">
            <div class="wrap">
              <a class="brand" href="/">
                {siteName}
              </a>
            </div>
          </header>
          <main id="main" class="wrap">
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{siteName}: news from the edge. Sample articles are written for this project.</p>
              <nav aria-label="Privacy">
                <a href="/consent">Cookie settings</a> <a href="/privacy">Privacy policy</a>
              </nav>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
