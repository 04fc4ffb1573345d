// Readership figures: the page-view message the collect route queues, the consumer that stores it in D1 exactly
// once, and the daily roll-up. No reader identifiers: a view is (day, article, section, country, referring host).
import * as v from "valibot";
import { isPublishedBy, isSlug } from "../data/schema.ts";
import { getArticleEntry } from "../data/store.ts";

/** Views stay one row each for this many days (so a late queue redelivery still dedupes), then become daily counts. */
export const EVENT_DAYS = 3;

const Host = v.pipe(v.string(), v.maxLength(253), v.regex(/^$|^[a-z0-9.-]+(:\d{1,5})?$/));

/** What the Worker queues for one counted page view. `id` is random per view, made by the Worker. */
export const PageViewMessageSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  day: v.pipe(v.string(), v.isoDate()),
  slug: v.pipe(v.string(), v.check(isSlug)),
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  referrer: Host,
});
export type PageViewMessage = v.InferOutput<typeof PageViewMessageSchema>;

/** The referring host worth recording: lower-cased, without "www.", and empty for this site itself or a bad value. */
export function referrerHost(raw: string | undefined, ownHost: string): string {
  if (!raw) return "";
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^www\./, "");
  if (host === ownHost.toLowerCase().replace(/^www\./, "")) return "";
  return v.is(Host, host) ? host : "";
}

/** The view message for an article path, or null when the path is not an article (only articles are counted). */
export function pageViewFor(path: string, country: unknown, referrer: string, now: Date): PageViewMessage | null {
  const slug = path.match(/^\/articles\/([^/]+)$/)?.[1];
  if (!slug || !isSlug(slug)) return null;
  return {
    id: crypto.randomUUID(),
    day: now.toISOString().slice(0, 10),
    slug,
    country: typeof country === "string" && /^[A-Z]{2}$/.test(country) ? country : "XX",
    referrer,
  };
}

const INSERT_EVENT =
  "INSERT OR IGNORE INTO pageview_events (id, day, slug, section, country, referrer) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/**
 * Stores a batch of queued views in one D1 transaction. A view of a slug that is not a published article (a forged
 * beacon, a scheduled story) is dropped; a malformed message is dropped. If D1 fails, the whole batch is retried by
 * the queue and `INSERT OR IGNORE` on the view's id keeps a redelivered view from counting twice.
 */
export async function storePageViews(
  messages: readonly { body: unknown }[],
  env: { DB: D1Database; CONTENT: KVNamespace },
  now: number,
): Promise<{ stored: number; dropped: number }> {
  const sections = new Map<string, string | null>();
  const statements: D1PreparedStatement[] = [];
  for (const message of messages) {
    const view = v.safeParse(PageViewMessageSchema, message.body);
    if (!view.success) continue;
    const { id, day, slug, country, referrer } = view.output;
    if (!sections.has(slug)) {
      const entry = await getArticleEntry(env.CONTENT, slug);
      sections.set(slug, entry?.kind === "article" && isPublishedBy(entry, now) ? entry.section.slug : null);
    }
    const section = sections.get(slug);
    if (!section) continue;
    statements.push(env.DB.prepare(INSERT_EVENT).bind(id, day, slug, section, country, referrer));
  }
  if (statements.length > 0) await env.DB.batch(statements);
  return { stored: statements.length, dropped: messages.length - statements.length };
}

/**
 * Moves views older than EVENT_DAYS into daily counts, in one transaction (the insert and the delete commit together,
 * so a failure leaves both tables as they were). Returns how many views were rolled up.
 */
export async function rollUpPageViews(db: D1Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - EVENT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [, deleted] = await db.batch([
    db
      .prepare(
        `INSERT INTO pageviews_daily (day, slug, section, country, referrer, views)
         SELECT day, slug, section, country, referrer, COUNT(*) FROM pageview_events WHERE day < ?1
         GROUP BY day, slug, section, country, referrer
         ON CONFLICT (day, slug, country, referrer) DO UPDATE SET views = views + excluded.views`,
      )
      .bind(cutoff),
    db.prepare("DELETE FROM pageview_events WHERE day < ?1").bind(cutoff),
  ]);
  return deleted?.meta.changes ?? 0;
}
