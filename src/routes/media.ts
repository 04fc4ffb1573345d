// /media/<hash>-<width>.<avif|webp|jpg>: image variants from KV, immutable under their content-hash names; 404 otherwise.
import { Hono } from "hono";
import { KEYS } from "../data/keys.ts";
import { mediaTypeOf } from "../data/media.ts";
import { getMedia } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import { renderNotFound } from "./respond.tsx";

export const media = new Hono<AppEnv>();

media.get("/media/:name", async (c) => {
  const name = c.req.param("name");
  // The name is checked before any KV read: only names the publisher makes reach KV.
  const type = mediaTypeOf(name);
  if (type === null) return renderNotFound(c);
  const bytes = await getMedia(c.env.CONTENT, KEYS.media(name));
  if (bytes === null) return renderNotFound(c);
  // The name is the content's hash, so it is a strong validator. Cache-Control and the 304 for a matching
  // If-None-Match come from the HTTP policy (cache/http-policy.ts); the page store skips /media/ (no HTML to keep).
  return c.body(bytes, 200, { "Content-Type": type, "Content-Length": String(bytes.byteLength), ETag: `"${name}"` });
});
