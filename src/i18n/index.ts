// The site's languages: one message catalogue each, the reader's language from Accept-Language, and the catalogue
// the views read through a JSX context (so a view swaps a literal for `t.key` and nothing else).
import type { Context } from "hono";
import { createContext, useContext } from "hono/jsx";
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

const MessagesContext = createContext<Messages>(en);

/** Renders `children` with `messages` as the catalogue every view below reads. */
export const MessagesProvider = MessagesContext.Provider;

/** The catalogue of the page being rendered. */
export function useMessages(): Messages {
  return useContext(MessagesContext);
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
