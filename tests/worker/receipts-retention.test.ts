// Retention in workerd: the scheduled handler deletes exactly the receipts older than RECEIPT_RETENTION_DAYS.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { PRUNE_CHUNK, writeReceipts } from "../../src/receipts/store.ts";
import { receiptFor } from "../support/receipts.ts";

const DAY = 86_400_000;
const RETENTION_MS = Number(env.RECEIPT_RETENTION_DAYS) * DAY;
const NOW = Date.parse("2026-12-01T03:17:00.000Z");

const receiptAt = (time: number) => receiptFor({ country: "QR" }, new Date(time));

async function runCron(scheduledTime: number) {
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "17 3 * * *" }), env);
}

const remainingIds = async () =>
  (await env.DB.prepare("SELECT id FROM consent_receipts").all<{ id: string }>()).results.map((r) => r.id).sort();

let infos: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  await env.DB.prepare("DELETE FROM consent_receipts").run();
  infos = vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the retention cron", () => {
  it("deletes exactly the receipts older than the retention age", async () => {
    const cutoff = NOW - RETENTION_MS;
    const old = [receiptAt(cutoff - 400 * DAY), receiptAt(cutoff - 1)];
    const kept = [receiptAt(cutoff), receiptAt(cutoff + 1), receiptAt(NOW - DAY), receiptAt(NOW)];
    await writeReceipts(env.DB, [...old, ...kept]);
    await runCron(NOW);
    expect(await remainingIds()).toEqual(kept.map((r) => r.id).sort());
    expect(infos.mock.calls.map(([line]: unknown[]) => JSON.parse(String(line)))).toContainEqual(
      expect.objectContaining({ event: "receipts-pruned", deleted: 2, before: new Date(cutoff).toISOString() }),
    );
  });

  it("deletes more than one chunk of old receipts in one run", async () => {
    const cutoff = NOW - RETENTION_MS;
    const old = Array.from({ length: PRUNE_CHUNK * 2 + 7 }, (_, i) => receiptAt(cutoff - DAY - i * 1000));
    for (let i = 0; i < old.length; i += 500) await writeReceipts(env.DB, old.slice(i, i + 500));
    const young = receiptAt(NOW);
    await writeReceipts(env.DB, [young]);
    await runCron(NOW);
    expect(await remainingIds()).toEqual([young.id]);
  });

  it("deletes nothing when nothing is old", async () => {
    const young = [receiptAt(NOW - 10 * DAY), receiptAt(NOW)];
    await writeReceipts(env.DB, young);
    await runCron(NOW);
    expect(await remainingIds()).toEqual(young.map((r) => r.id).sort());
  });
});
