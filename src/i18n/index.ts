// The site's languages: one message catalogue each, the reader's language from Accept-Language, and the catalogue
// the views read during a render (so a view swaps a literal for `t.key` and nothing else).
import type { Context } from "hono";
import { type DetectorOptions, detectFromHeader } from "hono/language";
import { ar } from "./ar.ts";
import { en, type Messages } from "./en.ts";

export type { Messages };

/** Every shipped catalogue, by its language tag. Add a language here and in docs/consent.md. */
export const CATALOGUES = { en, ar } as const satisfies Record<string, Messages>;

export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

export function isLanguage(tag: string): tag is Language {
  return Object.hasOwn(CATALOGUES, tag);
}

/** The shipped language for a content language tag ("ar-EG" → "ar"), or null when none is shipped. */
export function shippedLanguage(tag: string): Language | null {
  const base = tag.toLowerCase().split("-")[0] ?? "";
  return isLanguage(base) ? base : null;
}

/**
 * The reader's language from an Accept-Language value among the shipped ones (q=0 excluded), else `fallback`. Hono's
 * detector parses; its answer for a header value is remembered per isolate (browsers send a handful of values).
 */
export function negotiateLanguage(acceptLanguage: string | null | undefined, fallback: Language): Language {
  if (!acceptLanguage) return fallback;
  const key = `${fallback} ${acceptLanguage}`;
  const known = negotiated.get(key);
  if (known !== undefined) return known;
  const options = {
    lookupFromHeaderKey: "accept-language",
    supportedLanguages: LANGUAGES,
    fallbackLanguage: fallback,
    ignoreCase: true,
  } as unknown as DetectorOptions;
  // The detector reads the header from a context; this one holds only the value given.
  const found = detectFromHeader({ req: { header: () => acceptLanguage } } as unknown as Context, options);
  const lang = found !== undefined && isLanguage(found) ? found : fallback;
  if (acceptLanguage.length <= 256) {
    if (negotiated.size >= 1024) negotiated.clear();
    negotiated.set(key, lang);
  }
  return lang;
}
const negotiated = new Map<string, Language>();

/**
 * Whether a path's language comes from its content (an article speaks its article's language) rather than from the
 * reader's Accept-Language. Such pages neither vary on Accept-Language nor keep one cached copy per language.
 */
export function languageFollowsContent(path: string): boolean {
  return path.startsWith("/articles/");
}

/**
 * The catalogue of the render in progress. Hono's JSX context would do this too, but importing `hono/jsx` pulls its
 * DOM renderer, hooks and streaming into the Worker (+16 KB); the views are synchronous, so a scope around the one
 * synchronous `toString()` is exact.
 */
let current: Messages | null = null;

/**
 * Renders a page with `messages` as the catalogue every view reads. The render must finish synchronously: an async
 * view would run after the scope closed, so it is refused rather than given the wrong language.
 */
export function renderWithMessages(messages: Messages, render: () => string | Promise<string>): string {
  const previous = current;
  current = messages;
  try {
    const html = render();
    if (html instanceof Promise) throw new Error("renderWithMessages: views must render synchronously");
    return html;
  } finally {
    current = previous;
  }
}

/** The catalogue of the page being rendered (English outside a render, e.g. a view rendered on its own). */
export function useMessages(): Messages {
  return current ?? en;
}

/**
 * A date as the catalogue's language writes it ("30 August 2017", "٣٠ أغسطس ٢٠١٧") on the calendar of `timeZone`
 * (UTC unless the site sets SITE_TIME_ZONE); with `withTime`, also the time and the zone ("30 August 2017, 14:05 GST").
 */
export function formatDateIn(messages: Messages, date: Date | string, timeZone = "UTC", withTime = false): string {
  const text = formatterFor(messages.dateLocale, timeZone, withTime).format(typeof date === "string" ? new Date(date) : date);
  return withTime ? text.replace(" at ", ", ") : text;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Formatters per locale, zone and kind, made once per isolate; an unknown zone throws a RangeError naming it. */
function formatterFor(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    const day = { day: "numeric", month: "long", year: "numeric", timeZone } as const;
    formatter = new Intl.DateTimeFormat(
      locale,
      withTime ? { ...day, hour: "2-digit", minute: "2-digit", timeZoneName: "short" } : day,
    );
    formatters.set(key, formatter);
  }
  return formatter;
}
