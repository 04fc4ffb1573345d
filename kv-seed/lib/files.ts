// Finds the article files in a folder without trusting it: only regular files are read (a FIFO would block, a
// directory would throw), symlinks only when they point at a regular file inside the folder, names printed escaped.
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Problem } from "./parse.ts";

/** File names the publisher reads as articles. */
export const ARTICLE_EXTENSIONS = [".md", ".markdown"] as const;

export const isArticleName = (name: string) => ARTICLE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/**
 * A file name as it may be printed on a terminal: control characters (escape codes, newlines, bidi overrides)
 * become `\x1b`-style escapes, so a hostile name can neither move the cursor nor forge a line of output.
 */
export function printable(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Relative to the working directory when inside it (editors jump to it), otherwise absolute; always printable. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return printable(rel === "" || rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel);
}

export type ArticleFile = { path: string; file: string; bytes: Uint8Array };

/** The bytes of every article file in a folder (name order), and a problem for each entry that cannot be one. */
export async function readArticleFiles(dir: string): Promise<{ files: ArticleFile[]; problems: Problem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isArticleName).sort();
  } catch {
    return { files: [], problems: [{ file: displayPath(dir), message: "folder not found" }] };
  }
  const root = await realpath(dir);
  const files: ArticleFile[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = displayPath(path);
    const problem = await notAFile(path, root);
    if (problem) problems.push({ file, message: problem });
    else files.push({ path, file, bytes: await readFile(path) });
  }
  if (files.length === 0 && problems.length === 0)
    problems.push({ file: displayPath(dir), message: "has no articles: add a Markdown file (*.md)" });
  return { files, problems };
}

/** Why a folder entry cannot be read as an article, or null when it is a regular file (or a link to one inside). */
async function notAFile(path: string, root: string): Promise<string | null> {
  const entry = await lstat(path);
  if (entry.isSymbolicLink()) {
    const target = await realpath(path).catch(() => null);
    if (target === null) return "is a symbolic link to nothing (a broken link); remove it or point it at an article";
    const inside = relative(root, target);
    if (inside.startsWith("..") || isAbsolute(inside))
      return "is a symbolic link to a file outside the article folder; copy the article in instead";
    return (await stat(target)).isFile() ? null : "is a symbolic link to something that is not a file";
  }
  if (entry.isDirectory()) return "is a folder, not an article file; rename it (articles are files ending in .md)";
  if (!entry.isFile()) return "is not a regular file (a pipe, socket or device); articles are plain text files";
  return null;
}
