// Listing pages: the home page of latest articles.
import { Hono } from "hono";
import { getListingPage } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { ListingView } from "../render/listing.tsx";
import { renderPage } from "./respond.tsx";

export const listings = new Hono<AppEnv>();

listings.get("/", async (c) => {
  const page = await getListingPage(c.env.CONTENT, { kind: "home" }, 1);
  const now = Date.now();
  const items = (page?.items ?? []).filter((item) => Date.parse(item.published) <= now);
  return renderPage(c, <ListingView heading="Latest news" items={items} />, {
    title: `${c.env.SITE_NAME}: latest news`,
    description: "The latest articles on Edgewire.",
    path: "/",
  });
});
