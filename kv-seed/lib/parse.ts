// Reads one article file: UTF-8 check, front matter split, YAML parse and schema validation, with lines.
import matter from "gray-matter";
import * as v from "valibot";
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { type FrontMatter, FrontMatterSchema } from "./front-matter.ts";
import { KV_LIMITS } from "./kv-limits.ts";
import { unknownFields, yamlHint } from "./suggest.ts";

/** One thing wrong with one file: the publisher sees `file:line: field: message`. */
export type Problem = { file: string; field?: string; line?: number; message: string };

export type SourceArticle = {
  file: string;
  frontMatter: FrontMatter;
  markdown: string;
  bodyLine: number;
  /**
   * The line of each top-level front matter field, and of `image.src`, for problems found after parsing (an unknown
   * section, an image file that cannot be read).
   */
  lines?: Record<string, number>;
  /** The file's name inside the article folder: what keeps its URL stable across headline changes. */
  name?: string;
};

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
    return fail({ line: firstInvalidLine(bytes), message: "is not valid UTF-8 text; save it as UTF-8" });
  }
  // A byte order mark and Windows (CRLF) or old Mac (CR) line endings read exactly like a plain UTF-8 file.
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!/^---\r?\n/.test(text))
    return fail({ line: 1, field: "front matter", message: "missing: start the file with a line of three dashes (---)" });
  if (!/\r?\n---[ \t]*(?:\r?\n|$)/.test(text.slice(3)))
    return fail({ line: 1, field: "front matter", message: "is not closed: end it with a line of three dashes (---)" });

  // gray-matter only splits the file; the yaml package parses, so errors and fields carry line numbers.
  // Its front matter text starts right after the opening dashes, i.e. on line 1 of the file.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const yaml = validateYaml(file, split.matter, FrontMatterSchema, "front matter", 2);
  if (yaml.fatal) return { ok: false, problems: yaml.problems };
  const { problems, result } = yaml;
  const bodyLine = text.slice(0, text.length - split.content.length).split("\n").length;
  if (split.content.trim() === "")
    problems.push({ file, field: "body", line: bodyLine, message: "is empty: write the article below the front matter" });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (!result.success || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    article: { file, frontMatter: result.output, markdown: split.content, bodyLine, lines: yaml.lines },
  };
}

type YamlCheck<T> =
  | { fatal: true; problems: Problem[] }
  | { fatal: false; problems: Problem[]; result: v.SafeParseResult<v.GenericSchema<unknown, T>>; lines: Record<string, number> };

/**
 * Parses YAML and validates it against a schema, with every problem at its line: YAML errors with a hint, every
 * unknown field with a suggestion, then the schema's issues. `what` names the document in problems ("front matter");
 * `mapLine` is the line reported when the document is not key: value pairs. Used for front matter and site.yaml.
 */
export function validateYaml<T>(
  file: string,
  source: string,
  schema: v.GenericSchema<unknown, T>,
  what: string,
  mapLine: number,
): YamlCheck<T> {
  const fatal = (problem: Omit<Problem, "file">): YamlCheck<T> => ({ fatal: true, problems: [{ file, ...problem }] });
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      fatal: true,
      problems: doc.errors.map((e) => ({
        file,
        field: what,
        line: lineOf(e.pos[0]),
        message: `is not valid YAML: ${firstLine(e.message)}${yamlHint(e.code)}`,
      })),
    };
  }
  if (!isMap(doc.contents)) return fatal({ line: mapLine, field: what, message: "must be YAML key: value pairs" });
  let data: unknown;
  try {
    // The yaml package refuses a document whose aliases would expand without bound (a "billion laughs" file).
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    const message = `cannot be read: ${firstLine((err as Error).message)}; write the values out instead of using YAML aliases (*name)`;
    return fatal({ line: 1, field: what, message });
  }
  const at = (path: (string | number)[]) => ({ field: fieldName(path, what), ...lineField(doc, path, lineOf) });
  const problems: Problem[] = unknownFields(schema, data).map(({ path, message }) => ({ file, ...at(path), message }));
  const result = v.safeParse(schema, data);
  if (!result.success) {
    const seen = new Set<string>(problems.map(formatProblem));
    for (const issue of leafIssues(result.issues)) {
      // Unknown fields were all found above, each with a suggestion; valibot stops at the first per object.
      if (issue.type === "strict_object" && issue.expected === "never") continue;
      const problem: Problem = {
        file,
        ...at((issue.path ?? []).map((p) => p.key as string | number)),
        message: describeIssue(issue),
      };
      const id = formatProblem(problem);
      if (!seen.has(id)) problems.push(problem);
      seen.add(id);
    }
  }
  const lines: Record<string, number> = {};
  for (const item of doc.contents.items) {
    const range = (item.key as { range?: [number, number, number] } | null)?.range;
    if (isScalar(item.key) && range) lines[String(item.key.value)] = lineOf(range[0]);
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  // The image's file is read after parsing (images.ts), so its problems need the line of `image.src` too.
  const image = (data as { image?: { src?: unknown } } | null)?.image;
  if (image && typeof image === "object" && "src" in image) lines["image.src"] = lineField(doc, ["image", "src"], lineOf).line;
  return { fatal: false, problems, result, lines };
}

type Issue = v.BaseIssue<unknown>;

/**
 * A union (e.g. `authors`: a name or a list of names) reports one summary issue with each option's issues inside.
 * When the input had the shape of one option (a list, an object), that option's deeper issues say precisely what
 * is wrong (`authors[1]: must be text`); otherwise the union's own message is the clearest.
 */
function leafIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.type !== "union" || !issue.issues) return [issue];
    // Inside a union, valibot's sub-issue paths are relative to the union's value.
    const deeper = issue.issues
      .filter((sub) => (sub.path?.length ?? 0) > 0)
      .map((sub) => ({ ...sub, path: [...(issue.path ?? []), ...(sub.path ?? [])] }) as Issue);
    return deeper.length > 0 ? leafIssues(deeper) : [issue];
  });
}

/** `image.src`, `tags[1]`: how the publisher would point at the value. */
function fieldName(path: (string | number)[], what: string): string {
  if (path.length === 0) return what;
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** The line of the key (or list item) the issue is about; for a missing key, the line of its parent. */
function lineField(doc: Document, path: (string | number)[], lineOf: (offset: number) => number): { line: number } {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return { line: lineOf(range[0]) };
    } else if (isSeq(parent) && typeof key === "number") {
      const range = (parent.items[key] as { range?: [number, number, number] } | undefined)?.range;
      if (range) return { line: lineOf(range[0]) };
    }
  }
  // A missing top-level field: point at the front matter's opening line.
  return { line: 1 };
}

const EXPECTED: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  number: "a number",
  Array: "a list",
  Object: "key: value pairs",
};

function describeIssue(issue: Issue): string {
  if (issue.received === "undefined") return "is required";
  if (issue.kind === "schema" && issue.message.startsWith("Invalid type")) {
    return `must be ${EXPECTED[issue.expected ?? ""] ?? issue.expected} (got ${issue.received})`;
  }
  if (issue.type === "union") return issue.message;
  return `${issue.message} (got ${issue.received})`;
}

/** The 1-based line holding the first byte that is not valid UTF-8. */
function firstInvalidLine(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the longest valid prefix, backing off to a line start so we never split a character.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      UTF8.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  let line = 1;
  for (let i = 0; i < lo; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const firstLine = (s: string) => s.split("\n")[0] ?? s;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
