// Readership figures as people read them: the most-read table, the top referrers and countries, and an SVG bar
// chart of daily views (the frame: tools/svg-chart.ts). Pure.
import { CHART_HEIGHT, CHART_WIDTH, calendar, chartSvg } from "../svg-chart.ts";

export type TopRow = { slug: string; section: string; views: number };
export type DayRow = { day: string; views: number };
export type ShareRow = { key: string; views: number };

/** The most-read articles as an aligned text table, rank first. */
export function formatTop(rows: readonly TopRow[]): string {
  if (rows.length === 0) return "  No page views recorded in this period.";
  const views = rows.map((r) => r.views.toLocaleString("en-US"));
  const width = { views: Math.max(5, ...views.map((v) => v.length)), slug: Math.max(7, ...rows.map((r) => r.slug.length)) };
  const lines = [`  ${"#".padStart(3)}  ${"views".padStart(width.views)}  ${"article".padEnd(width.slug)}  section`];
  rows.forEach((r, i) => {
    lines.push(
      `  ${String(i + 1).padStart(3)}  ${(views[i] ?? "").padStart(width.views)}  ${r.slug.padEnd(width.slug)}  ${r.section}`,
    );
  });
  return lines.join("\n");
}

/** "news.example 12 (40.0%), direct 18 (60.0%)". */
export function formatShares(rows: readonly ShareRow[], empty: string): string {
  const total = rows.reduce((sum, r) => sum + r.views, 0);
  return rows
    .map((r) => `${r.key || empty} ${r.views.toLocaleString("en-US")} (${((r.views / Math.max(total, 1)) * 100).toFixed(1)}%)`)
    .join(", ");
}

const PAD = { left: 56, right: 24, top: 48, bottom: 56 };
/** An SVG bar chart of views per day from `since` to `until`, one bar a day with its count as a tooltip. */
export function dailyViewsChart(rows: readonly DayRow[], since: string, until: string, title: string): string {
  const byDay = new Map(rows.map((r) => [r.day, r.views]));
  const days = calendar(since, until);
  const max = Math.max(1, ...rows.map((r) => r.views));
  const plotW = CHART_WIDTH - PAD.left - PAD.right;
  const plotH = CHART_HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const round = (n: number) => Math.round(n * 10) / 10;
  const y = (v: number) => PAD.top + plotH * (1 - v / max);
  const step = Math.max(1, Math.ceil(days.length / 8));
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  return chartSvg(title, [
    {
      "@stroke": "#d0d0d0",
      line: ticks.map((t) => ({ "@x1": PAD.left, "@x2": CHART_WIDTH - PAD.right, "@y1": round(y(t)), "@y2": round(y(t)) })),
    },
    {
      "@fill": "#1a5fb4",
      rect: days.map((day, i) => {
        const views = byDay.get(day) ?? 0;
        return {
          "@class": "bar",
          "@data-day": day,
          "@data-views": views,
          "@x": round(PAD.left + i * slot + slot * 0.15),
          "@y": round(y(views)),
          "@width": round(slot * 0.7),
          "@height": round(PAD.top + plotH - y(views)),
          title: `${day}: ${views.toLocaleString("en-US")} views`,
        };
      }),
    },
    {
      "@fill": "#333333",
      text: [
        { "@x": PAD.left, "@y": 28, "@font-size": 15, "@font-weight": 600, "#text": title },
        ...ticks.map((t) => ({ "@x": PAD.left - 8, "@y": round(y(t)) + 4, "@text-anchor": "end", "#text": String(t) })),
        ...days
          .map((day, i) => ({ day, i }))
          // Every step-th day, and the last one unless it would overlap its neighbour.
          .filter(({ i }) => i % step === 0 || (i === days.length - 1 && i % step >= step / 2))
          .map(({ day, i }) => ({
            "@x": round(PAD.left + (i + 0.5) * slot),
            "@y": CHART_HEIGHT - PAD.bottom + 20,
            "@text-anchor": "middle",
            "#text": day,
          })),
      ],
    },
  ]);
}
