// The publish run: read every file, validate all, build, plan against the manifest, then write in order.
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { KEYS } from "../../src/data/keys.ts";
import { applyPlan, type KvStore } from "./apply.ts";
import { type BuildOptions, buildSite } from "./build.ts";
import { hydrateMedia, type MediaIndex, prepareImages } from "./images.ts";
import { type ParseResult, type Problem, parseArticleFile, type SourceArticle } from "./parse.ts";
import { parseSearchMeta, searchEntries } from "./search-index.ts";

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
  render?: BuildOptions["render"];
  /** The content folder local images must stay inside (publishFolder sets it to the folder it reads). */
  contentRoot?: string;
  /** Where encoded image variants are kept between runs (default: IMAGE_CACHE). */
  imageCacheDir?: string;
};

/** Encoded variants by content hash: an unchanged image is never encoded twice. */
export const IMAGE_CACHE = "node_modules/.cache/edgewire/media";

export type PublishOutcome =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      plan: Plan;
      sanitized: { file: string; removed: string[] }[];
      articleCount: number;
      /** Local images in use, and how many of them were encoded in this run (the rest came from the cache). */
      images: { count: number; encoded: number };
      writes: number;
      written: boolean;
    };

/** Reads every *.md file in a folder, in name order. Paths in problems are relative to the working directory. */
export async function readArticleFolder(dir: string): Promise<{ results: ParseResult[]; problems: Problem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  } catch {
    return { results: [], problems: [{ file: dir, message: "folder not found" }] };
  }
  if (names.length === 0)
    return { results: [], problems: [{ file: dir, message: "has no articles: add a Markdown file (*.md)" }] };
  const results = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      return parseArticleFile(displayPath(path), await readFile(path));
    }),
  );
  return { results, problems: [] };
}

/** Relative to the working directory when inside it (editors jump to it), otherwise absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}

/** Validates and builds everything, or returns every problem found; never writes. */
export function prepare(
  results: ParseResult[],
  { onStage, render, media }: Pick<PublishOptions, "onStage" | "render"> & { media?: MediaIndex } = {},
) {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  const sources: SourceArticle[] = results.flatMap((r) => (r.ok ? [r.article] : []));
  const build = buildSite(sources, {
    render,
    media,
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
  return publishParsed(read.results, store, { contentRoot: dir, ...options });
}

export async function publishParsed(
  results: ParseResult[],
  store: KvStore,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const sources = results.flatMap((r) => (r.ok ? [r.article] : []));
  const images = await prepareImages(sources, {
    root: options.contentRoot ?? process.cwd(),
    cacheDir: options.imageCacheDir ?? IMAGE_CACHE,
  });
  if (images.media.images.length > 0)
    options.onStage?.(`${images.media.images.length} image(s), ${images.media.encoded} encoded`);
  const { build, problems } = prepare(results, { ...options, media: images.media });
  problems.push(...images.problems);
  if (problems.length > 0) return { ok: false, problems };
  const manifest = await readManifest(store);
  const now = options.now ?? new Date();
  // The search index builds on the last publish's base, so it is built only now, after validation and that read.
  const search = searchEntries(build.searchSources, parseSearchMeta(await store.get(KEYS.searchMeta)), now.getTime());
  const plan = planPublish([...build.entries, ...search.entries], manifest, {
    prune: options.prune ?? false,
    now,
    retain: search.retain,
  });
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
  await hydrateMedia(plan);
  const base = {
    ok: true as const,
    plan,
    sanitized: build.sanitized,
    articleCount: build.articleCount,
    images: { count: images.media.images.length, encoded: images.media.encoded },
  };
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
