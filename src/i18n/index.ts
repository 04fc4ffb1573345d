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

/** The reader's language from Accept-Language among the shipped ones (q=0 excluded), else `fallback`. */
export function negotiateLanguage(c: Context, fallback: Language): Language {
  const options = {
    lookupFromHeaderKey: "accept-language",
    supportedLanguages: LANGUAGES,
    fallbackLanguage: fallback,
    ignoreCase: true,
  } as unknown as DetectorOptions;
  const found = detectFromHeader(c, options);
  return found !== undefined && isLanguage(found) ? found : fallback;
}

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

/** A date as the catalogue's language writes it ("30 August 2017", "٣٠ أغسطس ٢٠١٧"), in UTC. */
export function formatDateIn(messages: Messages, date: Date | string): string {
  return formatterFor(messages.dateLocale).format(typeof date === "string" ? new Date(date) : date);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: string): Intl.DateTimeFormat {
  let formatter = formatters.get(locale);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    formatters.set(locale, formatter);
  }
  return formatter;
}
