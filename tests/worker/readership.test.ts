// Readership figures in workerd: POST /analytics/collect queues a view only with consent, the queue consumer stores
// it in D1 once, bounds hold, and the scheduled handler rolls old views into daily counts.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { EVENT_DAYS, type PageViewMessage, pageViewFor, referrerHost } from "../../src/readership/views.ts";
import { consentCookie } from "./support/consent.ts";
import { migrate } from "./support/d1.ts";
import { seed } from "./support/kv.ts";

const ORIGIN = "http://example.com";
const ARTICLE = "bare-article";
const GRANTED = await consentCookie(["analytics"]);
const DECLINED = await consentCookie([]);

const beacon = (body: unknown, headers: Record<string, string> = {}, cf: Record<string, string> = { country: "DE" }) =>
  exports.default.fetch(
    new Request(`${ORIGIN}/analytics/collect`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "text/plain", origin: ORIGIN, "sec-fetch-site": "same-origin", cookie: GRANTED, ...headers },
      cf,
    }),
  );

/** Runs the Worker's queue handler on these messages, as the queue would deliver them. */
async function deliver(messages: PageViewMessage[], attempts = 1) {
  const batch = createMessageBatch(
    "edgewire-pageviews",
    messages.map((body, i) => ({ id: `m${i}-${body.id}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}
const view = (slug = ARTICLE, day = new Date().toISOString().slice(0, 10)): PageViewMessage => ({
  ...(pageViewFor(`/articles/${slug}`, "FR", "news.example", new Date()) as PageViewMessage),
  day,
});
const count = async (sql = "SELECT COUNT(*) AS n FROM pageview_events") =>
  (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? 0;

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
  await migrate(env.DB);
});
beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM pageview_events"), env.DB.prepare("DELETE FROM pageviews_daily")]);
});

/** Waits until the queue has delivered views to the consumer and D1 holds `n` rows (or gives up after 8 s). */
async function rowsAfterDelivery(n: number) {
  for (let waited = 0; waited < 15_000 && (await count()) < n; waited += 100) await scheduler.wait(100);
  await scheduler.wait(2500); // one more batch window (max_batch_timeout = 2 s): nothing else may arrive
  return env.DB.prepare("SELECT slug, section, country, referrer FROM pageview_events").all();
}

describe("POST /analytics/collect", () => {
  it("queues one view of an article for a consenting reader: stored with country and referring host only", async () => {
    const res = await beacon({ path: `/articles/${ARTICLE}`, ref: "www.News.example" });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toBeNull();
    const rows = await rowsAfterDelivery(1);
    expect(rows.results).toEqual([{ slug: ARTICLE, section: "reader-tests", country: "DE", referrer: "news.example" }]);
  }, 30_000);

  it("answers 204 and counts nothing without consent, for a declined reader, for a bot, or for a non-article page", async () => {
    const cases: [string, Record<string, string>][] = [
      [`/articles/${ARTICLE}`, { cookie: "" }],
      [`/articles/${ARTICLE}`, { cookie: DECLINED }],
      [`/articles/${ARTICLE}`, { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }],
      ["/section/reader-tests", {}],
    ];
    for (const [path, headers] of cases) expect((await beacon({ path }, headers)).status).toBe(204);
    expect((await rowsAfterDelivery(0)).results).toEqual([]);
  }, 30_000);

  it("counts at most 20 views a minute from one stored choice (PAGEVIEW_READER_LIMIT)", async () => {
    // A granted cookie of a moment no other test file uses: the rate limiter's counters are shared across files.
    const given = new Date(Date.now() - 86_400_000 - Math.floor(Math.random() * 86_400) * 1000);
    const cookie = await consentCookie(["analytics"], { givenAt: given });
    for (let i = 0; i < 30; i++) expect((await beacon({ path: `/articles/${ARTICLE}` }, { cookie })).status).toBe(204);
    expect((await rowsAfterDelivery(20)).results).toHaveLength(20);
  }, 30_000);

  it("counts a reader under an opt-out rule who never chose (no cookie), and not one who opted out", async () => {
    const california = { country: "US", regionCode: "CA" };
    expect((await beacon({ path: `/articles/${ARTICLE}` }, { cookie: "" }, california)).status).toBe(204);
    expect((await beacon({ path: `/articles/${ARTICLE}` }, { cookie: DECLINED }, california)).status).toBe(204);
    expect((await rowsAfterDelivery(1)).results).toEqual([
      { slug: ARTICLE, section: "reader-tests", country: "US", referrer: "" },
    ]);
  }, 30_000);

  it("refuses a malformed beacon with 400 and a cross-site one with 403", async () => {
    expect((await beacon({ path: "/x", ref: "a".repeat(300) })).status).toBe(400);
    expect((await beacon({ path: `/articles/${ARTICLE}`, extra: 1 })).status).toBe(400);
    expect(
      (await beacon({ path: `/articles/${ARTICLE}` }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
  });
});

describe("the view message", () => {
  it("is made only for article paths, with an unknown country as XX", () => {
    expect(pageViewFor("/", "DE", "", new Date())).toBeNull();
    expect(pageViewFor("/section/world", "DE", "", new Date())).toBeNull();
    expect(pageViewFor("/articles/Not_A_Slug", "DE", "", new Date())).toBeNull();
    const message = pageViewFor(`/articles/${ARTICLE}`, undefined, "", new Date("2026-05-04T23:59:00Z"));
    expect(message).toMatchObject({ slug: ARTICLE, country: "XX", day: "2026-05-04", referrer: "" });
  });

  it("keeps only a referring host, and none for this site itself", () => {
    expect(referrerHost("WWW.Example.org", "edgewire.example")).toBe("example.org");
    expect(referrerHost("edgewire.example", "edgewire.example")).toBe("");
    expect(referrerHost("evil.example/<script>", "edgewire.example")).toBe("");
    expect(referrerHost(undefined, "edgewire.example")).toBe("");
  });
});

describe("the queue consumer", () => {
  it("stores each view once, with the article's section from KV", async () => {
    const result = await deliver([view(), view()]);
    expect(result.retryBatch.retry).toBe(false);
    const rows = await env.DB.prepare("SELECT slug, section, country, referrer FROM pageview_events").all();
    expect(rows.results).toEqual([
      { slug: ARTICLE, section: "reader-tests", country: "FR", referrer: "news.example" },
      { slug: ARTICLE, section: "reader-tests", country: "FR", referrer: "news.example" },
    ]);
  });

  it("writes a redelivered view once (the view's own id is the key)", async () => {
    const once = view();
    await deliver([once]);
    await deliver([once], 2);
    expect(await count()).toBe(1);
  });

  it("drops views of unknown, scheduled and malformed articles, so a forged beacon adds no row", async () => {
    const forged = { ...view(), slug: "no-such-article" };
    const scheduled = { ...view(), slug: "lonely-scheduled" };
    await deliver([forged, scheduled, { ...view(), country: "<x>" } as PageViewMessage]);
    expect(await count()).toBe(0);
  });

  it("lets the queue retry the batch when D1 fails, and loses nothing when it comes back", async () => {
    const views = [view(), view()];
    // A D1 binding that throws on every write, as during an outage.
    const db = { prepare: env.DB.prepare.bind(env.DB), batch: () => Promise.reject(new Error("D1 down")) };
    const failing: typeof env = { ...env, DB: db as unknown as D1Database };
    const batch = createMessageBatch(
      "edgewire-pageviews",
      views.map((body, i) => ({ id: `r${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    await expect(worker.queue(batch, failing)).rejects.toThrow("D1 down");
    expect(await count()).toBe(0);
    await deliver(views, 2);
    expect(await count()).toBe(2);
  });
});

describe("the daily roll-up (scheduled handler)", () => {
  it(`turns views older than ${EVENT_DAYS} days into daily counts and keeps recent ones as they are`, async () => {
    const now = new Date("2026-06-10T03:17:00Z");
    const old = "2026-06-01";
    const recent = "2026-06-09";
    await deliver([view(ARTICLE, old), view(ARTICLE, old), view("hostile-headline", old), view(ARTICLE, recent)]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }), env);
    await waitOnExecutionContext(ctx);
    expect(await count()).toBe(1);
    const daily = await env.DB.prepare("SELECT day, slug, views FROM pageviews_daily ORDER BY slug").all();
    expect(daily.results).toEqual([
      { day: old, slug: ARTICLE, views: 2 },
      { day: old, slug: "hostile-headline", views: 1 },
    ]);
    // Running it again adds nothing.
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }), env);
    expect(await count("SELECT SUM(views) AS n FROM pageviews_daily")).toBe(3);
  });
});
