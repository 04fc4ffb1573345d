// Every reader-facing string of search and feeds in one place, ready for the message catalogues.
import { SEARCH_LIMITS } from "../search/query.ts";

export const SEARCH_TEXT = {
  label: "Search",
  siteLandmark: "Site search",
  pageLandmark: "Search articles",
  button: "Search",
  placeholder: "Search articles",
  heading: "Search",
  title: (query: string) => (query ? `Search: ${query}` : "Search"),
  description: (site: string) => `Search the articles on ${site}.`,
  prompt: "Type one or more words to find articles.",
  tooLong: `That search is too long. Use at most ${SEARCH_LIMITS.queryChars} characters.`,
  tooManyTerms: `That search has too many words. Use at most ${SEARCH_LIMITS.terms} words.`,
  nothingSearchable: "That search has no words we can look for. Try a name, a place or a less common word.",
  noResults: "No articles match every word of this search. Try fewer or different words.",
  count: (total: number) => (total === 1 ? "1 article found" : `${total.toLocaleString("en-GB")} articles found`),
  resultsFor: "Results for",
  notFoundHint: "Search for the article instead:",
  newer: "← Previous results",
  older: "More results →",
  pageOf: (page: number, total: number) => `Page ${page} of ${total}`,
} as const;

export const FEED_TEXT = {
  siteSubtitle: (site: string) => `The latest articles on ${site}`,
  sectionSubtitle: (name: string, site: string) => `The latest articles in ${name} on ${site}`,
  tagSubtitle: (name: string, site: string) => `The latest articles tagged ${name} on ${site}`,
  authorSubtitle: (name: string, site: string) => `The latest articles by ${name} on ${site}`,
  atomLink: "Atom feed",
  jsonLink: "JSON Feed",
} as const;
