// First-party analytics URLs: the page-view script and the endpoint it reports to, which queues one counted view
// (docs/readership.md): no cookies set, no identifiers stored.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import * as v from "valibot";
import { FIRST_PARTY_COLLECT_PATH, FIRST_PARTY_SCRIPT, FIRST_PARTY_SCRIPT_PATH } from "../analytics/tag.ts";
import type { ConsentDecision } from "../consent/decision.ts";
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
 * Whether this view may count: at most PAGEVIEW_READER_LIMIT views a minute per stored choice (keyed by a hash of
 * `reader`, which only the rate limiter's short-lived counter sees) and PAGEVIEW_ARTICLE_LIMIT a minute per article, per
 * Cloudflare location. Beyond that a replayed or scripted beacon adds nothing.
 */
async function withinLimits(env: AppEnv["Bindings"], slug: string, reader: string | null): Promise<boolean> {
  const perReader = async () => {
    if (reader === null) return true;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(reader)));
    const key = Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
    return (await env.PAGEVIEW_READER_LIMIT.limit({ key })).success;
  };
  const [readerOk, perArticle] = await Promise.all([perReader(), env.PAGEVIEW_ARTICLE_LIMIT.limit({ key: slug })]);
  return readerOk && perArticle.success;
}

/**
 * What the per-reader bound counts on: the stored choice (its receipt id, else when it was made), which stays the
 * same until the reader chooses again. A reader under an opt-out rule who never chose carries no cookie, so there is
 * nothing to key on: only the per-article bound applies (docs/readership.md).
 */
function readerKey(decision: ConsentDecision): string | null {
  if (!decision.decided) return null;
  return decision.receiptId ?? `given:${decision.givenAt?.getTime() ?? 0}`;
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
  // The server checks consent again: a page view without a current analytics grant is dropped, not recorded.
  const decision = c.get("consent");
  if (!decision.grants.includes("analytics")) return c.body(null, 204);
  // One log line per consented view, as before (Workers Logs); the counted view goes through the queue below.
  log("info", "pageview", { path: view.output.path, ray: rayOf(c) });
  if (BOT.test(c.req.header("user-agent") ?? "")) return c.body(null, 204);
  const message = pageViewFor(
    view.output.path,
    c.req.raw.cf?.country,
    referrerHost(view.output.ref, new URL(c.req.url).host),
    new Date(),
  );
  if (message && (await withinLimits(c.env, message.slug, readerKey(decision)))) {
    // Queued after the answer: the beacon never waits on the queue, and a queue failure costs one view, not a 5xx.
    c.executionCtx.waitUntil(
      c.env.PAGEVIEWS.send(message).catch((error: unknown) => log("error", "pageview.queue_failed", { message: String(error) })),
    );
  }
  return c.body(null, 204);
});
