// Edgewire's Worker: wires middleware and routes, and the not-found and error pages.
import { Hono } from "hono";
import { pageCache } from "./cache/page-cache.ts";
import { KvUnavailableError } from "./data/store.ts";
import type { AppEnv } from "./env.ts";
import { articles } from "./routes/articles.tsx";
import { benchBypass, benchFloors } from "./routes/bench-floors.ts";
import { listings } from "./routes/listings.tsx";
import { allowMethods } from "./routes/methods.ts";
import { renderNotFound, renderServerError, renderUnavailable } from "./routes/respond.tsx";

const app = new Hono<AppEnv>();

// First, so the floors skip all middleware; they answer only when the bench sets BENCH_FLOORS=on.
app.route("/", benchFloors);
app.use(allowMethods());
app.use(pageCache({ unavailable: renderUnavailable, bypass: benchBypass }));
app.route("/", listings);
app.route("/", articles);

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
