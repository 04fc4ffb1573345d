// A disk cache of rendered Markdown, so a re-publish of 10,000 articles renders only the bodies that changed.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BodyMedia } from "./body-images.ts";
import { type RenderedBody, renderMarkdown } from "./markdown.ts";

/** The packages whose versions change what renderMarkdown returns; with markdown.ts itself they key the cache. */
const RENDER_PACKAGES = [
  "unified",
  "remark-parse",
  "remark-gfm",
  "remark-rehype",
  "rehype-raw",
  "rehype-sanitize",
  "hast-util-sanitize",
  "rehype-stringify",
];

export type RenderCache = {
  render: (markdown: string, media?: Record<string, BodyMedia>) => RenderedBody;
  save: () => Promise<void>;
  hits: () => number;
};

/** The renderer's identity: a change to the pipeline code or any of its packages empties the cache. */
async function rendererVersion(): Promise<string> {
  const hash = createHash("sha256").update(await readFile(new URL("./markdown.ts", import.meta.url)));
  hash.update(await readFile(new URL("./body-images.ts", import.meta.url)));
  for (const name of RENDER_PACKAGES) hash.update(`${name}@${await versionOf(name)}\n`);
  return hash.digest("hex");
}

/** A package's version, from the package.json above its entry point (these packages do not export package.json). */
async function versionOf(name: string): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    } catch {
      // Not this folder: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the version of ${name}`);
    dir = parent;
  }
}

/**
 * Loads the cache file (a missing or unreadable one is an empty cache) and returns a renderer that uses it.
 * `save` keeps only the bodies rendered in this run, so deleted articles do not accumulate.
 */
export async function openRenderCache(file: string): Promise<RenderCache> {
  const version = await rendererVersion();
  let previous: Record<string, RenderedBody> = {};
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as { version: string; bodies: Record<string, RenderedBody> };
    if (data.version === version) previous = data.bodies;
  } catch {
    // No cache yet: everything renders.
  }
  const used: Record<string, RenderedBody> = {};
  let hits = 0;
  return {
    render(markdown, media) {
      // The images a body shows are part of its HTML: new variants of one give a new key.
      const hash = createHash("sha256").update(markdown);
      if (media) hash.update(`\0${JSON.stringify(media)}`);
      const key = hash.digest("base64url");
      const cached = previous[key];
      if (cached) hits++;
      const body = cached ?? renderMarkdown(markdown, media);
      used[key] = body;
      return body;
    },
    async save() {
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify({ version, bodies: used }));
      await rename(temp, file);
    },
    hits: () => hits,
  };
}
