// The queue consumer: writes receipts to D1 in batches, idempotently; what cannot be written now is retried.
import { log } from "../log.ts";
import { parseReceipt, type Receipt } from "./receipt.ts";
import { writeReceipts } from "./store.ts";

/** Retry delay in seconds for a message's nth delivery: 10 s doubling, capped at 50 min (wrangler.toml: max_retries). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 3000);
}

/**
 * Handles one batch from `edgewire-receipts`. All receipts go in one D1 transaction; if it fails (D1 down, or one
 * bad row), each is tried alone so one poison message cannot hold back the rest, and whatever still fails is retried
 * with backoff. A message is acknowledged only once its row is in D1, so a crash anywhere before that redelivers it,
 * and the insert ignores a row that is already there: every choice ends as exactly one row.
 */
export async function consumeReceipts(batch: MessageBatch, env: { DB: D1Database }): Promise<void> {
  const pending: { message: Message; receipt: Receipt }[] = [];
  for (const message of batch.messages) {
    const receipt = parseReceipt(message.body);
    if (receipt === null) {
      // Not something our producer sends: keeping it would only block the queue. Logged whole for inspection.
      log("error", "receipt-rejected", { queue: batch.queue, messageId: message.id, body: JSON.stringify(message.body) });
      message.ack();
    } else pending.push({ message, receipt });
  }
  try {
    await writeReceipts(
      env.DB,
      pending.map((p) => p.receipt),
    );
    for (const { message } of pending) message.ack();
    return;
  } catch (err) {
    log("warn", "receipt-batch-failed", { queue: batch.queue, size: pending.length, message: (err as Error).message });
  }
  for (const { message, receipt } of pending) {
    try {
      await writeReceipts(env.DB, [receipt]);
      message.ack();
    } catch (err) {
      const delaySeconds = retryDelaySeconds(message.attempts);
      log("warn", "receipt-retry", { id: receipt.id, attempts: message.attempts, delaySeconds, message: (err as Error).message });
      message.retry({ delaySeconds });
    }
  }
}
