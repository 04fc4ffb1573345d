// Receipt settings read from `[vars]`: how long receipts are kept. Misconfiguration throws at start-up.
import * as v from "valibot";
import { configError } from "../consent/config.ts";

export type ReceiptsConfig = {
  /** Receipts older than this are deleted by the daily cron (src/receipts/retention.ts). */
  retentionDays: number;
};

/** Ten years: past any limitation period a newsroom would keep proof for; a typo beyond it is caught. */
const MAX_RETENTION_DAYS = 3653;

/**
 * Reads and validates RECEIPT_RETENTION_DAYS: a whole number of days, at least CONSENT_MAX_AGE_DAYS, so that every
 * choice still held in a reader's cookie still has its receipt.
 */
export function parseReceiptsConfig(vars: { RECEIPT_RETENTION_DAYS?: unknown; CONSENT_MAX_AGE_DAYS?: unknown }): ReceiptsConfig {
  const cookieDays = Number(vars.CONSENT_MAX_AGE_DAYS) || 1;
  const schema = v.object({
    RECEIPT_RETENTION_DAYS: v.pipe(
      v.string("must be set"),
      v.regex(/^[1-9][0-9]{0,4}$/, "must be a whole number of days"),
      v.transform(Number),
      v.minValue(cookieDays, `must be at least CONSENT_MAX_AGE_DAYS (${cookieDays}): a live consent cookie needs its receipt`),
      v.maxValue(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days (10 years)`),
    ),
  });
  const result = v.safeParse(schema, vars);
  if (!result.success) throw configError(result.issues);
  return { retentionDays: result.output.RECEIPT_RETENTION_DAYS };
}
