// The app factory: orders the middleware, mounts the routes, sets the not-found and error pages. src/index.ts and
// the tests build the Worker with it, so what the tests exercise is what deploys.
import { Hono } from "hono";
import { analyticsRewriter } from "./analytics/rewriter.ts";
import { type PageCacheOptions, pageCache } from "./cache/page-cache.ts";
import type { Config } from "./config/index.ts";
import { consent } from "./consent/middleware.ts";
import { rayOf } from "./context.ts";
import { KvUnavailableError } from "./data/store.ts";
import type { AppEnv } from "./env.ts";
import { log } from "./log.ts";
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

export type AppOptions = {
  /** The validated configuration (`parseConfig(env)`), read once at start-up. */
  config: Config;
  /** Page-cache settings a test or the bench chooses (its own cache, a shorter version bound); the rest are defaults. */
  pageCache?: Partial<Omit<PageCacheOptions, "unavailable" | "bypass">>;
};

/** The Edgewire Worker for one configuration. */
export function createApp({ config, pageCache: cacheOptions = {} }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // First, so the floors skip all middleware; mounted only when the bench starts the Worker with BENCH_FLOORS=on.
  if (config.bench.floors) app.route("/", benchFloors);
  app.use(async function provideConfig(c, next) {
    c.set("config", config);
    await next();
  });
  app.use(securityHeaders(config.analytics));
  app.use(allowMethods({ ...CONSENT_METHODS, ...ANALYTICS_METHODS }));
  app.use(consent(config.consent));
  // The rewriter wraps the cache: cached bytes never hold analytics or a nonce; both are added per response.
  app.use(analyticsRewriter(config.analytics));
  app.use(
    pageCache({ unavailable: renderUnavailable, ...(config.bench.floors ? { bypass: benchBypass } : {}), ...cacheOptions }),
  );
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
    log("error", "unhandled", { ray: rayOf(c), path: c.req.path, message: err.message });
    return renderServerError(c);
  });
  return app;
}
