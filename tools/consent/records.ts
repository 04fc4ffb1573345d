// Receipts as `show` and `export` print them: D1 rows back to receipts, and their text, CSV and NDJSON forms. Pure.
import { stringify } from "csv-stringify/sync";
import type { Receipt } from "../../src/receipts/receipt.ts";
import { COLUMNS } from "./sql.ts";

/** A D1 row as the receipt the Worker wrote. */
export function receiptFromRow(row: Record<string, unknown>): Receipt {
  return {
    id: String(row.id),
    recordedAt: String(row.recorded_at),
    policyVersion: Number(row.policy_version),
    granted: JSON.parse(String(row.granted)),
    refused: JSON.parse(String(row.refused)),
    outcome: row.outcome as Receipt["outcome"],
    jurisdiction: String(row.jurisdiction),
    rule: row.rule as Receipt["rule"],
    country: row.country === null ? null : String(row.country),
    gpc: row.gpc === 1,
    language: String(row.language),
    form: row.form as Receipt["form"],
  };
}

const list = (purposes: readonly string[]) => (purposes.length === 0 ? "(none)" : purposes.join(", "));

/** A receipt as an operator reads it: one labelled line per field. */
export function formatReceipt(r: Receipt): string {
  const lines: [string, string][] = [
    ["recorded", `${r.recordedAt} (UTC)`],
    ["policy", `version ${r.policyVersion}`],
    ["granted", list(r.granted)],
    ["refused", list(r.refused)],
    ["outcome", r.outcome],
    ["jurisdiction", `${r.jurisdiction} (${r.rule})`],
    ["country", r.country ?? "unknown"],
    ["GPC", r.gpc ? "sent (Sec-GPC: 1)" : "not sent"],
    ["language", r.language],
    ["form", r.form],
  ];
  return [`Consent receipt ${r.id}`, ...lines.map(([label, value]) => `  ${label.padEnd(13)}${value}`)].join("\n");
}

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A page of receipts in the export format; CSV lists purposes space-separated and GPC as true/false. */
export function formatPage(receipts: readonly Receipt[], format: ExportFormat, withHeader: boolean): string {
  if (format === "ndjson") return receipts.map((r) => `${JSON.stringify(r)}\n`).join("");
  const records = receipts.map((r) => [
    r.id,
    r.recordedAt,
    r.policyVersion,
    r.granted.join(" "),
    r.refused.join(" "),
    r.outcome,
    r.jurisdiction,
    r.rule,
    r.country ?? "",
    String(r.gpc),
    r.language,
    r.form,
  ]);
  return stringify(records, { header: withHeader, columns: [...COLUMNS] });
}
