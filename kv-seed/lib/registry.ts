// The site registry (kv-seed/site.yaml): sections with their header-navigation order and authors with a bio, validated
// like front matter; resolves the names articles use into sections and authors, with "did you mean" for typos.
import { readFile } from "node:fs/promises";
import slugify from "@sindresorhus/slugify";
import * as v from "valibot";
import { isSlug, type Site, type Term } from "../../src/data/schema.ts";
import { displayPath } from "./files.ts";
import { Label } from "./front-matter.ts";
import { type Problem, validateYaml } from "./parse.ts";
import { didYouMean } from "./suggest.ts";

const Slug = v.pipe(
  v.string("must be text"),
  v.check(isSlug, "must be lower-case letters, digits and single hyphens (e.g. local-news)"),
);
const Link = v.pipe(
  v.string("must be text"),
  v.check((s) => /^https?:\/\//i.test(s) && URL.canParse(s), "must be an http(s) URL"),
);

/** What an editor writes in site.yaml. */
export const SiteFileSchema = v.strictObject({
  sections: v.array(
    v.strictObject({
      name: Label(60),
      slug: v.optional(Slug),
      description: v.optional(Label(300)),
      /** Position in the header navigation (1 = first); `false` keeps a section out of it. */
      nav: v.optional(
        v.union([v.pipe(v.number(), v.integer(), v.minValue(1)), v.literal(false)], "must be a whole number ≥ 1, or false"),
      ),
    }),
    "must be a list of sections",
  ),
  authors: v.optional(
    v.array(
      v.strictObject({ name: Label(100), slug: v.optional(Slug), bio: v.optional(Label(500)), link: v.optional(Link) }),
      "must be a list of authors",
    ),
    [],
  ),
});

/** How article names become sections and authors: checked against site.yaml, or free when the site has none. */
export type Registry = {
  /** The file it came from, or null for a site without a registry (every name is accepted). */
  file: string | null;
  section: (name: string) => Term | { problem: string };
  author: (name: string) => Term | { problem: string };
  /** What the Worker reads as `v1:site`, or null without a registry. */
  site: Site | null;
};

/** Without a registry: sections and authors are the names as written, their slugs derived like a headline's. */
export const FREE_REGISTRY: Registry = {
  file: null,
  section: (name) => ({ name, slug: slugify(name) }),
  author: (name) => ({ name, slug: slugify(name) }),
  site: null,
};

/** Reads site.yaml; a missing file means a free registry. Every problem of the file is returned at its line. */
export async function readRegistry(path: string): Promise<{ registry: Registry; problems: Problem[] }> {
  let text: string;
  try {
    text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { registry: FREE_REGISTRY, problems: [] };
    return {
      registry: FREE_REGISTRY,
      problems: [{ file: displayPath(path), message: `cannot be read (${(err as Error).message})` }],
    };
  }
  return parseRegistry(displayPath(path), text);
}

/** Validates a registry's text: fields, then duplicate names and slugs. */
export function parseRegistry(file: string, text: string): { registry: Registry; problems: Problem[] } {
  const yaml = validateYaml(file, text, SiteFileSchema, "site", 1);
  if (yaml.fatal) return { registry: FREE_REGISTRY, problems: yaml.problems };
  if (!yaml.result.success || yaml.problems.length > 0) return { registry: FREE_REGISTRY, problems: yaml.problems };
  const data = yaml.result.output;
  const problems: Problem[] = [];
  const named = <T extends { name: string; slug?: string | undefined }>(list: T[], field: string) =>
    list.flatMap((item, i) => {
      const slug = item.slug ?? slugify(item.name);
      if (!isSlug(slug)) {
        problems.push({
          file,
          field: `${field}[${i}].slug`,
          line: yaml.lines[field],
          message: `cannot be derived from "${item.name}"; set slug:`,
        });
        return [];
      }
      return [{ ...item, slug }];
    });
  const sections = named(data.sections, "sections");
  const authors = named(data.authors, "authors");
  for (const [list, field] of [
    [sections, "sections"],
    [authors, "authors"],
  ] as const) {
    const seen = new Map<string, string>();
    for (const item of list) {
      const ids = [item.slug, item.name.toLowerCase()];
      const clash = ids.find((id) => seen.has(id));
      if (clash !== undefined) {
        const message = `"${item.name}" and "${seen.get(clash)}" share the name or slug "${clash}"`;
        problems.push({ file, field, line: yaml.lines[field], message });
      }
      for (const id of ids) seen.set(id, item.name);
    }
  }
  if (problems.length > 0) return { registry: FREE_REGISTRY, problems };
  const order = (nav: number | false | undefined) => (nav === false ? Number.POSITIVE_INFINITY : (nav ?? 1000));
  const site: Site = {
    kind: "site",
    sections: [...sections]
      .sort((a, b) => order(a.nav) - order(b.nav))
      .map(({ name, slug, description, nav }) => ({
        name,
        slug,
        ...(description ? { description } : {}),
        ...(nav === false ? {} : { nav: nav ?? 1000 }),
      })),
    authors: authors.map(({ name, slug, bio, link }) => ({ name, slug, ...(bio ? { bio } : {}), ...(link ? { link } : {}) })),
  };
  return {
    registry: { file, site, section: lookup(sections, "section", file), author: lookup(authors, "author", file) },
    problems,
  };
}

/** Finds a name as written, its slug, or the name in another case; otherwise a problem naming the closest entry. */
function lookup(list: { name: string; slug: string }[], what: string, file: string) {
  const byId = new Map<string, Term>();
  for (const { name, slug } of list) {
    byId.set(slug, { name, slug });
    byId.set(name.toLowerCase(), { name, slug });
  }
  const names = list.map((item) => item.name);
  return (name: string): Term | { problem: string } =>
    byId.get(name.toLowerCase()) ??
    byId.get(slugify(name)) ?? {
      problem: `"${name}" is not ${what === "author" ? "an" : "a"} ${what} in ${file}${didYouMean(name, names)} (add it there first)`,
    };
}
