// The consent figures: tallies by group and by day from the counts query, and the table made from them. Pure.
import { OUTCOMES, type Outcome } from "../../src/receipts/receipt.ts";

export type CountRow = { key: string; day: string; outcome: Outcome; n: number };

export type Tally = { key: string; choices: number } & Record<Outcome, number>;

const emptyTally = (key: string): Tally => ({ key, choices: 0, "accept-all": 0, "reject-all": 0, custom: 0, "opt-out": 0 });

function tallyBy(rows: readonly CountRow[], keyOf: (row: CountRow) => string): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    const tally = tallies.get(key) ?? emptyTally(key);
    tally[row.outcome] += row.n;
    tally.choices += row.n;
    tallies.set(key, tally);
  }
  return [...tallies.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One tally per group, and the total over all of them. */
export function tallies(rows: readonly CountRow[]): { groups: Tally[]; total: Tally } {
  return { groups: tallyBy(rows, (r) => r.key), total: tallyBy(rows, () => "all")[0] ?? emptyTally("all") };
}

/** One tally per day that has receipts, oldest first: the chart's series. */
export const dailyTallies = (rows: readonly CountRow[]): Tally[] => tallyBy(rows, (r) => r.day);

/** A share as a percentage with one decimal, "–" when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${((part / whole) * 100).toFixed(1)}%`);

/** The figures as an aligned text table: choices, then each outcome's count and rate; a total row when grouped. */
export function formatTable(groups: readonly Tally[], total: Tally, heading: string): string {
  const header = [heading, "choices", ...OUTCOMES];
  const line = (t: Tally) => [t.key, String(t.choices), ...OUTCOMES.map((o) => `${t[o]} (${percent(t[o], t.choices)})`)];
  const body = groups.length > 1 || groups[0]?.key !== total.key ? [...groups.map(line), line(total)] : [line(total)];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const render = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [render(header), ...body.map(render)].join("\n");
}
