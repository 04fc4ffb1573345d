// The publish run: read every file, validate all, build, plan against the manifest, then write in order.
import { KEYS } from "../../src/data/keys.ts";
import { applyPlan, type KvStore } from "./apply.ts";
import { buildSite } from "./build.ts";
import { readArticleFiles } from "./files.ts";
import type { RenderedBody } from "./markdown.ts";
import { type ParseResult, type Problem, parseArticleFile, type SourceArticle } from "./parse.ts";

export type { KvStore } from "./apply.ts";

import { EMPTY_MANIFEST, isNoop, planPublish } from "./plan.ts";
import type { Manifest, Plan } from "./types.ts";

export type PublishOptions = {
  dryRun?: boolean;
  prune?: boolean;
  now?: Date;
  /** Writes so far out of the total, after each bulk request. */
  onProgress?: (done: number, total: number) => void;
  /** A line about each stage of a long run: reading, rendering, planning. */
  onStage?: (message: string) => void;
  /** Markdown renderer (default: uncached renderMarkdown). */
  render?: (markdown: string) => RenderedBody;
};

export type PublishOutcome =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      plan: Plan;
      sanitized: { file: string; removed: string[] }[];
      articleCount: number;
      writes: number;
      written: boolean;
    };

/** Reads every article file (*.md, *.markdown) in a folder, in name order, and reports entries that cannot be read. */
export async function readArticleFolder(dir: string): Promise<{ results: ParseResult[]; problems: Problem[] }> {
  const { files, problems } = await readArticleFiles(dir);
  const results = files.map((f) => parseArticleFile(f.file, f.bytes));
  // A folder with no readable article is refused outright; otherwise unreadable entries count with the other problems.
  if (files.length === 0) return { results, problems };
  return { results: problems.length > 0 ? [...results, { ok: false, problems }] : results, problems: [] };
}

/** Validates and builds everything, or returns every problem found; never writes. */
export function prepare(results: ParseResult[], { onStage, render }: Pick<PublishOptions, "onStage" | "render"> = {}) {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  const sources: SourceArticle[] = results.flatMap((r) => (r.ok ? [r.article] : []));
  const build = buildSite(sources, {
    render,
    onRendered: (done, total) => {
      if (done % 1000 === 0 || done === total) onStage?.(`rendered ${done}/${total} articles`);
    },
  });
  return { build, problems: [...problems, ...build.problems] };
}

/** Publishes a folder of articles into a store. Nothing is written unless every file is valid. */
export async function publishFolder(dir: string, store: KvStore, options: PublishOptions = {}): Promise<PublishOutcome> {
  const read = await readArticleFolder(dir);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  options.onStage?.(`read ${read.results.length} file(s) from ${dir}`);
  return publishParsed(read.results, store, options);
}

export async function publishParsed(
  results: ParseResult[],
  store: KvStore,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const { build, problems } = prepare(results, options);
  if (problems.length > 0) return { ok: false, problems };
  const manifest = await readManifest(store);
  const plan = planPublish(build.entries, manifest, { prune: options.prune ?? false, now: options.now ?? new Date() });
  if (plan.removedArticles.length > 0 && !options.prune) {
    return {
      ok: false,
      problems: plan.removedArticles.map((slug) => ({
        file: slug,
        message:
          "is published but has no file (or is a draft) any more; run again with --prune to remove it (its URL will answer 410 Gone)",
      })),
    };
  }
  const base = { ok: true as const, plan, sanitized: build.sanitized, articleCount: build.articleCount };
  if (options.dryRun || isNoop(plan)) return { ...base, writes: 0, written: false };
  const writes = await applyPlan(plan, store, options.onProgress);
  return { ...base, writes, written: true };
}

async function readManifest(store: KvStore): Promise<Manifest> {
  const raw = await store.get(KEYS.manifest);
  if (raw === null) return EMPTY_MANIFEST;
  const parsed = JSON.parse(raw) as Manifest;
  if (parsed.version !== 1) throw new Error(`${KEYS.manifest}: unknown manifest version ${String(parsed.version)}`);
  return parsed;
}
