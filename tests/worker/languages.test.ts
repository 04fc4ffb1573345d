// Languages: one catalogue per language with every key, Accept-Language on most pages, the article's own language
// on article pages, lang/dir, Content-Language and Vary, and per-language page variants in the cache.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/index.ts";
import { en } from "../../src/i18n/en.ts";
import { CATALOGUES } from "../../src/i18n/index.ts";
import { formatNumber } from "../../src/i18n/numbers.ts";
import { consentCookie, get, hasBanner } from "./support/consent.ts";
import { select, selectOne } from "./support/html.ts";
import { seed } from "./support/kv.ts";

const ARABIC_ARTICLE = "/articles/rtl-article";
const ENGLISH_ARTICLE = "/articles/bare-article";
const ARABIC = { "accept-language": "ar-EG,ar;q=0.9,en;q=0.5" };
/** A page no other test here asks for, so the page cache has no copy rendered under the Worker's own configuration. */
const UNCACHED = "/section/reader-tests";
const CTX = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;

beforeAll(async () => {
  await seed(env.CONTENT, "reader");
});

describe("message catalogues", () => {
  const shape = (messages: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(messages).map(([key, value]) => [
        key,
        typeof value === "function" ? `function/${value.length}` : typeof value,
      ]),
    );

  it.each(Object.entries(CATALOGUES))("%s has exactly the English catalogue's keys, each of the same kind", (_lang, messages) => {
    expect(shape(messages)).toEqual(shape(en));
  });

  it.each(Object.entries(CATALOGUES))("%s has no empty message", (_lang, messages) => {
    const empty = Object.entries(messages).filter(([, value]) => typeof value === "string" && value.trim() === "");
    expect(empty).toEqual([]);
  });

  it("write numbers as their language does, with one kept formatter per locale", () => {
    expect(CATALOGUES.en.searchCount(12_345)).toBe("12,345 articles found");
    expect(CATALOGUES.ar.searchCount(12_345)).toContain((12_345).toLocaleString("ar"));
    for (const [n, locale] of [
      [0, "en-GB"],
      [1_234_567.5, "en-GB"],
      [12_345, "ar"],
      [-7, "ar"],
    ] as const) {
      expect(formatNumber(n, locale)).toBe(n.toLocaleString(locale));
      expect(formatNumber(n, locale)).toBe(formatNumber(n, locale));
    }
  });
});

describe("the reader's language", () => {
  it("speaks Arabic on the front page to a reader whose browser asks for it, right to left", async () => {
    const res = await get("/", ARABIC);
    const html = await res.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(res.headers.get("content-language")).toBe("ar");
    expect((await selectOne(html, "#consent-banner-title")).text).toBe("اختيارك بشأن الخصوصية");
    expect(html).toContain(">قبول الكل</button>");
    expect(html).toContain(">رفض الكل</button>");
    expect((await selectOne(html, ".skip")).text).toBe("انتقل إلى المحتوى");
  });

  it("falls back to the default language for a language it does not ship", async () => {
    const res = await get("/", { "accept-language": "fr-FR,fr;q=0.9" });
    expect(await res.text()).toMatch(/<html lang="en" dir="ltr">/);
    expect(res.headers.get("content-language")).toBe("en");
  });

  it("skips a language the reader refuses with q=0", async () => {
    const html = await (await get("/", { "accept-language": "ar;q=0, en;q=0.5" })).text();
    expect(html).toMatch(/<html lang="en"/);
  });

  it("varies listing pages on Accept-Language and keeps one cached copy per language", async () => {
    const arabic = await get("/", ARABIC);
    expect(arabic.headers.get("vary")).toBe("Cookie, Sec-GPC, Accept-Language");
    expect(await arabic.text()).toMatch(/<html lang="ar"/);
    expect(await (await get("/")).text()).toMatch(/<html lang="en"/);
    expect(await (await get("/", ARABIC)).text()).toMatch(/<html lang="ar"/);
  });

  it("writes the privacy and consent pages in the reader's language", async () => {
    expect((await selectOne(await (await get("/privacy", ARABIC)).text(), "h1")).text).toBe("سياسة الخصوصية");
    expect((await selectOne(await (await get("/consent", ARABIC)).text(), "h1")).text).toBe("إعدادات ملفات تعريف الارتباط");
  });

  it("answers a missing page in the reader's language", async () => {
    const res = await get("/no-such-page", ARABIC);
    expect(res.status).toBe(404);
    expect((await selectOne(await res.text(), "h1")).text).toBe("الصفحة غير موجودة");
  });
});

