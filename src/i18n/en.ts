// English: every reader-facing string of the site. The other catalogues are typed against this one.
import { formatNumber } from "./numbers.ts";

/** A message with parameters is a function of them; the rest are plain strings. */
export const en = {
  lang: "en",
  dir: "ltr" as "ltr" | "rtl",
  /** Intl locale for dates: day month year, as a newsroom in English writes them. */
  dateLocale: "en-GB",

  skipToContent: "Skip to content",
  footerAbout: (site: string) => `${site}: news from the edge. Sample articles are written for this project.`,
  footerNavLabel: "Privacy",
  cookieSettings: "Cookie settings",
  privacyPolicy: "Privacy policy",
  yourPrivacyChoices: "Your Privacy Choices",

  latestNews: "Latest news",
  homeTitle: (site: string) => `${site}: latest news`,
  taggedHeading: (name: string) => `Tagged “${name}”`,
  pageSuffix: (page: number) => `, page ${page}`,
  homeDescription: (site: string, paged: string) => `The latest articles on ${site}${paged}.`,
  sectionDescription: (name: string, site: string, paged: string) => `The latest articles in ${name} on ${site}${paged}.`,
  tagDescription: (name: string, site: string, paged: string) => `Articles tagged ${name} on ${site}${paged}.`,
  authorDescription: (name: string, site: string, paged: string) => `Articles by ${name} on ${site}${paged}.`,
  atomFeed: "Atom feed",
  nothingPublished: "Nothing published here yet.",
  pagesLabel: "Pages",
  newer: "← Newer",
  older: "Older →",
  pageOf: (page: number, total: number) => `Page ${page} of ${total}`,

  updated: " · Updated ",
  byPrefix: " · By ",
  previewNote: "Preview: this article is not published. Scheduled time:",
  previewTitle: (headline: string) => `Preview: ${headline}`,
  sectionsLabel: "Sections",
  tagsLabel: "Tags",
  source: "Source: ",
  onTop: "On Top",
  sharePost: "Share This Post",
  shareOn: "Share on ",
  linkToPost: "Link to this post",
  copyLink: "Copy link",
  copied: "Copied",
  shareNative: "Share…",
  relatedPosts: "Related posts",

  notFoundHeading: "Page not found",
  notFoundMessage: "There is no page at this address. It may have been moved, or the link may be mistyped.",
  goneHeading: "Article removed",
  goneMessage: "This article has been removed by its publisher.",
  errorHeading: "Something went wrong",
  errorMessage: "We could not show this page. Please try again in a moment.",
  errorTitle: "Error",
  unavailableHeading: "Temporarily unavailable",
  unavailableMessage: "We could not load this page just now. Please try again in a minute.",
  goHome: "Go to the latest news",

  bannerTitle: "Your privacy choice",
  /** The reference page's sentences; `marketing` ones are left out when no marketing purpose is configured. */
  bannerStores: "This website stores cookies on your computer.",
  bannerMarketing:
    "These cookies are used to improve your website experience and provide more personalized services to you, both on this website and through other media.",
  /** The banner links this phrase inside `bannerFindOut` (and in a configured text that contains it). */
  bannerPrivacyLink: "Privacy Policy",
  bannerFindOut: "To find out more about the cookies we use, see our Privacy Policy.",
  bannerWontTrack: "We won't track your information when you visit our site.",
  bannerOneCookie:
    "But in order to comply with your preferences, we'll have to use just one tiny cookie so that you're not asked to make this choice again.",
  bannerGpc:
    "Your browser sent a Global Privacy Control signal, so until you choose we treat it as Reject all: no analytics run and no cookie is set.",
  acceptAll: "Accept all",
  rejectAll: "Reject all",
  manageChoices: "Manage choices",
  saveChoices: "Save choices",
  gpcHonoured:
    "Your browser's Global Privacy Control signal was honoured: we do not sell or share your information for marketing.",

  purposeNecessary: "Strictly necessary",
  purposeNecessaryText: "Remembers your privacy choice. Always on: the site cannot keep your choice without it.",
  purposeAnalytics: "Analytics",
  purposeAnalyticsText: "Counts visits and pages read so the newsroom knows what readers find useful.",
  purposeMarketing: "Marketing",
  purposeMarketingText: "Advertising signals and marketing measurement, which may be shared with the provider named below.",
  optOutMarketing: "Sale or sharing of personal information for marketing (Do Not Sell or Share)",
  providersFor: "Used by:",
  noProviders: "No provider on this site uses it.",
  providerFirstParty: (site: string) => `${site}'s own page-view counter (no cookies, no identifiers)`,
  providerGa4: "Google Analytics 4",
  providerHubspot: "HubSpot's tracking code",
  providerScript: "a third-party analytics script",

  settingsTitle: "Cookie settings",
  choicesTitle: "Your Privacy Choices",
  settingsIntro:
    "Choose what this site may do beyond what is strictly necessary. Withdrawing a purpose, now or later, stops it at once and removes the cookies of the providers that needed it.",
  optOutIntro:
    "Where you live, these purposes are on unless you opt out. Untick a purpose and save to opt out; you can change your mind at any time.",
  currentNone: "You have not chosen yet, so nothing beyond the strictly necessary runs.",
  currentNoneGpc: "You have not chosen yet. Your browser's Global Privacy Control signal is honoured as Reject all.",
  currentOptOutDefault: "You have not opted out of anything.",
  currentGranted: (purposes: string) => `You allowed: ${purposes}.`,
  currentRejected: "You rejected everything beyond the strictly necessary.",
  choiceMadeOn: (date: string) => ` Choice made on ${date} (UTC).`,
  receiptLead: "Your consent receipt:",
  receiptText:
    "It is our record of this choice (what you chose, when, and under which version of the policy), with nothing that identifies you; quote it if you ask us about your choice.",
  listSeparator: ", ",
  seePrivacy: "See the privacy policy for details.",

  privacyTitle: "Privacy policy",
  privacyPurposes: "What we ask your consent for",
  privacyProviders: "Providers",
  privacyProviderPurposes: "Purposes:",
  privacyProviderCookies: "Cookies (a * stands for any ending):",
  privacyProviderNoCookies: "Sets no cookies.",
  privacyNoAnalytics: "This site runs no analytics.",
  privacyConsentCookie: "The one cookie we set",
  privacyConsentCookieText: (name: string, days: number) =>
    `${name} remembers which purposes you allowed, the version of this policy you answered, when, and the number of our record of that answer, so you are not asked again. It is signed, so a value written by anyone else counts as no choice. It lasts ${days} days, is sent only to this site, and cannot be read by scripts.`,
  privacyRecord: "Our record of your choice",
  privacyRecordText: (days: number) =>
    `Each time you choose, we keep a consent receipt: a random number (shown on the cookie settings page), when you chose, the policy version, what you allowed and refused, your country and the rule that applies there, whether your browser sent a Global Privacy Control signal, the language and which form you used. It holds no IP address, no browser details and no cookie, so it does not identify you unless you show us its number. We keep it for ${days} days to be able to show that your choice was respected.`,
  privacyRegions: "Where you are",
  privacyRegionsText:
    "In the EEA, the UK, Switzerland and anywhere we cannot tell, nothing beyond the strictly necessary runs until you choose. In US states with an opt-out law, purposes are on until you opt out through Your Privacy Choices, and a Global Privacy Control signal opts you out of marketing.",
  privacyChanging: "Changing your mind",
  privacyChangingText:
    "Open Cookie settings (linked at the foot of every page) and change your choice. Withdrawn purposes stop on the next page, and we expire the cookies of the providers that needed them.",

  searchLabel: "Search",
  searchSiteLandmark: "Site search",
  searchPageLandmark: "Search articles",
  searchButton: "Search",
  searchPlaceholder: "Search articles",
  searchHeading: "Search",
  searchTitle: (query: string) => (query ? `Search: ${query}` : "Search"),
  searchDescription: (site: string) => `Search the articles on ${site}.`,
  searchPrompt: "Type one or more words to find articles.",
  searchTooLong: (chars: number) => `That search is too long. Use at most ${chars} characters.`,
  searchTooManyTerms: (terms: number) => `That search has too many words. Use at most ${terms} words.`,
  searchNothingSearchable: "That search has no words we can look for. Try a name, a place or a less common word.",
  searchNoResults: "No articles match every word of this search. Try fewer or different words.",
  searchCount: (total: number) => (total === 1 ? "1 article found" : `${formatNumber(total, "en-GB")} articles found`),
  searchResultsFor: "Results for",
  searchNotFoundHint: "Search for the article instead:",
  searchNewer: "← Previous results",
  searchOlder: "More results →",

  feedSiteSubtitle: (site: string) => `The latest articles on ${site}`,
  feedSectionSubtitle: (name: string, site: string) => `The latest articles in ${name} on ${site}`,
  feedTagSubtitle: (name: string, site: string) => `The latest articles tagged ${name} on ${site}`,
  feedAuthorSubtitle: (name: string, site: string) => `The latest articles by ${name} on ${site}`,
  jsonFeed: "JSON Feed",

  choiceNotUnderstood: "Choice not understood",
  choiceNotUnderstoodText: "Please make your choice with the buttons on the page.",
  requestTooLarge: "Request too large",
  requestRefused: "Request refused",
  requestRefusedText: "Your choice can only be sent from this site's own pages.",
  unsupportedForm: "Form not understood",
  unsupportedFormText: "This form must be sent as application/x-www-form-urlencoded, as the site's own pages send it.",
};

export type Messages = typeof en;
