// The receipt model and its settings as pure functions: ids, outcomes, the schema, RECEIPT_RETENTION_DAYS.
import { describe, expect, it } from "vitest";
import { parseReceiptsConfig } from "../../src/config/receipts.ts";
import { receiptLimitKey } from "../../src/receipts/producer.ts";
import { type ChoiceFacts, classifyChoice, createReceipt, newReceiptId, parseReceipt } from "../../src/receipts/receipt.ts";

const FACTS: ChoiceFacts = {
  policyVersion: 3,
  granted: ["analytics"],
  refused: ["marketing"],
  jurisdiction: "EEA",
  rule: "opt-in",
  country: "DE",
  gpc: true,
  language: "ar",
  form: "settings",
};

describe("newReceiptId", () => {
  it("makes 16 URL-safe characters (96 random bits), different every time", () => {
    const ids = Array.from({ length: 2000 }, newReceiptId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("classifyChoice", () => {
  it.each([
    [["analytics", "marketing"], [], "opt-in", "accept-all"],
    [[], ["analytics", "marketing"], "opt-in", "reject-all"],
    [["analytics"], ["marketing"], "opt-in", "custom"],
    [["analytics", "marketing"], [], "opt-out", "accept-all"],
    [["analytics"], ["marketing"], "opt-out", "opt-out"],
    [[], ["analytics", "marketing"], "opt-out", "opt-out"],
  ] as const)("counts granted %j, refused %j under %s as %s", (granted, refused, rule, outcome) => {
    expect(classifyChoice(granted, refused, rule)).toBe(outcome);
  });
});

describe("createReceipt", () => {
  it("records the facts, the time and the outcome, and nothing else", () => {
    const receipt = createReceipt(FACTS, new Date("2026-12-01T09:00:00Z"), "q3Vd0Zk1Yx8TbN2a");
    expect(receipt).toEqual({ ...FACTS, id: "q3Vd0Zk1Yx8TbN2a", recordedAt: "2026-12-01T09:00:00.000Z", outcome: "custom" });
    expect(Object.keys(receipt).sort()).toEqual([...Object.keys(FACTS), "id", "recordedAt", "outcome"].sort());
    expect(parseReceipt(receipt)).toEqual(receipt);
  });

  it.each([undefined, "", "Germany", "de", 49])("records country %j as unknown", (country) => {
    expect(createReceipt({ ...FACTS, country }, new Date()).country).toBeNull();
  });
});

describe("parseReceipt", () => {
  const good = createReceipt(FACTS, new Date());
  it.each([
    ["an extra field (an IP address)", { ...good, ip: "203.0.113.9" }],
    ["a short id", { ...good, id: "abc" }],
    ["a time that is not ISO", { ...good, recordedAt: "yesterday" }],
    ["an unknown outcome", { ...good, outcome: "maybe" }],
    ["a purpose with a quote", { ...good, granted: ["a'b"] }],
    ["a string", "not a receipt"],
  ])("rejects %s", (_name, body) => {
    expect(parseReceipt(body)).toBeNull();
  });
});

describe("receiptLimitKey", () => {
  it("keys by network number only, never by anything about the person", () => {
    expect(receiptLimitKey({ asn: 3320, country: "DE", city: "Berlin" })).toBe("asn:3320");
    expect(receiptLimitKey(undefined)).toBe("asn:unknown");
    expect(receiptLimitKey({ asn: "3320" })).toBe("asn:unknown");
  });
});

describe("parseReceiptsConfig", () => {
  it("reads the retention in days", () => {
    expect(parseReceiptsConfig({ RECEIPT_RETENTION_DAYS: "400", CONSENT_MAX_AGE_DAYS: "182" })).toEqual({ retentionDays: 400 });
  });

  it("keeps receipts for 1095 days (3 years) when the variable is not set", () => {
    expect(parseReceiptsConfig({ CONSENT_MAX_AGE_DAYS: "182" })).toEqual({ retentionDays: 1095 });
  });

  it.each([
    ["three years", 'RECEIPT_RETENTION_DAYS: must be a whole number of days (got "three years")'],
    [
      "100",
      "RECEIPT_RETENTION_DAYS: must be at least CONSENT_MAX_AGE_DAYS (182): a live consent cookie needs its receipt (got 100)",
    ],
    ["4000", "RECEIPT_RETENTION_DAYS: must be at most 3653 days (10 years) (got 4000)"],
  ])("refuses %j at start-up, naming the variable", (value, message) => {
    expect(() => parseReceiptsConfig({ RECEIPT_RETENTION_DAYS: value, CONSENT_MAX_AGE_DAYS: "182" })).toThrow(
      `Invalid wrangler.toml [vars]: ${message}`,
    );
  });
});
