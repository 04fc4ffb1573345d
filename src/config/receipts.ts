// Consent-receipt settings from `[vars]`: how long receipts are kept (docs/consent-records.md).
import * as v from "valibot";
import { parseVars, wholeNumber } from "./vars.ts";

export type ReceiptsConfig = {
  /** Receipts older than this are deleted by the daily cron (src/receipts/retention.ts). */
  retentionDays: number;
};

/** Three years: longer than the longest consent cookie, long enough to answer a complaint (docs/consent-records.md). */
export const DEFAULT_RETENTION_DAYS = "1095";
/** Ten years: past any limitation period a newsroom would keep proof for; a typo beyond it is caught. */
const MAX_RETENTION_DAYS = 3653;

const RETENTION = "RECEIPT_RETENTION_DAYS";

/**
 * RECEIPT_RETENTION_DAYS: whole days, at least CONSENT_MAX_AGE_DAYS (every choice still held in a reader's cookie
 * keeps its receipt), at most ten years.
 */
export const ReceiptsVarsSchema = v.pipe(
  v.object({
    [RETENTION]: v.optional(
      v.pipe(
        wholeNumber("must be a whole number of days"),
        v.maxValue(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days (10 years)`),
      ),
      DEFAULT_RETENTION_DAYS,
    ),
    CONSENT_MAX_AGE_DAYS: v.optional(v.unknown()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const days = dataset.value[RETENTION];
    const cookieDays = Number(dataset.value.CONSENT_MAX_AGE_DAYS);
    if (!(days < cookieDays)) return;
    addIssue({
      message: `must be at least CONSENT_MAX_AGE_DAYS (${cookieDays}): a live consent cookie needs its receipt`,
      input: days,
      path: [{ type: "object", origin: "value", input: dataset.value, key: RETENTION, value: days }],
    });
  }),
  v.transform((vars): ReceiptsConfig => ({ retentionDays: vars[RETENTION] })),
);

/** Reads and validates the receipt variables alone; throws an Error naming each bad variable. */
export const parseReceiptsConfig = (vars: unknown): ReceiptsConfig => parseVars(ReceiptsVarsSchema, vars);
