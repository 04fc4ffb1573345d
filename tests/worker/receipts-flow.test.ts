// Consent receipts end to end in workerd: POST /consent → queue → consumer → D1, the id in the cookie and on
// /consent, the abuse bound, and a receipt surviving a queue outage.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/index.ts";
import { HOST_COOKIE } from "../../src/consent/cookie.ts";
import worker from "../../src/index.ts";
import { COLUMNS } from "../../tools/consent/sql.ts";
import { consentCookie } from "./support/consent.ts";
import { formPost } from "./support/requests.ts";
import { unavailable } from "./support/unavailable.ts";

const ORIGIN = "http://example.com";
const UA = "Mozilla/5.0 (X11; Linux x86_64) ReceiptTest/1.0";
const IP = "203.0.113.77";
const OTHER_COOKIE = "session-secret-4f9a2c";
/** Words a receipt's column names must never contain. */
const FORBIDDEN_WORDS = new Set([
  "ip",
  "address",
  "agent",
  "ua",
  "cookie",
  "session",
  "user",
  "email",
  "referrer",
  "url",
  "city",
  "region",
  "asn",
]);

type Cf = { country?: string; regionCode?: string; asn?: number };

let nextAsn = 64_512;
/** A private-use AS number per test, so each test has the abuse bound to itself. */
const freshAsn = () => nextAsn++;

/** A consent post carrying everything a receipt must not keep: an IP address, a user agent, another cookie. */
const consentRequest = (body: string, cf: Cf, headers: Record<string, string> = {}) =>
  formPost(
    `${ORIGIN}/consent`,
    body,
    { "user-agent": UA, "cf-connecting-ip": IP, "x-forwarded-for": IP, cookie: `other=${OTHER_COOKIE}`, ...headers },
    cf,
  );

const postChoice = (body: string, cf: Cf, headers: Record<string, string> = {}) =>
  exports.default.fetch(consentRequest(body, cf, headers));

const cookieValue = (res: Response) =>
  res.headers
    .getSetCookie()[0]
    ?.split(";")[0]
    ?.slice(HOST_COOKIE.length + 1) ?? "";
/** `<format>.<policy>.<grants>.<seconds>[.<receipt id>].<tag>`: the id is the fifth of six fields. */
const receiptIdOf = (res: Response) => {
  const fields = cookieValue(res).split(".");
  return fields.length === 6 ? (fields[4] ?? "") : "";
};

const rowsWhere = async (column: "id" | "country", value: string) =>
  (await env.DB.prepare(`SELECT * FROM consent_receipts WHERE ${column} = ? ORDER BY recorded_at`).bind(value).all()).results;

/**
 * The receipts for a test's own country code (ISO user-assigned codes, never a real country), once the queue consumer
 * has written `count` of them, and after a further wait in which no extra one may appear.
 */
