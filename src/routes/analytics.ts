// First-party analytics URLs: the page-view script and the endpoint it reports to, which queues one counted view
// (docs/readership.md): no cookies set, no identifiers stored.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import * as v from "valibot";
import { FIRST_PARTY_COLLECT_PATH, FIRST_PARTY_SCRIPT, FIRST_PARTY_SCRIPT_PATH } from "../analytics/tag.ts";
import { CONSENT_COOKIE } from "../consent/cookie.ts";
import { analyticsAllowed } from "../consent/decision.ts";
import { rayOf } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { log } from "../log.ts";
import { pageViewFor, referrerHost } from "../readership/views.ts";
import { readBodyLimited, sameOriginOnly } from "./body.ts";
import type { MethodTable } from "./methods.ts";
import { renderNotFound } from "./respond.tsx";

export const MAX_COLLECT_BODY_BYTES = 1024;

export const ANALYTICS_METHODS: MethodTable = { [FIRST_PARTY_COLLECT_PATH]: ["POST"] };

const PageViewSchema = v.strictObject({
  path: v.pipe(v.string(), v.startsWith("/"), v.maxLength(512)),
  /** The referring page's host (the script sends the host only), or "" when there was none. */
  ref: v.optional(v.pipe(v.string(), v.maxLength(253)), ""),
});

/** Self-declared crawlers and headless browsers: their views are not counted. */
const BOT = /bot|crawl|spider|slurp|preview|headless|lighthouse|curl|wget|python|httpclient/i;

/**
 * Whether this view may count: at most PAGEVIEW_READER_LIMIT views a minute per consent cookie (keyed by a hash of
 * it, which only the rate limiter's short-lived counter sees) and PAGEVIEW_ARTICLE_LIMIT a minute per article, per
 * Cloudflare location. Beyond that a replayed or scripted beacon adds nothing.
 */
async function withinLimits(env: AppEnv["Bindings"], slug: string, cookie: string): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(cookie)));
  const reader = Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
  const [perReader, perArticle] = await Promise.all([
    env.PAGEVIEW_READER_LIMIT.limit({ key: reader }),
    env.PAGEVIEW_ARTICLE_LIMIT.limit({ key: slug }),
  ]);
  return perReader.success && perArticle.success;
}

export const analyticsRoutes = new Hono<AppEnv>();

analyticsRoutes.get(FIRST_PARTY_SCRIPT_PATH, (c) => {
  if (c.var.config.analytics.provider !== "first-party") return renderNotFound(c);
  return c.body(FIRST_PARTY_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
});

analyticsRoutes.onError((err, c) => {
  if (err instanceof HTTPException && err.status === 403) return c.text("Forbidden", 403);
  throw err;
});

analyticsRoutes.post(FIRST_PARTY_COLLECT_PATH, sameOriginOnly(), async (c) => {
  if (c.var.config.analytics.provider !== "first-party") return c.text("Not Found", 404);
  const body = await readBodyLimited(c.req.raw, MAX_COLLECT_BODY_BYTES);
  if (body === null) return c.text("Payload Too Large", 413);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return c.text("Bad Request", 400);
  }
  const view = v.safeParse(PageViewSchema, json);
  if (!view.success) return c.text("Bad Request", 400);
  c.header("Cache-Control", "no-store");
  // The server checks consent again: a page view without a current "granted" is dropped, not recorded.
  if (!analyticsAllowed(c.get("consent"))) return c.body(null, 204);
  // One log line per consented view, as before (Workers Logs); the counted view goes through the queue below.
  log("info", "pageview", { path: view.output.path, ray: rayOf(c) });
  if (BOT.test(c.req.header("user-agent") ?? "")) return c.body(null, 204);
  const message = pageViewFor(
    view.output.path,
    c.req.raw.cf?.country,
    referrerHost(view.output.ref, new URL(c.req.url).host),
    new Date(),
  );
  if (message && (await withinLimits(c.env, message.slug, getCookie(c, CONSENT_COOKIE) ?? ""))) {
    // Queued after the answer: the beacon never waits on the queue, and a queue failure costs one view, not a 5xx.
    c.executionCtx.waitUntil(
      c.env.PAGEVIEWS.send(message).catch((error: unknown) => log("error", "pageview.queue_failed", { message: String(error) })),
    );
  }
  return c.body(null, 204);
});
