// `npm run analytics -- top`: the most-read articles and a chart of daily views, from the readership figures in D1
// (docs/readership.md). Local by default (the D1 of npm start), --remote --env <e> for Cloudflare.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type D1Target, d1TargetProblem, describeTarget, queryD1, sqlText } from "../d1.ts";
import { type DayRow, dailyViewsChart, formatShares, formatTop, type ShareRow, type TopRow } from "./report.ts";

const DEFAULT_CHART = "readership-daily-views.svg";
const DEFAULT_DAYS = 30;
const DEFAULT_LIMIT = 20;

const USAGE = `Usage: npm run analytics -- top [options]

  top   the most-read articles (page views by readers who consented to analytics), the top referring hosts and
        countries, and an SVG bar chart of daily views

  --since <date>       first UTC day, YYYY-MM-DD (default: ${DEFAULT_DAYS} days ago)
  --section <slug>     only this section's articles (e.g. world)
  --limit <n>          rows in the table, 1 to 500 (default: ${DEFAULT_LIMIT})
  --chart <file>       where to write the chart (default: ./${DEFAULT_CHART})
  --remote --env <e>   Cloudflare D1 of environment staging or production (default: the local D1 of npm start)
  --persist-to <dir>   local state folder (default: wrangler's .wrangler/state)`;

/** A usage problem: message and exit code 2. */
class UsageError extends Error {}

function parseDay(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--since: must be a date like 2026-11-01 (got ${JSON.stringify(value)})`);
  return value;
}

/** Recent views (one row each) and rolled-up days (counts), as one relation. */
const VIEWS = `(SELECT day, slug, section, country, referrer, views FROM pageviews_daily
  UNION ALL SELECT day, slug, section, country, referrer, 1 AS views FROM pageview_events)`;

export function topSql(since: string, section: string | undefined, limit: number): string {
  const where = `day >= ${sqlText(since)}${section ? ` AND section = ${sqlText(section)}` : ""}`;
  return [
    `SELECT slug, section, SUM(views) AS views FROM ${VIEWS} WHERE ${where} GROUP BY slug, section ORDER BY views DESC, slug LIMIT ${limit}`,
    `SELECT day, SUM(views) AS views FROM ${VIEWS} WHERE ${where} GROUP BY day ORDER BY day`,
    `SELECT referrer AS key, SUM(views) AS views FROM ${VIEWS} WHERE ${where} GROUP BY referrer ORDER BY views DESC, key LIMIT 5`,
    `SELECT country AS key, SUM(views) AS views FROM ${VIEWS} WHERE ${where} GROUP BY country ORDER BY views DESC, key LIMIT 5`,
  ].join(";\n");
}

async function top(target: D1Target, options: { since?: string; section?: string; limit?: string; chart?: string }) {
  const since = options.since
    ? parseDay(options.since)
    : new Date(Date.now() - DEFAULT_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (options.section !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.section))
    throw new UsageError(`--section: must be a section slug like world (got ${JSON.stringify(options.section)})`);
  const limit = Number(options.limit ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError(`--limit: must be a whole number from 1 to 500 (got ${JSON.stringify(options.limit)})`);
  const [articles = [], days = [], referrers = [], countries = []] = await queryD1(target, topSql(since, options.section, limit));
  const num = <T>(rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, views: Number(r.views) }) as T);
  const daily = num<DayRow>(days);
  const total = daily.reduce((sum, d) => sum + d.views, 0);
  const scope = options.section ? ` in section ${options.section}` : "";
  console.log(`Most-read articles since ${since}${scope} (${describeTarget(target)}): ${total.toLocaleString("en-US")} views\n`);
  console.log(formatTop(num<TopRow>(articles)));
  if (total > 0) {
    console.log(`\nTop referrers: ${formatShares(num<ShareRow>(referrers), "direct")}`);
    console.log(`Top countries: ${formatShares(num<ShareRow>(countries), "unknown")}`);
  }
  // The chart runs to today, or to --since when that is in the future (dates as YYYY-MM-DD sort as text).
  const until = [since, new Date().toISOString().slice(0, 10)].sort()[1] ?? since;
  const chartPath = resolve(options.chart ?? DEFAULT_CHART);
  await writeFile(chartPath, dailyViewsChart(daily, since, until, `Article views per day since ${since}${scope}`));
  console.log(`\nChart of daily views: ${chartPath}`);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      since: { type: "string" },
      section: { type: "string" },
      limit: { type: "string" },
      chart: { type: "string" },
      remote: { type: "boolean", default: false },
      env: { type: "string" },
      "persist-to": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const [command, ...rest] = positionals;
  if (command !== "top" || rest.length > 0)
    throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : "give a command");
  const target: D1Target = { remote: values.remote, env: values.env, persistTo: values["persist-to"] };
  // wrangler's config reader is a heavy import: only a remote query needs it.
  const config = values.remote ? (await import("wrangler")).experimental_readRawConfig({}).rawConfig : {};
  const problem = d1TargetProblem(target, config);
  if (problem) throw new UsageError(problem);
  await top(target, values);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`analytics: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`analytics: ${(error as Error).message}`);
  process.exit(1);
}