async function deliveredFor(country: string, count: number) {
  await vi.waitFor(async () => expect(await rowsWhere("country", country)).toHaveLength(count), {
    timeout: 20_000,
    interval: 50,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return rowsWhere("country", country);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a stored choice", () => {
  it("produces exactly one receipt with the recorded fields, its id in the cookie", async () => {
    const res = await postChoice("choice=declined&form=banner&return=/", { country: "QZ", asn: freshAsn() }, { "sec-gpc": "1" });
    expect(res.status).toBe(303);
    const id = receiptIdOf(res);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const rows = await deliveredFor("QZ", 1);
    expect(rows).toEqual([
      {
        id,
        recorded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        policy_version: Number(env.CONSENT_POLICY_VERSION),
        granted: "[]",
        refused: '["analytics"]',
        outcome: "reject-all",
        // QZ is in no row of the table: the `*` row (opt-in) decided.
        jurisdiction: "default",
        rule: "opt-in",
        country: "QZ",
        gpc: 1,
        language: "en",
        form: "banner",
      },
    ]);
    expect(Math.abs(Date.parse(String(rows[0]?.recorded_at)) - Date.now())).toBeLessThan(60_000);
  });

  it("records no IP address, user agent or cookie value, in any column", async () => {
    const res = await postChoice("choice=granted&form=settings&return=/consent", { country: "QY", asn: freshAsn() });
    const [row] = await deliveredFor("QY", 1);
    const columns = (await env.DB.prepare("PRAGMA table_info(consent_receipts)").all<{ name: string }>()).results;
    expect(columns.map((c) => c.name)).toEqual([...COLUMNS]);
    expect(columns.filter((c) => c.name.split("_").some((word) => FORBIDDEN_WORDS.has(word)))).toEqual([]);
    const stored = JSON.stringify(row);
    for (const forbidden of [IP, "203.0.113", UA, "ReceiptTest", OTHER_COOKIE, cookieValue(res)]) {
      expect(stored).not.toContain(forbidden);
    }
  });

  it("makes one receipt for each of several choices, each with its own id", async () => {
    const asn = freshAsn();
    const ids = [];
    for (const body of ["choice=granted&form=banner", "choice=declined&form=settings", "choice=granted"]) {
      ids.push(receiptIdOf(await postChoice(body, { country: "QX", asn })));
    }
    const rows = await deliveredFor("QX", 3);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(rows.map((r) => [r.outcome, r.form]).sort()).toEqual([
      ["accept-all", "banner"],
      ["accept-all", "unknown"],
      ["reject-all", "settings"],
    ]);
  });

  it("records an unknown country as null rather than guessing", async () => {
    const id = receiptIdOf(await postChoice("choice=granted&form=banner", { asn: freshAsn() }));
    await vi.waitFor(async () => expect(await rowsWhere("id", id)).toHaveLength(1), { timeout: 20_000, interval: 50 });
    expect((await rowsWhere("id", id))[0]?.country).toBeNull();
  });
});

describe("the cookie settings page", () => {
  it("shows the reader the receipt id of their current choice", async () => {
    const res = await postChoice("choice=granted&form=banner", { asn: freshAsn() });
    const page = await exports.default.fetch(
      new Request(`${ORIGIN}/consent`, { headers: { cookie: `${HOST_COOKIE}=${cookieValue(res)}` } }),
    );
    const html = await page.text();
    expect(html).toContain(`Your consent receipt: <code>${receiptIdOf(res)}</code>`);
  });

  it("shows no receipt for a choice stored without one", async () => {
    const page = await exports.default.fetch(
      new Request(`${ORIGIN}/consent`, { headers: { cookie: await consentCookie(["analytics"]) } }),
    );
    const html = await page.text();
    expect(html).toContain("You allowed: Analytics.");
    expect(html).not.toContain("consent receipt");
  });
});

describe("the privacy policy", () => {
  it("says what a receipt holds, what it does not, and how long it is kept", async () => {
    const html = await (await exports.default.fetch(new Request(`${ORIGIN}/privacy`))).text();
    expect(html).toContain("<h2>Our record of your choice</h2>");
    expect(html).toContain("It holds no IP address, no browser details and no cookie");
    expect(html).toContain(`We keep it for ${env.RECEIPT_RETENTION_DAYS} days`);
  });
});

describe("the abuse bound", () => {
  it("stores the 61st choice in a minute from one network without a receipt, and keeps other networks' receipts", async () => {
    const asn = freshAsn();
    const results = [];
    for (let i = 0; i < 61; i++) results.push(await postChoice("choice=granted&form=banner", { asn }));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(results.slice(0, 60).every((r) => /^[A-Za-z0-9_-]{16}$/.test(receiptIdOf(r) ?? ""))).toBe(true);
    const over = results[60] as Response;
    // The choice itself is kept: a signed cookie of five fields, without the receipt id.
    expect(cookieValue(over)).toMatch(/^1\.\d+\.a\.\d{10}\.[\w-]{22}$/);
    expect(receiptIdOf(await postChoice("choice=granted&form=banner", { asn: freshAsn() }))).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});

describe("a queue outage", () => {
  it("keeps the choice and writes the receipt to D1 directly", async () => {
    const failingQueue = { send: () => Promise.reject(new Error("queue unavailable")) } as unknown as Queue;
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      consentRequest("choice=granted&form=banner", { country: "QW", asn: freshAsn() }),
      { ...env, RECEIPTS: failingQueue },
      ctx,
    );
    expect(res.status).toBe(303);
    const id = receiptIdOf(res);
    await waitOnExecutionContext(ctx);
    expect((await rowsWhere("id", id ?? "")).map((r) => r.country)).toEqual(["QW"]);
  });

  it("logs the whole receipt when neither the queue nor D1 takes it, so it can be replayed", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const down = unavailable("queue and D1");
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      consentRequest("choice=declined&form=settings", { country: "QV", asn: freshAsn() }),
      { ...env, RECEIPTS: down, DB: down },
      ctx,
    );
    expect(res.status).toBe(303);
    expect(cookieValue(res)).toMatch(/^1\.\d+\.-\./);
    await waitOnExecutionContext(ctx);
    const undelivered = error.mock.calls
      .map(([line]) => JSON.parse(String(line)))
      .filter((line) => line.event === "receipt-undelivered");
    expect(undelivered.map((line) => JSON.parse(line.receipt))).toEqual([
      expect.objectContaining({ id: receiptIdOf(res), country: "QV", refused: ["analytics"] }),
    ]);
  });
});

