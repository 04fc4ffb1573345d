// Readership figures as people read them: the most-read table, the top referrers and countries, and an SVG bar
// chart of daily views (built with fast-xml-parser's XMLBuilder, which escapes every text). Pure.
import { XMLBuilder } from "fast-xml-parser";

export type TopRow = { slug: string; section: string; views: number };
export type DayRow = { day: string; views: number };
export type ShareRow = { key: string; views: number };

const DAY_MS = 86_400_000;

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

/** Every day from `first` to `last` (YYYY-MM-DD), so a day without views shows as an empty bar. */
export function calendar(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const WIDTH = 720;
const HEIGHT = 320;
const PAD = { left: 56, right: 24, top: 48, bottom: 56 };
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", format: true, suppressEmptyNode: true });

/** An SVG bar chart of views per day from `since` to `until`, one bar a day with its count as a tooltip. */
export function dailyViewsChart(rows: readonly DayRow[], since: string, until: string, title: string): string {
  const byDay = new Map(rows.map((r) => [r.day, r.views]));
  const days = calendar(since, until);
  const max = Math.max(1, ...rows.map((r) => r.views));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const round = (n: number) => Math.round(n * 10) / 10;
  const y = (v: number) => PAD.top + plotH * (1 - v / max);
  const step = Math.max(1, Math.ceil(days.length / 8));
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const svg = {
    svg: {
      "@xmlns": "http://www.w3.org/2000/svg",
      "@viewBox": `0 0 ${WIDTH} ${HEIGHT}`,
      "@width": WIDTH,
      "@height": HEIGHT,
      "@font-family": "system-ui, sans-serif",
      "@font-size": 12,
      "@role": "img",
      "@aria-label": title,
      title,
      rect: { "@width": WIDTH, "@height": HEIGHT, "@fill": "#ffffff" },
      g: [
        {
          "@stroke": "#d0d0d0",
          line: ticks.map((t) => ({ "@x1": PAD.left, "@x2": WIDTH - PAD.right, "@y1": round(y(t)), "@y2": round(y(t)) })),
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
                "@y": HEIGHT - PAD.bottom + 20,
                "@text-anchor": "middle",
                "#text": day,
              })),
          ],
        },
      ],
    },
  };
  return builder.build(svg);
}
