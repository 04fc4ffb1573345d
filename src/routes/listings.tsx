// Listing pages, one KV read each: the latest articles at / and /page/<n>, sections at /section/<slug>[/page/<n>],
// tags at /tag/<slug>[/page/<n>], authors at /author/<slug>[/page/<n>]. Page 1 lives only at the bare URL; /…/page/1
// redirects there.
import { type Context, Hono } from "hono";
import { markChangesAt, nextGoLive } from "../cache/freshness.ts";
import { isPublishedBy, isSlug, type Site } from "../data/schema.ts";
import { siteSections } from "../data/sections.ts";
import { getListingPage, type ListingKind } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import {
  authorFeedPath,
  authorPath,
  pagePath,
  SITE_FEED_PATH,
  sectionFeedPath,
  sectionPath,
  tagFeedPath,
  tagPath,
} from "../render/format.ts";
import { ListingView } from "../render/listing.tsx";
import { messagesFor, renderNotFound, renderPage } from "./respond.tsx";

export const listings = new Hono<AppEnv>();

/** Page numbers as written in URLs: 2, 3, … without leading zeros or signs; anything else is not a page. */
const PAGE_PATTERN = /^[1-9][0-9]{0,5}$/;

async function renderListing(c: Context<AppEnv>, listing: ListingKind, pageParam: string | undefined) {
  if (listing.kind !== "home" && !isSlug(listing.slug)) return renderNotFound(c);
  const base = listingPath(listing);
  let page = 1;
  if (pageParam !== undefined) {
    if (!PAGE_PATTERN.test(pageParam)) return renderNotFound(c);
    page = Number(pageParam);
    if (page === 1) return c.redirect(base, 301);
  }
  const at = { version: c.get("contentVersion") };
  const [data, sections] = await Promise.all([getListingPage(c.env.CONTENT, listing, page, at), siteSections(c.env.CONTENT, at)]);
  // An empty site still has a home page; any other missing page (unknown section, page past the end) is a 404.
  if (data === null && !(listing.kind === "home" && page === 1)) return renderNotFound(c);
  const now = Date.now();
  markChangesAt(c, nextGoLive(data?.items ?? [], now));
  const items = (data?.items ?? []).filter((item) => isPublishedBy(item, now));
  const site = c.var.config.site.name;
  const t = messagesFor(c);
  const name = data?.title ?? t.latestNews;
  const heading = listing.kind === "tag" ? t.taggedHeading(name) : listing.kind === "home" ? t.latestNews : name;
  const about = aboutListing(c.get("site"), listing);
  const paged = page > 1 ? t.pageSuffix(page) : "";
  const title = listing.kind === "home" && page === 1 ? t.homeTitle(site) : `${heading}${paged} · ${site}`;
  const feed =
    listing.kind === "home"
      ? SITE_FEED_PATH
      : { section: sectionFeedPath, tag: tagFeedPath, author: authorFeedPath }[listing.kind](listing.slug);
  return renderPage(
    c,
    <ListingView
      heading={heading}
      items={items}
      timeZone={c.get("config").site.timeZone}
      quietHeading={listing.kind === "home" && page === 1}
      pagination={{ page, totalPages: data?.totalPages ?? 1, base }}
      feed={feed}
      {...(about ? { about } : {})}
    />,
    {
      title,
      sections,
      wide: true,
      ...(listing.kind === "section" ? { currentSection: listing.slug } : {}),
      description:
        listing.kind === "home"
          ? t.homeDescription(site, paged)
          : { section: t.sectionDescription, tag: t.tagDescription, author: t.authorDescription }[listing.kind](
              name,
              site,
              paged,
            ),
      path: pagePath(base, page),
      ...(listing.kind === "home" ? {} : { feeds: [{ title: `${site}: ${name}`, href: feed }] }),
    },
  );
}

function listingPath(listing: ListingKind): string {
  if (listing.kind === "home") return "/";
  return { section: sectionPath, tag: tagPath, author: authorPath }[listing.kind](listing.slug);
}

/** The registry's description of a section or bio of an author, with the author's link. */
function aboutListing(site: Site | null, listing: ListingKind): { text: string; link?: string } | null {
  if (site === null || listing.kind === "home" || listing.kind === "tag") return null;
  if (listing.kind === "section") {
    const description = site.sections.find((s) => s.slug === listing.slug)?.description;
    return description ? { text: description } : null;
  }
  const author = site.authors.find((a) => a.slug === listing.slug);
  if (!author?.bio && !author?.link) return null;
  return { text: author.bio ?? "", ...(author.link ? { link: author.link } : {}) };
}

listings.get("/", (c) => renderListing(c, { kind: "home" }, undefined));
listings.get("/page/:page", (c) => renderListing(c, { kind: "home" }, c.req.param("page")));
listings.get("/section/:slug", (c) => renderListing(c, { kind: "section", slug: c.req.param("slug") }, undefined));
listings.get("/section/:slug/page/:page", (c) =>
  renderListing(c, { kind: "section", slug: c.req.param("slug") }, c.req.param("page")),
);
listings.get("/tag/:slug", (c) => renderListing(c, { kind: "tag", slug: c.req.param("slug") }, undefined));
listings.get("/tag/:slug/page/:page", (c) => renderListing(c, { kind: "tag", slug: c.req.param("slug") }, c.req.param("page")));
listings.get("/author/:slug", (c) => renderListing(c, { kind: "author", slug: c.req.param("slug") }, undefined));
listings.get("/author/:slug/page/:page", (c) =>
  renderListing(c, { kind: "author", slug: c.req.param("slug") }, c.req.param("page")),
);
