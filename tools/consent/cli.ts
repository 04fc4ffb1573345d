// `npm run consent -- stats|show|export`: consent figures and receipts from D1 (local by default, --remote --env <e>).
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { RECEIPT_ID_PATTERN } from "../../src/receipts/receipt.ts";
import { D1_TARGET_OPTIONS, type D1Target, d1TargetFrom, describeTarget, queryD1 } from "../d1.ts";
import { acceptRateChart } from "./chart.ts";
import { EXPORT_FORMATS, type ExportFormat, formatPage, formatReceipt, receiptFromRow } from "./records.ts";
import { countsSql, EXPORT_PAGE, GROUPINGS, type Grouping, pageSql, receiptSql } from "./sql.ts";
import { type CountRow, dailyTallies, formatTable, tallies } from "./stats.ts";

const DEFAULT_CHART = "consent-accept-rate.svg";
const DEFAULT_DAYS = 30;

const USAGE = `Usage: npm run consent -- <command> [options]

  stats [--since <date>] [--by day|country|jurisdiction|policy|language] [--chart <file>]
        accept-all / reject-all / custom / opt-out counts and rates (default: the last ${DEFAULT_DAYS} days), and an SVG
        chart of the daily accept-all rate (default: ./${DEFAULT_CHART})
  show <receipt-id>
        one receipt, by the id a reader sees on /consent
  export --since <date> [--format csv|ndjson]
        every receipt since the date to stdout, streamed page by page (default: csv)

  --remote --env <e>   Cloudflare D1 of environment staging or production (default: the local D1 of npm start)
  --persist-to <dir>   local state folder (default: wrangler's .wrangler/state)
  Dates are UTC days: YYYY-MM-DD.`;

/** A usage problem: message and exit code 2. */
class UsageError extends Error {}

function parseDay(value: string, flag: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new UsageError(`${flag}: must be a date like 2026-11-01 (got ${JSON.stringify(value)})`);
  return day.toISOString();
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag}: must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return value as T;
}

async function stats(target: D1Target, options: { since?: string; by?: string; chart?: string }) {
  const by = pick<Grouping>(options.by, GROUPINGS, "--by");
  const since = options.since
    ? parseDay(options.since, "--since")
    : new Date(
        Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - DEFAULT_DAYS),
      ).toISOString();
  const [rows = []] = await queryD1(target, countsSql(since, by));
  const counts = rows.map((r) => ({ ...r, n: Number(r.n) }) as CountRow);
  const { groups, total } = tallies(counts);
  const day = since.slice(0, 10);
  console.log(`Consent choices since ${day} (${describeTarget(target)})${by ? `, by ${by}` : ""}\n`);
  console.log(formatTable(groups, total, by ?? "choices made"));
  const chartPath = resolve(options.chart ?? DEFAULT_CHART);
  await writeFile(chartPath, acceptRateChart(dailyTallies(counts), `Accept-all rate per day since ${day}`));
  console.log(`\nChart of the daily accept-all rate: ${chartPath}`);
}

async function show(target: D1Target, id: string | undefined) {
  if (id === undefined) throw new UsageError("show: give a receipt id, e.g. npm run consent -- show q3Vd0Zk1Yx8TbN2a");
  if (!RECEIPT_ID_PATTERN.test(id))
    throw new UsageError(`show: ${JSON.stringify(id)} is not a receipt id (16 characters: letters, digits, - and _)`);
  const [[row] = []] = await queryD1(target, receiptSql(id));
  if (row === undefined) {
    console.error(
      `consent: show: no receipt ${id} in ${describeTarget(target)} (older than RECEIPT_RETENTION_DAYS, from another environment, or never made)`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(formatReceipt(receiptFromRow(row)));
}

async function exportReceipts(target: D1Target, options: { since?: string; format?: string }) {
  if (options.since === undefined) throw new UsageError("export: --since <date> is required");
  const since = parseDay(options.since, "--since");
  const format = pick<ExportFormat>(options.format, EXPORT_FORMATS, "--format") ?? "csv";
  let after: { recordedAt: string; id: string } | null = null;
  let count = 0;
  for (;;) {
    const [rows = []] = await queryD1(target, pageSql(since, after));
    const receipts = rows.map(receiptFromRow);
    if (receipts.length > 0 || count === 0) {
      const chunk = formatPage(receipts, format, count === 0);
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
    }
    count += receipts.length;
    const last = receipts.at(-1);
    if (last === undefined || rows.length < EXPORT_PAGE) break;
    after = { recordedAt: last.recordedAt, id: last.id };
  }
  console.error(`consent: exported ${count} receipt(s) since ${since.slice(0, 10)} from ${describeTarget(target)}`);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      since: { type: "string" },
      by: { type: "string" },
      chart: { type: "string" },
      format: { type: "string" },
      ...D1_TARGET_OPTIONS,
      help: { type: "boolean", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    if (command === undefined && !values.help) process.exitCode = 2;
    return;
  }
  const { target, problem } = await d1TargetFrom(values);
  if (problem) throw new UsageError(problem);
  if (command !== "show" && rest.length > 0) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(rest[0])}`);
  if (command === "stats") return stats(target, values);
  if (command === "show") return show(target, rest[0]);
  if (command === "export") return exportReceipts(target, values);
  throw new UsageError(`unknown command ${JSON.stringify(command)} (stats, show or export)`);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`consent: ${(err as Error).message}`);
  if (usage) console.error("Run `npm run consent -- --help` for usage.");
  process.exitCode = usage ? 2 : 1;
}
