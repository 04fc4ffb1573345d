// The publish run: read every file, validate all, build, plan against the manifest, then write in order.

import { basename, dirname, join, resolve } from "node:path";
import { KEYS } from "../../src/data/keys.ts";
import { applyPlan, type KvStore } from "./apply.ts";
import { type ArticleOutcome, type BuildOptions, buildSite } from "./build.ts";
import { IMAGE_CACHE } from "./cli-args.ts";
import { printable, readArticleFiles } from "./files.ts";
import { hydrateMedia, prepareImages } from "./images.ts";
import { type ParseResult, type Problem, parseArticleFile, type SourceArticle } from "./parse.ts";
import { type Registry, readRegistry } from "./registry.ts";
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
  /** The site registry file (default: site.yaml beside the article folder; none there means free sections/authors). */
  site?: string;
  /** An already read registry (the watch loop keeps one); wins over `site`. */
  registry?: Registry;
  /** The content folder local images must stay inside (publishFolder sets it to the folder it reads). */
  contentRoot?: string;
  /** Where encoded image variants are kept between runs (default: IMAGE_CACHE). */
  imageCacheDir?: string;
};

export type PublishOutcome =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      plan: Plan;
      sanitized: { file: string; removed: string[] }[];
      articleCount: number;
      /** Every article file and what became of it. */
      articles: ArticleOutcome[];
      /** Local images in use, and how many of them were encoded in this run (the rest came from the cache). */
      images: { count: number; encoded: number };
      writes: number;
      written: boolean;
    };

/** Reads every article file (*.md, *.markdown) in a folder, in name order, and reports entries that cannot be read. */
export async function readArticleFolder(dir: string): Promise<{ results: ParseResult[]; problems: Problem[] }> {
  const { files, problems } = await readArticleFiles(dir);
  const results = files.map((f) => withName(parseArticleFile(f.file, f.bytes), basename(f.path)));
  // A folder with no readable article is refused outright; otherwise unreadable entries count with the other problems.
  if (files.length === 0) return { results, problems };
  return { results: problems.length > 0 ? [...results, { ok: false, problems }] : results, problems: [] };
}

/** Records the file's name inside the folder on a parsed article: the key that keeps its URL stable. */
export const withName = (result: ParseResult, name: string): ParseResult =>
  result.ok ? { ok: true, article: { ...result.article, name } } : result;

/** The registry a folder uses: `site`, else site.yaml beside the folder. */
export const defaultSiteFile = (dir: string) => join(dirname(resolve(dir)), "site.yaml");

/** Validates and builds everything, or returns every problem found; never writes. */
export function prepare(
  results: ParseResult[],
  {
    onStage,
    render,
    registry,
    previous,
    now,
    media,
  }: Pick<PublishOptions, "onStage" | "render" | "registry" | "now"> & BuildOptions = {},
) {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  const sources: SourceArticle[] = results.flatMap((r) => (r.ok ? [r.article] : []));
  const build = buildSite(sources, {
    render,
    ...(registry ? { registry } : {}),
    ...(previous ? { previous } : {}),
    ...(now ? { now } : {}),
    ...(media ? { media } : {}),
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
  const site = options.registry
    ? { registry: options.registry, problems: [] }
    : await readRegistry(options.site ?? defaultSiteFile(dir));
  if (site.problems.length > 0) return { ok: false, problems: site.problems };
  return publishParsed(read.results, store, { contentRoot: dir, ...options, registry: site.registry });
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
  const manifest = await readManifest(store);
  const { build, problems } = prepare(results, { ...options, previous: manifest.articles ?? {}, media: images.media });
  problems.push(...images.problems);
  if (problems.length > 0) return { ok: false, problems };
  const now = options.now ?? new Date();
  // The search index builds on the last publish's base, so it is built only now, after validation and that read.
  const search = searchEntries(build.searchSources, parseSearchMeta(await store.get(KEYS.searchMeta)), now.getTime());
  const plan = planPublish([...build.entries, ...search.entries], manifest, {
    prune: options.prune ?? false,
    now,
    retain: search.retain,
    articles: build.published,
  });
  if (plan.removedArticles.length > 0 && !options.prune) {
    return { ok: false, problems: plan.removedArticles.map((slug) => removalProblem(slug, manifest)) };
  }
  await hydrateMedia(plan);
  const base = {
    ok: true as const,
    plan,
    sanitized: build.sanitized,
    articleCount: build.articleCount,
    articles: build.articles,
    images: { count: images.media.images.length, encoded: images.media.encoded },
  };
  if (options.dryRun || isNoop(plan)) return { ...base, writes: 0, written: false };
  const writes = await applyPlan(plan, store, options.onProgress);
  return { ...base, writes, written: true };
}

/** A published article whose file is gone or became a draft: taking it down must be asked for (--prune). */
function removalProblem(slug: string, manifest: Manifest): Problem {
  const file = Object.entries(manifest.articles ?? {}).find(([, a]) => a.slug === slug)?.[0];
  return {
    file: printable(file ?? slug),
    message:
      `is published at /articles/${slug} but its file is gone or became a draft. To take it down, run again with --prune ` +
      `(its URL will then answer 410 Gone); to keep it, restore the file or set draft: false`,
  };
}

export async function readManifest(store: KvStore): Promise<Manifest> {
  const raw = await store.get(KEYS.manifest);
  if (raw === null) return EMPTY_MANIFEST;
  const parsed = JSON.parse(raw) as Manifest;
  if (parsed.version !== 1) throw new Error(`${KEYS.manifest}: unknown manifest version ${String(parsed.version)}`);
  return parsed;
}