describe("article pages", () => {
  it("speak their article's language whatever the reader's browser asks for, with an Arabic banner on an Arabic article", async () => {
    const res = await get(ARABIC_ARTICLE, { "accept-language": "en-US,en;q=0.9" });
    const html = await res.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(res.headers.get("content-language")).toBe("ar");
    expect((await selectOne(html, "#consent-banner-title")).text).toBe("اختيارك بشأن الخصوصية");
    expect((await selectOne(html, "#share-heading")).text).toBe("شارك هذا المقال");
    expect((await selectOne(html, ".on-top a")).text).toBe("إلى الأعلى");
  });

  it("writes an Arabic article's dates in Arabic", async () => {
    const html = await (await get(ARABIC_ARTICLE)).text();
    const [time] = await select(html, "article header time");
    expect(time?.text).toBe(
      // Date, time and zone, as the article header writes them, in the site's time zone.
      new Intl.DateTimeFormat("ar", {
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone: env.SITE_TIME_ZONE,
      }).format(new Date(time?.attrs.datetime ?? "")),
    );
    expect(time?.text).not.toMatch(/January/);
  });

  it("keep an English article in English for an Arabic-speaking reader", async () => {
    const html = await (await get(ENGLISH_ARTICLE, ARABIC)).text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(html).toContain(">Accept all</button>");
  });

  it("do not vary on Accept-Language: every reader of an article gets the same language", async () => {
    const res = await get(ARABIC_ARTICLE, ARABIC);
    expect(res.headers.get("vary")).toBe("Cookie, Sec-GPC");
  });

  it("leave out the banner for a reader who chose, in any language", async () => {
    const html = await (await get(ARABIC_ARTICLE, { cookie: await consentCookie([]) })).text();
    expect(hasBanner(html)).toBe(false);
    expect(html).toContain('<a href="/consent">إعدادات ملفات تعريف الارتباط</a>');
  });
});

describe("configured banner wording", () => {
  it("replaces the default sentences per language and links the privacy-policy phrase inside it", async () => {
    const bindings = { ...env, CONSENT_BANNER_TEXT: { en: "We count visits if you let us. Read our Privacy Policy first." } };
    const app = createApp({ config: parseConfig(bindings) });
    const res = await app.fetch(new Request(`http://example.com${UNCACHED}`), bindings, CTX);
    const html = await res.text();
    expect(html).toContain('<p>We count visits if you let us. Read our <a href="/privacy">Privacy Policy</a> first.</p>');
    expect(html).not.toContain("This website stores cookies");
    // Arabic keeps its default sentences.
    const arabic = await app.fetch(new Request(`http://example.com${UNCACHED}`, { headers: ARABIC }), bindings, CTX);
    expect(await arabic.text()).toContain("يخزّن هذا الموقع ملفات تعريف الارتباط على جهازك.");
  });
});

describe("GEO_OVERRIDE", () => {
  it("treats every request as coming from the configured place in development", async () => {
    const bindings = { ...env, ENVIRONMENT: "development", GEO_OVERRIDE: "US-CA" };
    const app = createApp({ config: parseConfig(bindings) });
    const res = await app.fetch(
      new Request(`http://example.com${UNCACHED}?geo`, { cf: { country: "DE" } } as RequestInit),
      bindings,
      CTX,
    );
    const html = await res.text();
    expect(hasBanner(html)).toBe(false);
    expect(html).toContain('<a href="/consent">Your Privacy Choices</a>');
  });

  it("is unused by the worker under test", async () => {
    expect((env as { GEO_OVERRIDE?: string }).GEO_OVERRIDE).toBeUndefined();
    expect(hasBanner(await (await exports.default.fetch(new Request("http://example.com/"))).text())).toBe(true);
  });
});
