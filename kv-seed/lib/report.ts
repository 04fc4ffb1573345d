// What the publisher tells a journalist: each changed article's live URL, scheduled and draft articles, redirects and
// removals, in words; the per-key list only with --verbose. Pure: returns lines.
import { KEYS } from "../../src/data/keys.ts";
import { previewPath } from "../../src/data/preview-link.ts";
import type { ArticleOutcome } from "./build.ts";
import type { Plan } from "./types.ts";

/** Changed articles listed one by one; beyond this the rest are counted (a site-wide edit can touch thousands). */
export const MAX_LISTED = 20;

const ARTICLE_PREFIX = KEYS.article("");
/** An article's URL path, as the Worker's article route answers it. */
const articlePath = (slug: string) => previewPath(slug).replace(/^\/preview\//, "/articles/");

/** "Tue 5 Dec 2026, 08:00 UTC (in 3 days)": when a scheduled story goes live, in words. */
export function whenLive(iso: string, now: Date): string {
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    hourCycle: "h23",
  }).format(at);
  const hours = (at.getTime() - now.getTime()) / 3_600_000;
  const away = hours < 1 ? "within the hour" : hours < 48 ? `in ${Math.round(hours)} hours` : `in ${Math.round(hours / 24)} days`;
  return `${text} UTC (${away})`;
}

export type ReportInput = {
  plan: Plan;
  articles: ArticleOutcome[];
  siteUrl: string;
  now: Date;
  verbose: boolean;
  dryRun: boolean;
  /** Only these files' draft and scheduled lines (the live-preview loop names the files just saved). */
  touched?: (file: string) => boolean;
};

/** The lines of a successful run, before the summary. */
export function reportLines({ plan, articles, siteUrl, now, verbose, dryRun, touched = () => true }: ReportInput): string[] {
  const url = (slug: string) => new URL(articlePath(slug), siteUrl).href;
  const bySlug = new Map(articles.filter((a) => a.state !== "draft").map((a) => [a.slug, a]));
  const lines: string[] = [];
  const verb = dryRun ? { new: "would publish", changed: "would update" } : { new: "published", changed: "updated" };
  const changed = [
    ...plan.added.filter((e) => e.kind === "article").map((e) => ["new", e.key] as const),
    ...plan.changed.filter((e) => e.kind === "article").map((e) => ["changed", e.key] as const),
  ];
  for (const [what, key] of changed.slice(0, MAX_LISTED)) {
    const article = bySlug.get(key.slice(ARTICLE_PREFIX.length));
    if (!article) continue;
    const live = article.state === "scheduled" ? `scheduled for ${whenLive(article.published, now)}` : url(article.slug);
    lines.push(`  ${verb[what].padEnd(13)} ${live}  ${article.file}`);
  }
  if (changed.length > MAX_LISTED)
    lines.push(`  … and ${changed.length - MAX_LISTED} more article(s) whose related cards changed (--verbose lists every key)`);
  for (const a of articles) {
    if (!touched(a.file)) continue;
    if (a.state === "scheduled" && !changed.some(([, key]) => key === KEYS.article(a.slug)))
      lines.push(`  ${"scheduled".padEnd(13)} ${url(a.slug)} goes live ${whenLive(a.published, now)}  ${a.file}`);
    if (a.state === "draft")
      lines.push(`  ${"draft".padEnd(13)} not published (preview: npm run publish -- --preview ${a.file})  ${a.file}`);
    if (a.keptFrom)
      lines.push(
        `  ${"URL kept".padEnd(13)} ${url(a.slug)}: the headline changed, the URL did not (set slug: ${a.keptFrom} to move it; the old URL then redirects)`,
      );
    for (const from of a.redirectsFrom)
      if ([...plan.added, ...plan.changed].some((e) => e.key === KEYS.article(from)))
        lines.push(`  ${"redirect".padEnd(13)} ${url(from)} → ${url(a.slug)} (301)`);
  }
  for (const slug of plan.removedArticles) lines.push(`  ${"taken down".padEnd(13)} ${url(slug)} now answers 410 Gone`);
  if (verbose) {
    for (const e of plan.added) lines.push(`  + ${e.key}`);
    for (const e of plan.changed) lines.push(`  ~ ${e.key}`);
    for (const slug of plan.removedArticles) lines.push(`  - article ${slug} (410 Gone)`);
    for (const key of plan.staleKeys) lines.push(`  - ${key}`);
  }
  return lines;
}

/** The line printed for a preview. */
export function previewLines(p: { url: string; slug: string; state: string; expires: Date; file: string }): string[] {
  return [
    `preview of ${p.file} (${p.state}, not listed, not in feeds or the sitemap):`,
    `  ${p.url}`,
    `  the link works until ${p.expires.toISOString().replace(".000", "")}; the article's own URL will be ${articlePath(p.slug)}`,
  ];
}
