// The fixture folders and the slugs tests reach for by name: one constant per slug, so a fixture change is one edit.
// Runs in Node and in workerd alike (no imports), so the route, publisher and browser tests share it.

/** Folders of Markdown articles the tests publish, relative to the repository root. */
export const FIXTURE_DIRS = {
  /** The eight sample articles the project started with: a copy, so a newsroom may change kv-seed/articles. */
  sample: "tests/fixtures/sample",
  /** Hostile headlines and a scheduled article, for escaping. */
  hostile: "tests/fixtures/hostile",
  /** A hostile headline, bare and right-to-left articles, a scheduled related article. */
  reader: "tests/fixtures/reader",
  /** Copies of the convoy and Arabic sample articles, scheduled, draft and paginated search cases. */
  search: "tests/fixtures/search",
  /** Local images (a lead image with caption and credit, a body image, thumbnails) in two sections. */
  images: "tests/fixtures/images",
  /** One article whose only related article is scheduled: related posts filled from the newest cannot show it. */
  lonely: "tests/fixtures/lonely",
} as const;

/**
 * The site name the page-quality checks serve the sample under, whatever `SITE_NAME` a newsroom configures (the
 * sample's own name, like its "Edgewire Sample Desk" byline): html-validate's long-title rule (70 characters, as
 * written, so `&#39;` counts 5) judges headline and site name together, and the tide-gauge title is 69 with it.
 */
export const FIXTURE_SITE_NAME = "Edgewire";

/** The article's URL path. */
export const articlePath = (slug: string) => `/articles/${slug}`;

// tests/fixtures/sample, newest first.
/** World; tagged Harbourton and Work. The newest sample article. */
export const FOUR_DAY_WEEK_SLUG = "harbourton-council-pilots-a-four-day-week";
/** Arabic (right to left), with an explicit `slug:`. */
export const MARKET_SLUG = "harbourton-weekly-market-returns";
/** Has an image (`/static/sample-tide-gauge.svg`), an author and three tags. */
export const TIDE_GAUGE_SLUG = "harbourton-tide-gauge-records-the-years-highest-water";
export const PRIVACY_SLUG = "privacy-by-default-what-a-cookie-banner-should-promise";
export const LIBRARY_SLUG = "harbourton-library-tries-night-opening-hours";
/** Two authors, an `updated` date and a linked source. */
export const EDGE_CACHING_SLUG = "edge-caching-explained-in-five-minutes";
export const SOLAR_FERRY_SLUG = "harbourton-opens-its-first-solar-ferry-line";
/** The article the site grew from (2017, World, no image, no author, 19 paragraphs): the longest sample page. */
export const AIR_STRIKES_SLUG = "us-led-air-strikes-block-daesh-fighters-in-syria";

/** Every sample slug, newest first, as listings, feeds and the sitemap order them. */
export const SAMPLE_SLUGS = [
  FOUR_DAY_WEEK_SLUG,
  MARKET_SLUG,
  TIDE_GAUGE_SLUG,
  PRIVACY_SLUG,
  LIBRARY_SLUG,
  EDGE_CACHING_SLUG,
  SOLAR_FERRY_SLUG,
  AIR_STRIKES_SLUG,
] as const;
