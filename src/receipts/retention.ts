// The daily cron: deletes receipts older than RECEIPT_RETENTION_DAYS (wrangler.toml [triggers]).
import type { ReceiptsConfig } from "../config/index.ts";
import { log } from "../log.ts";
import { deleteReceiptsBefore } from "./store.ts";

/** Deletes receipts recorded more than the retention age before the controller's scheduled time; logs the count. */
export async function pruneReceipts(
  controller: Pick<ScheduledController, "scheduledTime">,
  db: D1Database,
  { retentionDays }: ReceiptsConfig,
): Promise<void> {
  const cutoff = new Date(controller.scheduledTime - retentionDays * 86_400_000);
  const deleted = await deleteReceiptsBefore(db, cutoff);
  log("info", "receipts-pruned", { before: cutoff.toISOString(), deleted });
}
