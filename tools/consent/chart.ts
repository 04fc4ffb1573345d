// The daily accept-all rate as an SVG line chart (the frame: tools/svg-chart.ts). Pure.
import { CHART_HEIGHT, CHART_WIDTH, calendar, chartSvg } from "../svg-chart.ts";
import { percent, type Tally } from "./stats.ts";

const PAD = { left: 56, right: 44, top: 48, bottom: 56 };
const MAX_LABELS = 8;

/**
 * An SVG chart of the accept-all rate per day (0–100 %), one point per day with receipts (its tooltip gives the
 * counts), the line broken on days without any.
 */
export function acceptRateChart(daily: readonly Tally[], title: string): string {
  const byDay = new Map(daily.map((t) => [t.key, t]));
  const days = daily.length === 0 ? [] : calendar(daily[0]?.key ?? "", daily.at(-1)?.key ?? "");
  const plotW = CHART_WIDTH - PAD.left - PAD.right;
  const plotH = CHART_HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const y = (rate: number) => PAD.top + plotH * (1 - rate);
  const round = (n: number) => Math.round(n * 10) / 10;

  const segments: string[][] = [[]];
  const points: object[] = [];
  days.forEach((day, i) => {
    const t = byDay.get(day);
    if (!t) {
      if ((segments.at(-1) ?? []).length > 0) segments.push([]);
      return;
    }
    const rate = t["accept-all"] / t.choices;
    segments.at(-1)?.push(`${round(x(i))},${round(y(rate))}`);
    points.push({
      "@cx": round(x(i)),
      "@cy": round(y(rate)),
      "@r": 3.5,
      title: `${day}: ${t["accept-all"]} of ${t.choices} accepted all (${percent(t["accept-all"], t.choices)})`,
    });
  });
  const step = Math.max(1, Math.ceil(days.length / MAX_LABELS));
  const dayLabels = days
    .map((day, i) => ({ day, i }))
    .filter(({ i }) => i % step === 0 || i === days.length - 1)
    .map(({ day, i }) => ({ "@x": round(x(i)), "@y": CHART_HEIGHT - PAD.bottom + 20, "@text-anchor": "middle", "#text": day }));
  const grid = [0, 0.25, 0.5, 0.75, 1];

  return chartSvg(title, [
    {
      "@stroke": "#d0d0d0",
      line: grid.map((r) => ({ "@x1": PAD.left, "@x2": CHART_WIDTH - PAD.right, "@y1": round(y(r)), "@y2": round(y(r)) })),
    },
    {
      "@fill": "#333333",
      text: [
        { "@x": PAD.left, "@y": 28, "@font-size": 15, "@font-weight": 600, "#text": title },
        ...grid.map((r) => ({ "@x": PAD.left - 8, "@y": round(y(r)) + 4, "@text-anchor": "end", "#text": `${r * 100}%` })),
        ...dayLabels,
        ...(days.length === 0
          ? [{ "@x": CHART_WIDTH / 2, "@y": CHART_HEIGHT / 2, "@text-anchor": "middle", "#text": "No receipts" }]
          : []),
      ],
    },
    {
      "@fill": "none",
      "@stroke": "#1a5fb4",
      "@stroke-width": 2,
      polyline: segments.filter((s) => s.length > 1).map((s) => ({ "@points": s.join(" ") })),
    },
    { "@fill": "#1a5fb4", circle: points },
  ]);
}
