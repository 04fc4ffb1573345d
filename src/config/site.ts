// The site's identity from `[vars]`: its name and the origin that canonical URLs, feeds and sitemaps are built on.
import * as v from "valibot";

export type SiteConfig = {
  /** SITE_NAME: shown in titles, feeds and the news sitemap. */
  name: string;
  /** SITE_URL as an origin (`https://news.example`, no trailing slash). */
  url: string;
  /** SITE_TIME_ZONE: the IANA zone pages show dates and times in (default UTC). */
  timeZone: string;
};

/** True for an IANA time zone this runtime knows: Intl refuses any other with a RangeError. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s) && URL.canParse(s);

/** Scheme, host and port only: canonical URLs are built from site paths, so a path here would be silently dropped. */
function isOriginOnly(s: string): boolean {
  const url = new URL(s);
  return url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
}

export const SiteVarsSchema = v.pipe(
  v.object({
    SITE_NAME: v.pipe(
      v.string("must be set"),
      v.check((s) => s.trim() !== "", "must not be empty"),
    ),
    SITE_URL: v.pipe(
      v.string("must be set"),
      v.check(isHttpUrl, "must be an absolute URL starting with http:// or https://, e.g. https://news.example"),
      v.check((s) => !isHttpUrl(s) || isOriginOnly(s), "must be the site's origin only (no path, query or fragment)"),
    ),
    SITE_TIME_ZONE: v.optional(
      v.pipe(v.string(), v.check(isTimeZone, "must be an IANA time zone such as Europe/London or Asia/Dubai")),
      "UTC",
    ),
  }),
  v.transform(
    (vars): SiteConfig => ({ name: vars.SITE_NAME, url: new URL(vars.SITE_URL).origin, timeZone: vars.SITE_TIME_ZONE }),
  ),
);
