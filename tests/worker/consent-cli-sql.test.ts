// The consent CLI's SQL (tools/consent/sql.ts) run against real D1 in workerd: counts, and keyset pages for export.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "../../src/receipts/receipt.ts";
import { writeReceipts } from "../../src/receipts/store.ts";
import { countsSql, pageSql } from "../../tools/consent/sql.ts";
import { sqlText } from "../../tools/sql.ts";
import { receiptFor } from "../support/receipts.ts";

const at = (iso: string, granted: string[], refused: string[], country: string | null = "DE") =>
  receiptFor({ policyVersion: 2, granted, refused, country }, new Date(iso));

// Three receipts share one millisecond, so paging must order by id within a time to visit each exactly once.
const SAME = "2026-11-20T10:00:00.000Z";
const RECEIPTS: Receipt[] = [
  at("2026-11-19T23:59:59.999Z", ["analytics"], []),
  at(SAME, ["analytics"], []),
  at(SAME, [], ["analytics"], "FR"),
  at(SAME, ["analytics"], [], null),
  at("2026-11-21T00:00:00.000Z", [], ["analytics"]),
];

beforeAll(async () => {
  await env.DB.prepare("DELETE FROM consent_receipts").run();
  await writeReceipts(env.DB, RECEIPTS);
});

const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;

describe("the consent CLI's SQL", () => {
  it("counts by group, day and outcome from the given time on", async () => {
    expect(await all(countsSql("2026-11-20T00:00:00.000Z", "country"))).toEqual([
      { key: "DE", day: "2026-11-20", outcome: "accept-all", n: 1 },
      { key: "DE", day: "2026-11-21", outcome: "reject-all", n: 1 },
      { key: "FR", day: "2026-11-20", outcome: "reject-all", n: 1 },
      { key: "unknown", day: "2026-11-20", outcome: "accept-all", n: 1 },
    ]);
    expect(await all(countsSql("2026-11-01T00:00:00.000Z", "policy"))).toEqual([
      { key: "v2", day: "2026-11-19", outcome: "accept-all", n: 1 },
      { key: "v2", day: "2026-11-20", outcome: "accept-all", n: 2 },
      { key: "v2", day: "2026-11-20", outcome: "reject-all", n: 1 },
      { key: "v2", day: "2026-11-21", outcome: "reject-all", n: 1 },
    ]);
  });

  it("pages through every receipt exactly once, oldest first, even when times tie", async () => {
    const seen: string[] = [];
    let after: { recordedAt: string; id: string } | null = null;
    for (let page = 0; page < 10; page++) {
      const rows = (await all(pageSql("2026-11-01T00:00:00.000Z", after, 2))) as { id: string; recorded_at: string }[];
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (!last || rows.length < 2) break;
      after = { recordedAt: last.recorded_at, id: last.id };
    }
    const expected = [...RECEIPTS].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || (a.id < b.id ? -1 : 1));
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it("refuses a value that could end an SQL literal", () => {
    expect(() => sqlText("2026-11-01' OR '1'='1")).toThrow(/refusing/);
    expect(sqlText("2026-11-01T00:00:00.000Z")).toBe("'2026-11-01T00:00:00.000Z'");
  });
});
