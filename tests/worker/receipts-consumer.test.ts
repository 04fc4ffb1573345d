// The receipts queue consumer in workerd against real D1: idempotent, retried when D1 fails, safe across a crash.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { retryDelaySeconds } from "../../src/receipts/consumer.ts";
import type { Receipt } from "../../src/receipts/receipt.ts";
import { receiptFor } from "../support/receipts.ts";
import { unavailable } from "./support/unavailable.ts";

const QUEUE = "edgewire-receipts";

let serial = 0;
/** A receipt as the producer makes it, for a country code that only this test uses; alternately granted and refused. */
function receipt(country: string): Receipt {
  serial++;
  return serial % 2 ? receiptFor({ country }) : receiptFor({ country, granted: [], refused: ["analytics"] });
}

const batchOf = (bodies: unknown[], attempts = 1) =>
  createMessageBatch(
    QUEUE,
    bodies.map((body, i) => ({ id: `msg-${serial}-${i}`, timestamp: new Date(), attempts, body })),
  );

async function deliver(batch: MessageBatch, bindings: Env = env) {
  await worker.queue(batch, bindings);
  return getQueueResult(batch, createExecutionContext());
}

const countFor = async (country: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM consent_receipts WHERE country = ?").bind(country).first<{ n: number }>())?.n;

/**
 * Real D1 for a consumer that dies part-way: its first write commits only `keep` rows, and nothing it tries after
 * that reaches D1 (the process is gone), so no message is acknowledged.
 */
function crashingAfter(keep: number): D1Database {
  let crashed = false;
  return {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: async (statements: D1PreparedStatement[]) => {
      if (!crashed) await env.DB.batch(statements.slice(0, keep));
      crashed = true;
      throw new Error("consumer crashed");
    },
  } as unknown as D1Database;
}

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the receipts consumer", () => {
  it("writes a batch and acknowledges every message", async () => {
    const receipts = [receipt("QA"), receipt("QA"), receipt("QA")];
    const result = await deliver(batchOf(receipts));
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(3);
    expect(await countFor("QA")).toBe(3);
  });

  it("writes a duplicate delivery once, within a batch and across batches", async () => {
    const r = receipt("QB");
    await deliver(batchOf([r, r]));
    const again = await deliver(batchOf([r]));
    expect(again.explicitAcks).toHaveLength(1);
    expect(await countFor("QB")).toBe(1);
  });

  it("retries every receipt with backoff when D1 throws, and writes each once when it is back", async () => {
    const receipts = [receipt("QC"), receipt("QC")];
    const batch = batchOf(receipts, 3);
    // The plugin's QueueResult drops retry options, so the delay is read off the messages' own retry() calls.
    const retries = batch.messages.map((m) => vi.spyOn(m, "retry"));
    const failed = await deliver(batch, { ...env, DB: unavailable("D1") });
    expect(failed.explicitAcks).toEqual([]);
    expect(failed.retryMessages).toHaveLength(2);
    for (const retry of retries) expect(retry).toHaveBeenCalledWith({ delaySeconds: retryDelaySeconds(3) });
    expect(await countFor("QC")).toBe(0);
    const recovered = await deliver(batchOf(receipts, 4));
    expect(recovered.explicitAcks).toHaveLength(2);
    expect(await countFor("QC")).toBe(2);
  });

  it("survives a crash mid-batch: the redelivery writes the rest and doubles nothing", async () => {
    const receipts = [receipt("QD"), receipt("QD"), receipt("QD"), receipt("QD")];
    const crashed = await deliver(batchOf(receipts), { ...env, DB: crashingAfter(2) });
    expect(crashed.explicitAcks).toEqual([]);
    expect(crashed.retryMessages).toHaveLength(4);
    expect(await countFor("QD")).toBe(2);
    await deliver(batchOf(receipts, 2));
    expect(await countFor("QD")).toBe(4);
    const ids = (await env.DB.prepare("SELECT id FROM consent_receipts WHERE country = 'QD'").all<{ id: string }>()).results;
    expect(ids.map((r) => r.id).sort()).toEqual(receipts.map((r) => r.id).sort());
  });

  it("acknowledges and logs a message that is not a receipt, and still writes the others", async () => {
    const good = receipt("QE");
    const bad = { ...receipt("QE"), ip: "203.0.113.9" };
    const result = await deliver(batchOf([good, bad, "not json"]));
    expect(result.explicitAcks).toHaveLength(3);
    expect(await countFor("QE")).toBe(1);
    const events = errors.mock.calls.map(([line]: unknown[]) => JSON.parse(String(line)).event);
    expect(events).toEqual(["receipt-rejected", "receipt-rejected"]);
  });

  it("backs off from 10 seconds, doubling, to at most 50 minutes", () => {
    expect([1, 2, 3, 9, 10, 100].map(retryDelaySeconds)).toEqual([10, 20, 40, 2560, 3000, 3000]);
  });
});
