// Reads one article file: UTF-8 check, front matter split, YAML parse and schema validation, with lines.
import matter from "gray-matter";
import * as v from "valibot";
import { isMap, LineCounter, parseDocument } from "yaml";
import { KV_LIMITS } from "../../src/data/keys.ts";
import { type FrontMatter, FrontMatterSchema } from "../../src/data/schema.ts";

/** One thing wrong with one file: the publisher sees `file:line: field: message`. */
export type Problem = { file: string; field?: string; line?: number; message: string };

export type SourceArticle = { file: string; frontMatter: FrontMatter; markdown: string; bodyLine: number };

export type ParseResult = { ok: true; article: SourceArticle } | { ok: false; problems: Problem[] };

/** Formats a problem the way compilers do, so editors can jump to it. */
export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Parses and validates one article file. Never throws: every problem found is returned. */
export function parseArticleFile(file: string, bytes: Uint8Array): ParseResult {
  const fail = (problem: Omit<Problem, "file">): ParseResult => ({ ok: false, problems: [{ file, ...problem }] });
  if (bytes.byteLength > KV_LIMITS.valueBytes) {
    return fail({ field: "body", message: `file is ${mib(bytes.byteLength)} MiB; a KV value holds at most 25 MiB` });
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail({ message: "is not valid UTF-8 text; save it as UTF-8" });
  }
  text = text.replace(/^\uFEFF/, "");
  if (!/^---\r?\n/.test(text))
    return fail({ line: 1, field: "front matter", message: "missing: start the file with a line of three dashes (---)" });

  // gray-matter only splits the file; the yaml package parses, so errors and fields carry line numbers.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.matter, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The front matter starts on line 2 of the file, after the opening ---.
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        field: "front matter",
        line: lineOf(e.pos[0]),
        message: `is not valid YAML: ${firstLine(e.message)}`,
      })),
    };
  }
  if (!isMap(doc.contents)) return fail({ line: 2, field: "front matter", message: "must be YAML key: value pairs" });

  const problems: Problem[] = [];
  const result = v.safeParse(FrontMatterSchema, doc.toJS());
  if (!result.success) {
    for (const issue of result.issues) {
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const keyName =
        path.length === 0 && issue.kind === "schema" && issue.type === "strict_object" ? String(issue.input) : undefined;
      problems.push({
        file,
        field: keyName ?? (path.length ? path.join(".") : "front matter"),
        ...(node?.range ? { line: lineOf(node.range[0]) } : {}),
        message: describeIssue(issue, keyName),
      });
    }
  }
  const bodyLine = text.slice(0, text.length - split.content.length).split("\n").length;
  if (split.content.trim() === "")
    problems.push({ file, field: "body", line: bodyLine, message: "is empty: write the article below the front matter" });
  if (!result.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, article: { file, frontMatter: result.output, markdown: split.content, bodyLine } };
}

function describeIssue(issue: v.BaseIssue<unknown>, unknownKey?: string): string {
  if (unknownKey) return "is not a known field (see the README for the list)";
  if (issue.received === "undefined") return "is required";
  return issue.message;
}

const firstLine = (s: string) => s.split("\n")[0] ?? s;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
