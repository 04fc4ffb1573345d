// HTTP caching policy (cache/http.ts): Cache-Control, ETag and Vary per response.
import { describe, expect, it } from "vitest";
import { cacheControlFor, etagFor, ifNoneMatchHits, varyFor } from "../../../src/cache/http.ts";

const policy = (path: string, contentType: string | null, status = 200, setsCookie = false, routeNoStore = false) =>
  cacheControlFor({ path, status, contentType, setsCookie, routeNoStore });

describe("cacheControlFor", () => {
  it("keeps HTML in the reader's browser only, revalidated every time", () => {
    expect(policy("/articles/a", "text/html; charset=UTF-8")).toBe("private, no-cache");
    expect(policy("/missing", "text/html; charset=UTF-8", 404)).toBe("private, no-cache");
  });

  it("never lets anyone store a response that sets a cookie or a server error", () => {
    expect(policy("/consent", "text/html; charset=UTF-8", 303, true)).toBe("no-store");
    expect(policy("/feed.xml", "application/rss+xml", 200, true)).toBe("no-store");
    expect(policy("/", "text/html", 500)).toBe("no-store");
  });

  it("keeps a page its route marked no-store (a reader's own cookie settings) out of every cache", () => {
    expect(policy("/consent", "text/html; charset=UTF-8", 200, false, true)).toBe("private, no-store");
  });

  it("lets feeds, sitemaps and robots.txt be cached publicly for five minutes", () => {
    for (const type of ["application/rss+xml", "application/atom+xml; charset=utf-8", "application/xml", "text/plain"]) {
      expect(policy("/any", type)).toBe("public, max-age=300");
    }
  });

  it("caches fingerprinted static assets for a year as immutable, other static files for an hour", () => {
    expect(policy("/static/site.3f2a9c1b.css", "text/css")).toBe("public, max-age=31536000, immutable");
    expect(policy("/static/img/logo.0123456789abcdef.svg", "image/svg+xml")).toBe("public, max-age=31536000, immutable");
    expect(policy("/static/favicon-da9fe41b.svg", "image/svg+xml")).toBe("public, max-age=31536000, immutable");
    expect(policy("/static/site.css", "text/css")).toBe("public, max-age=3600");
    expect(policy("/static/nope.3f2a9c1b.css", "text/html", 404)).toBe("no-cache");
  });

  it("lets the Worker's own scripts be cached publicly for an hour, and only when they answer 200", () => {
    expect(policy("/analytics.js", "text/javascript; charset=utf-8")).toBe("public, max-age=3600");
    expect(policy("/analytics.js", "application/javascript")).toBe("public, max-age=3600");
    expect(policy("/analytics.js", "text/html; charset=UTF-8", 404)).toBe("private, no-cache");
    expect(policy("/analytics.js", "text/javascript", 200, true)).toBe("no-store");
  });

  it("varies HTML on the consent cookie, Sec-GPC and Accept-Language, and nothing else", () => {
    expect(varyFor("text/html; charset=UTF-8")).toBe("Cookie, Sec-GPC, Accept-Language");
    expect(varyFor("text/html; charset=UTF-8", "/section/world")).toBe("Cookie, Sec-GPC, Accept-Language");
    expect(varyFor("application/rss+xml")).toBeNull();
  });

  it("does not vary an article page on Accept-Language: it speaks its article's language", () => {
    expect(varyFor("text/html; charset=UTF-8", "/articles/a-story")).toBe("Cookie, Sec-GPC");
  });
});

describe("ETags", () => {
  it("differ by content version, variant and whether analytics is allowed", () => {
    const tags = new Set([
      etagFor("v1", "ask", "-"),
      etagFor("v2", "ask", "-"),
      etagFor("v1", "ask-gpc", "-"),
      etagFor("v1", "decided", "-"),
      etagFor("v1", "decided", "a"),
    ]);
    expect(tags.size).toBe(5);
    expect(etagFor("v1", "ask", "-")).toBe('W/"v1.ask"');
  });

  it("match If-None-Match weakly, in a list, or as *", () => {
    const tag = etagFor("v1", "ask", "-");
    expect(ifNoneMatchHits('W/"v1.ask"', tag)).toBe(true);
    expect(ifNoneMatchHits('"v1.ask"', tag)).toBe(true);
    expect(ifNoneMatchHits('W/"v0.ask", W/"v1.ask"', tag)).toBe(true);
    expect(ifNoneMatchHits("*", tag)).toBe(true);
    expect(ifNoneMatchHits('W/"v1.decided"', tag)).toBe(false);
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
  });
});
