// Edgewire's Worker: wires middleware and routes, and the not-found and error pages.
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { articles } from "./routes/articles.tsx";
import { feeds } from "./routes/feeds.ts";
import { listings } from "./routes/listings.tsx";
import { allowMethods } from "./routes/methods.ts";
import { renderNotFound, renderServerError } from "./routes/respond.tsx";
import { statics } from "./routes/static.ts";

const app = new Hono<AppEnv>();

app.use(allowMethods());
app.route("/", listings);
app.route("/", articles);
app.route("/", feeds);
app.route("/", statics);

app.notFound(renderNotFound);
app.onError((err, c) => {
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
