// Edgewire's Worker: wires middleware and routes, and the not-found and error pages.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { analyticsConfig } from "./analytics/config.ts";
import { analyticsRewriter } from "./analytics/rewriter.ts";
import { pageCache } from "./cache/page-cache.ts";
import { consent, consentConfig } from "./consent/middleware.ts";
import { KvUnavailableError } from "./data/store.ts";
import type { AppEnv } from "./env.ts";
import { checkTimeZone } from "./render/format.ts";
import { ANALYTICS_METHODS, analyticsRoutes } from "./routes/analytics.ts";
import { articles } from "./routes/articles.tsx";
import { benchBypass, benchFloors } from "./routes/bench-floors.ts";
import { CONSENT_METHODS, consentRoutes } from "./routes/consent.tsx";
import { feeds } from "./routes/feeds.ts";
import { listings } from "./routes/listings.tsx";
import { media } from "./routes/media.ts";
import { allowMethods } from "./routes/methods.ts";
import { renderNotFound, renderServerError, renderUnavailable } from "./routes/respond.tsx";
import { statics } from "./routes/static.ts";
import { securityHeaders } from "./security/headers.ts";

// Misconfiguration fails at start-up (and so fails the deploy), with a message naming the variable.
consentConfig(env);
analyticsConfig(env);
checkTimeZone(env.SITE_TIME_ZONE);

const app = new Hono<AppEnv>();

// First, so the floors skip all middleware; they answer only when the bench sets BENCH_FLOORS=on.
app.route("/", benchFloors);
app.use(securityHeaders());
app.use(allowMethods({ ...CONSENT_METHODS, ...ANALYTICS_METHODS }));
app.use(consent());
// The rewriter wraps the cache: cached bytes never hold analytics or a nonce; both are added per response.
app.use(analyticsRewriter());
app.use(pageCache({ unavailable: renderUnavailable, bypass: benchBypass }));
app.route("/", listings);
app.route("/", articles);
app.route("/", feeds);
app.route("/", statics);
app.route("/", media);
app.route("/", consentRoutes);
app.route("/", analyticsRoutes);

app.notFound(renderNotFound);
app.onError((err, c) => {
  // The page cache logs it and answers with a stale copy or this 503.
  if (err instanceof KvUnavailableError) return renderUnavailable(c);
  console.error(
    JSON.stringify({
      level: "error",
      event: "unhandled",
      ray: c.req.header("cf-ray") ?? null,
      path: c.req.path,
      message: err.message,
    }),
  );
  return renderServerError(c);
});

export default app;
