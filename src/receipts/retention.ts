// The daily cron: deletes receipts older than RECEIPT_RETENTION_DAYS (wrangler.toml [triggers]).
import { parseReceiptsConfig } from "./config.ts";
import { deleteReceiptsBefore } from "./store.ts";

type RetentionEnv = { DB: D1Database; RECEIPT_RETENTION_DAYS?: string; CONSENT_MAX_AGE_DAYS?: string };

/** Deletes receipts recorded more than the retention age before the controller's scheduled time; logs the count. */
export async function pruneReceipts(controller: Pick<ScheduledController, "scheduledTime">, env: RetentionEnv): Promise<void> {
  const { retentionDays } = parseReceiptsConfig(env);
  const cutoff = new Date(controller.scheduledTime - retentionDays * 86_400_000);
  const deleted = await deleteReceiptsBefore(env.DB, cutoff);
  console.info(JSON.stringify({ level: "info", event: "receipts-pruned", before: cutoff.toISOString(), deleted }));
}
