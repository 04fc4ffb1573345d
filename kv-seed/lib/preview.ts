// `npm run publish -- --preview <file>`: renders one article (a draft, a scheduled story, or a published one being
// edited) as it would be published, stores it under v1:preview:<slug> for as long as its link lives, and signs the link.
import { basename, resolve } from "node:path";
import { KEYS } from "../../src/data/keys.ts";
import { previewUrl } from "../../src/data/preview-link.ts";
import type { KvStore } from "./apply.ts";
import { readArticleFiles } from "./files.ts";
import type { RenderedBody } from "./markdown.ts";
import type { Problem } from "./parse.ts";
import { parseArticleFile } from "./parse.ts";
import { defaultSiteFile, prepare, readManifest, withName } from "./publish.ts";
import { readRegistry } from "./registry.ts";

export type PreviewOptions = {
  /** The article folder the file belongs to (its other articles give the related cards). */
  dir: string;
  file: string;
  /** Origin the link points at: http://localhost:8787 locally, SITE_URL of the environment remotely. */
  siteUrl: string;
  secret: string;
  /** How long the link (and the stored preview) lives, in seconds. */
  lifetime: number;
  site?: string;
  render?: (markdown: string) => RenderedBody;
  now?: Date;
};

export type PreviewOutcome =
  | { ok: false; problems: Problem[] }
  | { ok: true; url: string; slug: string; state: "draft" | "scheduled" | "published"; expires: Date };

/** Builds, stores and signs the preview of one article file. Writes one key; never touches listings or the manifest. */
export async function publishPreview(store: KvStore, o: PreviewOptions): Promise<PreviewOutcome> {
  const { files, problems: folderProblems } = await readArticleFiles(o.dir);
  const target = resolve(o.file);
  const mine = files.find((f) => resolve(f.path) === target);
  if (mine === undefined) {
    const problem = folderProblems.find((p) => resolve(p.file) === target);
    return { ok: false, problems: [problem ?? { file: o.file, message: `is not an article file in ${o.dir}` }] };
  }
  const parsed = parseArticleFile(mine.file, mine.bytes);
  if (!parsed.ok) return parsed;
  const site = await readRegistry(o.site ?? defaultSiteFile(o.dir));
  if (site.problems.length > 0) return { ok: false, problems: site.problems };
  const state = parsed.article.frontMatter.draft ? "draft" : "scheduled";
  // Its neighbours as they are (only valid ones: another file's typo must not block a preview), and this one as if live.
  const others = files
    .filter((f) => f !== mine)
    .map((f) => withName(parseArticleFile(f.file, f.bytes), basename(f.path)))
    .filter((r) => r.ok);
  const self = {
    ok: true as const,
    article: { ...parsed.article, name: basename(mine.path), frontMatter: { ...parsed.article.frontMatter, draft: false } },
  };
  const manifest = await readManifest(store);
  const now = o.now ?? new Date();
  const { build, problems } = prepare([...others, self], {
    registry: site.registry,
    previous: manifest.articles ?? {},
    now,
    ...(o.render ? { render: o.render } : {}),
  });
  const mineProblems = problems.filter((p) => p.file === mine.file);
  if (mineProblems.length > 0) return { ok: false, problems: mineProblems };
  const outcome = build.articles.find((a) => a.file === mine.file);
  const entry = outcome && build.entries.find((e) => e.key === KEYS.article(outcome.slug));
  if (!outcome || !entry) return { ok: false, problems: [{ file: mine.file, message: "could not be built for a preview" }] };
  const expires = Math.floor(now.getTime() / 1000) + o.lifetime;
  await store.putMany([{ key: KEYS.preview(outcome.slug), value: entry.value, expiration_ttl: o.lifetime }]);
  return {
    ok: true,
    url: await previewUrl(o.siteUrl, o.secret, outcome.slug, expires),
    slug: outcome.slug,
    state: parsed.article.frontMatter.draft ? state : outcome.state,
    expires: new Date(expires * 1000),
  };
}
