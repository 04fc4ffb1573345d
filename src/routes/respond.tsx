// Turns a view into an HTML response inside the site layout, in the page's language. The only place that builds
// page responses.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { consentVariant, UNDECIDED } from "../consent/decision.ts";
import type { AppEnv } from "../env.ts";
import { CATALOGUES, type Language, type Messages, renderWithMessages, shippedLanguage } from "../i18n/index.ts";
import { Banner } from "../render/banner.tsx";
import { absoluteUrl } from "../render/format.ts";
import { Layout, type LayoutProps } from "../render/layout.tsx";
import { SearchForm } from "../render/search.tsx";
import { StatusView } from "../render/status.tsx";
import { MAX_RETURN_PATH_LENGTH } from "./return-path.ts";

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
  const fallback = c.var.config?.consent.defaultLanguage ?? "en";
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
  const canonical = path === undefined ? undefined : absoluteUrl(path, c.var.config.site.url);
  const language = pageLanguage(c, contentLang);
  const t = CATALOGUES[language];
  const decision = c.get("consent") ?? UNDECIDED;
  c.header("Content-Language", language);
  const page = (
    <Layout
      siteName={c.var.config.site.name}
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

/**
 * The banner for this request's consent variant, returning the reader to this very page: its path alone, since the
 * page store keys on the canonical path and not the query (tracking parameters must not decide where others go).
 */
function consentBanner(c: Context<AppEnv>, language: Language) {
  const here = new URL(c.req.url).pathname;
  // Pages rendered before the consent middleware ran (an early error) ask, which is the safe default.
  const decision = c.get("consent") ?? UNDECIDED;
  const config = c.var.config.consent;
  return (
    <Banner
      variant={consentVariant(decision)}
      returnPath={here.slice(0, MAX_RETURN_PATH_LENGTH)}
      purposes={config.purposes}
      text={config.bannerText[language]}
    />
  );
}

/** A status page: the heading as the title unless another is given, and a sentence saying what to do. */
export function renderStatus(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  { heading, message, title = heading, more }: { heading: string; message: string; title?: string; more?: Child },
) {
  return renderPage(
    c,
    <StatusView heading={heading} message={message}>
      {more}
    </StatusView>,
    {
      title: `${title} · ${c.var.config.site.name}`,
      status,
    },
  );
}

/** A status page in the page's language: `pick` chooses heading, message and (optionally) title from the catalogue. */
function statusIn(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  pick: (t: Messages) => [string, string, string?],
  more?: Child,
) {
  const [heading, message, title] = pick(messagesFor(c));
  return renderStatus(c, status, { heading, message, ...(title === undefined ? {} : { title }), more });
}

/** The 404 page, with a search form: the reader may find the article that used to be, or never was, here. */
export const renderNotFound = (c: Context<AppEnv>) =>
  statusIn(
    c,
    404,
    (t) => [t.notFoundHeading, t.notFoundMessage],
    <>
      <p>{messagesFor(c).searchNotFoundHint}</p>
      <SearchForm id="not-found-q" landmark={messagesFor(c).searchPageLandmark} />
    </>,
  );

export const renderGone = (c: Context<AppEnv>) => statusIn(c, 410, (t) => [t.goneHeading, t.goneMessage]);

export const renderServerError = (c: Context<AppEnv>) => statusIn(c, 500, (t) => [t.errorHeading, t.errorMessage, t.errorTitle]);

/** KV is failing and no copy of the page is kept: the page cache adds Retry-After. Needs no KV itself. */
export const renderUnavailable = (c: Context<AppEnv>) => statusIn(c, 503, (t) => [t.unavailableHeading, t.unavailableMessage]);
