// Formatting helpers shared by the views: dates and URLs. Pure.

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "30 August 2017" for an ISO 8601 date-time. */
export function formatDate(iso: string): string {
  return DATE_FORMAT.format(new Date(iso));
}

export const articlePath = (slug: string) => `/articles/${slug}`;
