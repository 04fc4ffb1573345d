// Test helper: receipts as the producer makes them, for seeding D1 or a queue directly (workerd and Node tests).
import { type ChoiceFacts, createReceipt, type Receipt } from "../../src/receipts/receipt.ts";

/** The facts of an accept-all banner choice in Germany under policy 1; override any of them. */
export const choiceFacts = (over: Partial<ChoiceFacts> = {}): ChoiceFacts => ({
  policyVersion: 1,
  granted: ["analytics"],
  refused: [],
  jurisdiction: "world",
  rule: "opt-in",
  country: "DE",
  gpc: false,
  language: "en",
  form: "banner",
  ...over,
});

/** A receipt made at `at` (default now) for these facts. */
export const receiptFor = (over: Partial<ChoiceFacts> = {}, at: Date = new Date()): Receipt =>
  createReceipt(choiceFacts(over), at);