describe("what a receipt records under each rule, purpose set and language", () => {
  // The Worker asking about two purposes, as a deploy with CONSENT_PURPOSES = "analytics,marketing" would.
  const twoPurposes = { ...env, CONSENT_PURPOSES: "analytics,marketing" };
  const app = createApp({ config: parseConfig(twoPurposes) });
  const send = async (body: string, cf: Cf, headers: Record<string, string> = {}) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(consentRequest(body, cf, headers), twoPurposes, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  const rowOf = async (res: Response) => {
    const id = receiptIdOf(res);
    await vi.waitFor(async () => expect(await rowsWhere("id", id)).toHaveLength(1), { timeout: 20_000, interval: 50 });
    return (await rowsWhere("id", id))[0];
  };

  it("a custom choice from the settings form in Germany: granted and refused per purpose, the DE row, opt-in", async () => {
    const res = await send("choice=custom&purpose=analytics&form=settings&lang=en", { country: "DE", asn: freshAsn() });
    expect(res.status).toBe(303);
    expect(await rowOf(res)).toMatchObject({
      granted: '["analytics"]',
      refused: '["marketing"]',
      outcome: "custom",
      jurisdiction: "DE",
      rule: "opt-in",
      country: "DE",
      form: "settings",
      language: "en",
    });
  });

  it("an opt-out in California with GPC: the US-CA row, the opt-out rule and outcome, the form named", async () => {
    const res = await send(
      "choice=custom&purpose=analytics&form=opt-out&lang=en",
      { country: "US", regionCode: "CA", asn: freshAsn() },
      { "sec-gpc": "1" },
    );
    expect(await rowOf(res)).toMatchObject({
      granted: '["analytics"]',
      refused: '["marketing"]',
      outcome: "opt-out",
      jurisdiction: "US-CA",
      rule: "opt-out",
      country: "US",
      gpc: 1,
      form: "opt-out",
    });
  });

  it("the language the form was shown in (Arabic), not the browser's Accept-Language", async () => {
    const res = await send("choice=all&form=banner&lang=ar", { country: "FR", asn: freshAsn() }, { "accept-language": "en-GB" });
    expect(await rowOf(res)).toMatchObject({
      language: "ar",
      outcome: "accept-all",
      granted: '["analytics","marketing"]',
      refused: "[]",
    });
  });

  it("falls back to the negotiated language when the form names none we ship", async () => {
    const res = await send("choice=none&form=banner&lang=xx", { country: "FR", asn: freshAsn() }, { "accept-language": "ar" });
    expect(await rowOf(res)).toMatchObject({ language: "ar", outcome: "reject-all", refused: '["analytics","marketing"]' });
  });
});
