// Listing pages, one KV read each: the latest articles at / and /page/<n>, sections at /section/<slug>[/page/<n>],
// tags at /tag/<slug>[/page/<n>]. Page 1 lives only at the bare URL; /…/page/1 redirects there.
import { type Context, Hono } from "hono";
import { markChangesAt, nextGoLive } from "../cache/freshness.ts";
import { isPublishedBy, isSlug } from "../data/schema.ts";
import { getListingPage, type ListingKind } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { pagePath, SITE_FEED_PATH, sectionFeedPath, sectionPath, tagFeedPath, tagPath } from "../render/format.ts";
import { ListingView } from "../render/listing.tsx";
import { messagesFor, renderNotFound, renderPage } from "./respond.tsx";

export const listings = new Hono<AppEnv>();

/** Page numbers as written in URLs: 2, 3, … without leading zeros or signs; anything else is not a page. */
const PAGE_PATTERN = /^[1-9][0-9]{0,5}$/;

async function renderListing(c: Context<AppEnv>, listing: ListingKind, pageParam: string | undefined) {
  if (listing.kind !== "home" && !isSlug(listing.slug)) return renderNotFound(c);
  const base = listing.kind === "home" ? "/" : listing.kind === "section" ? sectionPath(listing.slug) : tagPath(listing.slug);
  let page = 1;
  if (pageParam !== undefined) {
    if (!PAGE_PATTERN.test(pageParam)) return renderNotFound(c);
    page = Number(pageParam);
    if (page === 1) return c.redirect(base, 301);
  }
  const data = await getListingPage(c.env.CONTENT, listing, page, { version: c.get("contentVersion") });
  // An empty site still has a home page; any other missing page (unknown section, page past the end) is a 404.
  if (data === null && !(listing.kind === "home" && page === 1)) return renderNotFound(c);
  const now = Date.now();
  markChangesAt(c, nextGoLive(data?.items ?? [], now));
  const items = (data?.items ?? []).filter((item) => isPublishedBy(item, now));
  const site = c.var.config.site.name;
  const t = messagesFor(c);
  const name = data?.title ?? t.latestNews;
  const heading = listing.kind === "tag" ? t.taggedHeading(name) : listing.kind === "section" ? name : t.latestNews;
  const paged = page > 1 ? t.pageSuffix(page) : "";
  const title = listing.kind === "home" && page === 1 ? t.homeTitle(site) : `${heading}${paged} · ${site}`;
  const feed =
    listing.kind === "section"
      ? sectionFeedPath(listing.slug)
      : listing.kind === "tag"
        ? tagFeedPath(listing.slug)
        : SITE_FEED_PATH;
  return renderPage(
    c,
    <ListingView heading={heading} items={items} pagination={{ page, totalPages: data?.totalPages ?? 1, base }} feed={feed} />,
    {
      title,
      description:
        listing.kind === "home"
          ? t.homeDescription(site, paged)
          : (listing.kind === "tag" ? t.tagDescription : t.sectionDescription)(name, site, paged),
      path: pagePath(base, page),
      ...(listing.kind === "home" ? {} : { feeds: [{ title: `${site}: ${name}`, href: feed }] }),
    },
  );
}

listings.get("/", (c) => renderListing(c, { kind: "home" }, undefined));
listings.get("/page/:page", (c) => renderListing(c, { kind: "home" }, c.req.param("page")));
listings.get("/section/:slug", (c) => renderListing(c, { kind: "section", slug: c.req.param("slug") }, undefined));
listings.get("/section/:slug/page/:page", (c) =>
  renderListing(c, { kind: "section", slug: c.req.param("slug") }, c.req.param("page")),
);
listings.get("/tag/:slug", (c) => renderListing(c, { kind: "tag", slug: c.req.param("slug") }, undefined));
listings.get("/tag/:slug/page/:page", (c) => renderListing(c, { kind: "tag", slug: c.req.param("slug") }, c.req.param("page")));
