// The SQL the consent CLI sends through `wrangler d1 execute`: counts, one receipt, pages for export. Pure.
import { RECEIPTS_TABLE } from "../../src/receipts/receipt.ts";
import { sqlText } from "../sql.ts";

export const COLUMNS = [
  "id",
  "recorded_at",
  "policy_version",
  "granted",
  "refused",
  "outcome",
  "jurisdiction",
  "rule",
  "country",
  "gpc",
  "language",
  "form",
] as const;

export const GROUPINGS = ["day", "country", "jurisdiction", "policy", "language"] as const;
export type Grouping = (typeof GROUPINGS)[number];

const GROUP_SQL: Record<Grouping | "all", string> = {
  all: "'all'",
  day: "substr(recorded_at, 1, 10)",
  country: "COALESCE(country, 'unknown')",
  jurisdiction: "jurisdiction || ' (' || rule || ')'",
  policy: "'v' || policy_version",
  language: "language",
};

/** Rows per `wrangler d1 execute` while exporting: one round trip each, a few MB of JSON at most. */
export const EXPORT_PAGE = 5000;

/** Counts of receipts since an ISO time, by group, day (UTC) and outcome. */
export function countsSql(since: string, by: Grouping | undefined): string {
  return `SELECT ${GROUP_SQL[by ?? "all"]} AS key, substr(recorded_at, 1, 10) AS day, outcome, COUNT(*) AS n
    FROM ${RECEIPTS_TABLE} WHERE recorded_at >= ${sqlText(since)} GROUP BY key, day, outcome ORDER BY key, day`;
}

export const receiptSql = (id: string) => `SELECT ${COLUMNS.join(", ")} FROM ${RECEIPTS_TABLE} WHERE id = ${sqlText(id)}`;

/** The next page of receipts since an ISO time, after the last one already sent (keyset order: time, then id). */
export function pageSql(since: string, after: { recordedAt: string; id: string } | null, limit = EXPORT_PAGE): string {
  const cursor = after ? ` AND (recorded_at, id) > (${sqlText(after.recordedAt)}, ${sqlText(after.id)})` : "";
  return `SELECT ${COLUMNS.join(", ")} FROM ${RECEIPTS_TABLE} WHERE recorded_at >= ${sqlText(since)}${cursor}
    ORDER BY recorded_at, id LIMIT ${limit}`;
}
