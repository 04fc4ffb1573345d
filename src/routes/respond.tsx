// Turns a view into an HTML response inside the site layout. The only place that builds page responses.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { pageVariant } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";
import { Banner } from "../render/banner.tsx";
import { absoluteUrl } from "../render/format.ts";
import { Layout, type LayoutProps } from "../render/layout.tsx";
import { StatusView } from "../render/status.tsx";
import { MAX_RETURN_PATH_LENGTH } from "./return-path.ts";

export type PageOptions = Omit<LayoutProps, "siteName" | "children" | "canonical" | "banner"> & {
  /** Site path of the canonical URL; made absolute with SITE_URL. */
  path?: string;
  status?: ContentfulStatusCode;
  /** Set false on a page that is itself the consent form (cookie settings). */
  askConsent?: boolean;
};

export function renderPage(c: Context<AppEnv>, body: Child, { path, status = 200, askConsent = true, ...layout }: PageOptions) {
  const canonical = path === undefined ? undefined : absoluteUrl(path, c.var.config.site.url);
  return c.html(
    <Layout siteName={c.var.config.site.name} canonical={canonical} banner={askConsent ? consentBanner(c) : null} {...layout}>
      {body}
    </Layout>,
    status,
  );
}

/** The banner for this request's consent variant, returning the reader to this very page. */
function consentBanner(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  const here = url.pathname + url.search;
  // Pages rendered before the consent middleware ran (an early error) ask, which is the safe default.
  const decision = c.get("consent") ?? { choice: null, gpc: false };
  return (
    <Banner
      variant={pageVariant(decision)}
      returnPath={here.length <= MAX_RETURN_PATH_LENGTH ? here : url.pathname.slice(0, MAX_RETURN_PATH_LENGTH)}
    />
  );
}

/** A status page: the heading as the title unless another is given, and a sentence saying what to do. */
export function renderStatus(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  { heading, message, title = heading }: { heading: string; message: string; title?: string },
) {
  return renderPage(c, <StatusView heading={heading} message={message} />, {
    title: `${title} · ${c.var.config.site.name}`,
    status,
  });
}

export function renderNotFound(c: Context<AppEnv>) {
  return renderStatus(c, 404, {
    heading: "Page not found",
    message: "There is no page at this address. It may have been moved, or the link may be mistyped.",
  });
}

export function renderGone(c: Context<AppEnv>) {
  return renderStatus(c, 410, { heading: "Article removed", message: "This article has been removed by its publisher." });
}

export function renderServerError(c: Context<AppEnv>) {
  return renderStatus(c, 500, {
    heading: "Something went wrong",
    message: "We could not show this page. Please try again in a moment.",
    title: "Error",
  });
}

/** KV is failing and no copy of the page is kept: the page cache adds Retry-After. Needs no KV itself. */
export function renderUnavailable(c: Context<AppEnv>) {
  return renderStatus(c, 503, {
    heading: "Temporarily unavailable",
    message: "We could not load this page just now. Please try again in a minute.",
  });
}
