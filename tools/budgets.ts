// Size budgets (issue 6), shared by the budget tests and the benchmark's report.
const KIB = 1024;

export const BUDGETS = {
  /** The Worker bundle as `wrangler deploy` uploads it, gzipped. */
  bundleGzipBytes: 40 * KIB,
  /** An article page on a first visit (no cookie), gzipped: fits the first round trips of a new connection. */
  firstVisitHtmlGzipBytes: 14 * KIB,
} as const;

/** External scripts in <head> that hold up rendering: a src without defer, async or type=module. */
export function renderBlockingScripts(html: string): string[] {
  const head = html.match(/<head[\s>][\s\S]*?<\/head>/i)?.[0] ?? "";
  return [...head.matchAll(/<script\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /\ssrc\s*=/i.test(tag) && !/\s(?:defer|async)\b/i.test(tag) && !/type\s*=\s*["']?module/i.test(tag));
}
