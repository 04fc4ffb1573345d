// Answers 405 with an Allow header for methods no route takes; GET and HEAD fall through to the 404 page.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

export type MethodTable = Record<string, readonly string[]>;

const READ_ONLY = ["GET", "HEAD"] as const;

/** Rejects methods outside the path's allow-list (paths not in the table allow GET and HEAD). */
export function allowMethods(table: MethodTable = {}): MiddlewareHandler<AppEnv> {
  return async function allowMethods(c, next) {
    const allowed = table[c.req.path] ?? READ_ONLY;
    if (!allowed.includes(c.req.method)) {
      return c.text("Method Not Allowed", 405, { Allow: allowed.join(", ") });
    }
    await next();
  };
}
