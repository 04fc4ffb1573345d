// Static files bundled into the Worker: /static/<name>, and /favicon.ico pointing at the fingerprinted favicon.
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { FAVICON_PATH, STATIC_ASSETS } from "../static/assets.ts";
import { renderNotFound } from "./respond.tsx";

export const statics = new Hono<AppEnv>();

statics.get("/static/:name", (c) => {
  const asset = Object.hasOwn(STATIC_ASSETS, c.req.param("name")) ? STATIC_ASSETS[c.req.param("name")] : undefined;
  if (asset === undefined) return renderNotFound(c);
  return c.body(asset.body, 200, { "Content-Type": asset.type });
});

statics.get("/favicon.ico", (c) => c.redirect(FAVICON_PATH, 301));
