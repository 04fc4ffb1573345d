// Size budgets (issue 6), shared by the budget tests and the benchmark's report.
const KIB = 1024;

export const BUDGETS = {
  /**
   * The Worker bundle as `wrangler deploy` uploads it, gzipped. 40 KiB until this round; the page store (go-live,
   * deploy identity, 404 memory, breaker), consent receipts, readership figures and search took it to 46.7 KiB, and
   * consent per purpose and jurisdiction in two languages (issue 14: the English and Arabic catalogues are 5.9 KB of
   * it; search text, purposes, jurisdictions and signing the rest) to 58.9 KiB, and the newsroom workflow (signed
   * previews, bucketed listings, the site registry's navigation, author pages) to 60.9 KiB, and images (issue 13: the /media/
   * route, <picture> markup, the lead story and thumbnails, their inline CSS) and the complete page-store hit (issue 10) to 63.9 KiB, so the budget is 72 KiB. Workers allow
   * 3 MiB gzipped on the free plan; the budget is ours, to keep cold starts short.
   */
  bundleGzipBytes: 72 * KIB,
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
