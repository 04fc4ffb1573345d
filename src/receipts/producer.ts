// Issuing a receipt when a choice is stored: the abuse bound, then the queue. The response never waits on D1.
import { log, throttledLog } from "../log.ts";
import { type ChoiceFacts, createReceipt, type Receipt } from "./receipt.ts";
import { writeReceipts } from "./store.ts";

export type ProducerBindings = { RECEIPTS: Queue; DB: D1Database; RECEIPT_LIMIT: RateLimit };

type Waiter = Pick<ExecutionContext, "waitUntil">;

/** Over the bound: one line per network per minute (a flood of refused choices is not a flood of log lines). */
const logLimited = throttledLog("info", "receipt-limited");

/**
 * The rate-limit key for a request: its network (AS number). Cloudflare's limiter counts per location, so the bound
 * is per network per location per minute. No IP address, no identifier of a person: a whole ISP shares one key.
 */
export function receiptLimitKey(cf: object | undefined): string {
  const asn = cf && "asn" in cf ? cf.asn : undefined;
  return typeof asn === "number" ? `asn:${asn}` : "asn:unknown";
}

async function withinBound(limiter: RateLimit, key: string): Promise<boolean> {
  try {
    return (await limiter.limit({ key })).success;
  } catch (err) {
    // A limiter outage must not cost readers their receipts: fail open, and say so.
    log("warn", "receipt-limit-unavailable", { message: (err as Error).message });
    return true;
  }
}

/**
 * Gets the receipt to the queue, after the response: the queue twice, then D1 directly, and as a last resort the
 * receipt itself in the log (it holds nothing personal), from where `wrangler d1 execute` can replay it.
 */
async function deliver(env: ProducerBindings, receipt: Receipt): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await env.RECEIPTS.send(receipt, { contentType: "json" });
      return;
    } catch (err) {
      log("warn", "receipt-queue-failed", { id: receipt.id, attempt, message: (err as Error).message });
    }
  }
  try {
    await writeReceipts(env.DB, [receipt]);
  } catch (err) {
    log("error", "receipt-undelivered", { receipt: JSON.stringify(receipt), message: (err as Error).message });
  }
}

/**
 * The receipt for a choice being stored now, already on its way to the queue; null when the request's network is
 * over its bound (the choice is still stored, without a receipt). Never throws and never waits on D1.
 */
export async function issueReceipt(
  env: ProducerBindings,
  ctx: Waiter,
  facts: ChoiceFacts,
  limitKey: string,
  now: Date,
): Promise<Receipt | null> {
  if (!(await withinBound(env.RECEIPT_LIMIT, limitKey))) {
    logLimited(limitKey, { key: limitKey });
    return null;
  }
  const receipt = createReceipt(facts, now);
  ctx.waitUntil(deliver(env, receipt));
  return receipt;
}
