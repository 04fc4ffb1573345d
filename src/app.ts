// The app factory: orders the middleware, mounts the routes, sets the not-found and error pages. src/index.ts and
// the tests build the Worker with it, so what the tests exercise is what deploys.
import { Hono } from "hono";
import { analyticsRewriter, analyticsTagFor, withTagInHead } from "./analytics/rewriter.ts";
import { httpPolicy } from "./cache/http-policy.ts";
import { createPageStore, PAGE_STORE_DEFAULTS, type PageStoreOptions } from "./cache/page-store.ts";
import type { Config } from "./config/index.ts";
import { consent, knownReaderConsent } from "./consent/middleware.ts";
import { rayOf } from "./context.ts";
import { PREVIEW_PREFIX } from "./data/preview-link.ts";
import { KvUnavailableError } from "./data/store.ts";
import type { AppEnv } from "./env.ts";
import { log } from "./log.ts";
import { ANALYTICS_METHODS, analyticsRoutes } from "./routes/analytics.ts";
import { articles } from "./routes/articles.tsx";
import { CONSENT_METHODS, consentRoutes } from "./routes/consent.tsx";
import { feeds } from "./routes/feeds.ts";
import { listings } from "./routes/listings.tsx";
import { media } from "./routes/media.ts";
import { allowMethods } from "./routes/methods.ts";
import { previews } from "./routes/preview.tsx";
import { renderNotFound, renderServerError, renderUnavailable } from "./routes/respond.tsx";
import { SEARCH_PATH, search } from "./routes/search.tsx";
import { siteRegistry } from "./routes/site.ts";
import { statics } from "./routes/static.ts";
import { securityHeaders, securityHeadersWriter } from "./security/headers.ts";

export type AppOptions = {
  /** The validated configuration (`parseConfig(env)`), read once at start-up. */
  config: Config;
  /** Page-store settings a test chooses (its own cache, a shorter version bound, a clock); the rest are defaults. */
  pageCache?: Partial<Omit<PageStoreOptions, "unavailable">>;
};

/** The Edgewire Worker for one configuration. */
export function createApp({ config, pageCache: cacheOptions = {} }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async function provideConfig(c, next) {
    c.set("config", config);
    await next();
  });
  app.use(securityHeaders(config.analytics));
  app.use(allowMethods({ ...CONSENT_METHODS, ...ANALYTICS_METHODS }));
  app.use(consent(config.consent));
  // The analytics gate wraps the store for HTML the store did not finish; the store keeps a tagged copy of its pages.
  app.use(analyticsRewriter(config.analytics));
  app.use(httpPolicy());
  // Under `npm start` (LIVE_PREVIEW=on) the content version is read on every request, so a saved article shows on the
  // next reload.
  const store = createPageStore({
    unavailable: renderUnavailable,
    analyticsTag: analyticsTagFor(config.analytics),
    withTag: withTagInHead,
    // A hit's complete header list is built once with these, so securityHeaders leaves such a response alone.
    outerHeaders: securityHeadersWriter(config.analytics),
    // Search pages vary by query, which the page key leaves out: the search route caches its results itself.
    // Previews are never stored: each is one reader's signed link.
    skip: (path: string) => PAGE_STORE_DEFAULTS.skip(path) || path === SEARCH_PATH || path.startsWith(PREVIEW_PREFIX),
    ...(config.preview.live ? { versionMaxAgeMs: 0 } : {}),
    ...cacheOptions,
  });
  app.use(store.middleware);
  app.use(siteRegistry());
  app.route("/", listings);
  app.route("/", articles);
  app.route("/", feeds);
  app.route("/", search);
  app.route("/", previews);
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
  // A fresh page this isolate keeps, for a reader whose consent it already knows, is answered before Hono runs: the
  // same complete response the middlewares would make, without the context, the router and the middleware chain.
  const viaApp = app.fetch;
  app.fetch = (request, env, ctx) => {
    let early: Response | null = null;
    try {
      early = store.early(request, env, (path) => knownReaderConsent(request, path, config.consent));
    } catch (err) {
      // Never a 500 from the shortcut: the app answers as it would have without it.
      log("error", "early_hit_failed", { path: new URL(request.url).pathname, message: String(err) });
    }
    return early ?? viaApp(request, env, ctx);
  };
  return app;
}
