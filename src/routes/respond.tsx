// Turns a view into an HTML response inside the site layout, in the page's language. The only place that builds
// page responses.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { consentVariant, UNDECIDED } from "../consent/decision.ts";
import { consentConfig } from "../consent/middleware.ts";
import type { AppEnv } from "../env.ts";
import { CATALOGUES, type Language, type Messages, renderWithMessages, shippedLanguage } from "../i18n/index.ts";
import { Banner } from "../render/banner.tsx";
import { Layout, type LayoutProps } from "../render/layout.tsx";
import { StatusView } from "../render/status.tsx";

export type PageOptions = Omit<LayoutProps, "siteName" | "children" | "canonical" | "banner" | "lang" | "dir"> & {
  /** Site path of the canonical URL; made absolute with SITE_URL. */
  path?: string;
  status?: ContentfulStatusCode;
  /** Set false on a page that is itself the consent form (cookie settings). */
  askConsent?: boolean;
  /** The content's language (an article's): the page speaks it when it is shipped, else the default language. */
  contentLang?: string;
};

/**
 * The page's language: the content's when given (the default language when that one is not shipped), else the
 * reader's from Accept-Language (set by the consent middleware; the default language before it ran).
 */
export function pageLanguage(c: Context<AppEnv>, contentLang?: string): Language {
  const fallback = consentConfig(c.env).defaultLanguage;
  if (contentLang !== undefined) return shippedLanguage(contentLang) ?? fallback;
  return c.get("lang") ?? fallback;
}

/** The catalogue of the page being answered, for routes that compose titles and headings. */
export function messagesFor(c: Context<AppEnv>, contentLang?: string): Messages {
  return CATALOGUES[pageLanguage(c, contentLang)];
}

export function renderPage(
  c: Context<AppEnv>,
  body: Child,
  { path, status = 200, askConsent = true, contentLang, ...layout }: PageOptions,
) {
  const canonical = path === undefined ? undefined : new URL(path, c.env.SITE_URL).href;
  const language = pageLanguage(c, contentLang);
  const t = CATALOGUES[language];
  const decision = c.get("consent") ?? UNDECIDED;
  c.header("Content-Language", language);
  const page = (
    <Layout
      siteName={c.env.SITE_NAME}
      canonical={canonical}
      lang={t.lang}
      dir={t.dir}
      banner={askConsent ? consentBanner(c, language) : null}
      consentLink={decision.rule === "opt-out" ? "choices" : "settings"}
      {...layout}
    >
      {body}
    </Layout>
  );
  return c.html(
    renderWithMessages(t, () => page.toString()),
    status,
  );
}

/** The banner for this request's consent variant, returning the reader to this very page. */
function consentBanner(c: Context<AppEnv>, language: Language) {
  const url = new URL(c.req.url);
  const here = url.pathname + url.search;
  // Pages rendered before the consent middleware ran (an early error) ask, which is the safe default.
  const decision = c.get("consent") ?? UNDECIDED;
  const config = consentConfig(c.env);
  return (
    <Banner
      variant={consentVariant(decision)}
      returnPath={here.length <= 512 ? here : url.pathname.slice(0, 512)}
      purposes={config.purposes}
      text={config.bannerText[language]}
    />
  );
}

function statusPage(c: Context<AppEnv>, status: ContentfulStatusCode, pick: (t: Messages) => [string, string, string?]) {
  const [heading, message, title = heading] = pick(messagesFor(c));
  return renderPage(c, <StatusView heading={heading} message={message} />, { title: `${title} · ${c.env.SITE_NAME}`, status });
}

export const renderNotFound = (c: Context<AppEnv>) => statusPage(c, 404, (t) => [t.notFoundHeading, t.notFoundMessage]);

export const renderGone = (c: Context<AppEnv>) => statusPage(c, 410, (t) => [t.goneHeading, t.goneMessage]);

export const renderServerError = (c: Context<AppEnv>) =>
  statusPage(c, 500, (t) => [t.errorHeading, t.errorMessage, t.errorTitle]);

/** KV is failing and no copy of the page is kept: the page cache adds Retry-After. Needs no KV itself. */
export const renderUnavailable = (c: Context<AppEnv>) => statusPage(c, 503, (t) => [t.unavailableHeading, t.unavailableMessage]);
