// SVG charts for the operator commands (consent figures, readership): one frame, built with fast-xml-parser's
// XMLBuilder, which escapes every text. Pure.
import { XMLBuilder } from "fast-xml-parser";

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;
const DAY_MS = 86_400_000;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", format: true, suppressEmptyNode: true });

/** Every day (YYYY-MM-DD) from the first to the last, so a day without data still has its place on the axis. */
export function calendar(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** A chart of CHART_WIDTH × CHART_HEIGHT: a white ground, the title as its accessible name, then these groups. */
export function chartSvg(title: string, groups: object[]): string {
  return builder.build({
    svg: {
      "@xmlns": "http://www.w3.org/2000/svg",
      "@viewBox": `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
      "@width": CHART_WIDTH,
      "@height": CHART_HEIGHT,
      "@font-family": "system-ui, sans-serif",
      "@font-size": 12,
      "@role": "img",
      "@aria-label": title,
      title,
      rect: { "@width": CHART_WIDTH, "@height": CHART_HEIGHT, "@fill": "#ffffff" },
      g: groups,
    },
  });
}
