// First-party analytics URLs: the page-view script and the endpoint it reports to (one log line, no personal data).
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import * as v from "valibot";
import { FIRST_PARTY_COLLECT_PATH, FIRST_PARTY_SCRIPT, FIRST_PARTY_SCRIPT_PATH } from "../analytics/tag.ts";
import { analyticsAllowed } from "../consent/decision.ts";
import { rayOf } from "../context.ts";
import type { AppEnv } from "../env.ts";
import { log } from "../log.ts";
import { readBodyLimited, sameOriginOnly } from "./body.ts";
import type { MethodTable } from "./methods.ts";
import { renderNotFound } from "./respond.tsx";

export const MAX_COLLECT_BODY_BYTES = 1024;

export const ANALYTICS_METHODS: MethodTable = { [FIRST_PARTY_COLLECT_PATH]: ["POST"] };

const PageViewSchema = v.strictObject({
  path: v.pipe(v.string(), v.startsWith("/"), v.maxLength(512)),
});

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
  // The server checks consent again: a page view without a current "granted" is dropped, not recorded.
  if (analyticsAllowed(c.get("consent"))) {
    log("info", "pageview", { path: view.output.path, ray: rayOf(c) });
  }
  c.header("Cache-Control", "no-store");
  return c.body(null, 204);
});
