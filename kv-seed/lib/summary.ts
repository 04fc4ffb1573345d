// The one-line summary of a publish: articles (what a publisher thinks in) and KV keys (what was written). Pure.
import type { Plan } from "./types.ts";

type Outcome = { plan: Plan; articleCount: number };

/** Counts per kind: articles new/changed/unchanged/removed, then keys added/changed/unchanged/deleted. */
export function summarize({ plan, articleCount }: Outcome): string {
  const isArticle = (e: { kind: string }) => e.kind === "article";
  const added = plan.added.filter(isArticle).length;
  const changed = plan.changed.filter(isArticle).length;
  const removed = plan.removedArticles.length;
  const articles = `${articleCount} articles (${added} new, ${changed} changed, ${articleCount - added - changed} unchanged, ${removed} removed)`;
  const keys = `KV keys: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.unchanged} unchanged, ${removed} tombstoned, ${plan.staleKeys.length} deleted`;
  return `${articles}; ${keys}`;
}
