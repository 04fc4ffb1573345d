// The module map of docs/architecture.md, enforced: which src/ module may import which, which packages each may use,
// and that the publisher, tools and bench never reach into tests/. Imports are read with TypeScript's own parser.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** A src/ module: a folder under src/, or a single file at its top (src/app.ts is "app"). */
type Module =
  | "index"
  | "app"
  | "env"
  | "context"
  | "log"
  | "config"
  | "data"
  | "render"
  | "routes"
  | "consent"
  | "receipts"
  | "analytics"
  | "cache"
  | "security"
  | "search"
  | "static"
  | "readership"
  | "i18n";

/** Who may import whom (besides itself). Keep in step with the diagram in docs/architecture.md. */
const MAY_IMPORT: Record<Module, readonly Module[]> = {
  index: ["app", "config", "readership", "receipts", "env"],
  app: ["config", "routes", "consent", "analytics", "cache", "security", "data", "log", "context", "env"],
  routes: [
    "consent",
    "receipts",
    "analytics",
    "render",
    "data",
    "cache",
    "search",
    "static",
    "config",
    "i18n",
    "log",
    "context",
    "env",
    "readership",
  ],
  security: ["analytics", "config", "context", "env"],
  analytics: ["consent", "config", "log", "context", "env", "security"],
  cache: ["consent", "data", "i18n", "log", "context", "env", "security"],
  consent: ["config", "i18n", "env"],
  receipts: ["config", "log"],
  render: ["data", "consent", "search", "static", "security", "i18n"],
  search: ["data"],
  data: ["log"],
  readership: ["data", "log"],
  // The consent section reads the purpose, jurisdiction and language lists it validates against (pure modules).
  config: ["consent", "i18n"],
  log: [],
  static: [],
  i18n: [],
  env: ["config", "consent", "i18n"],
  context: ["env"],
};

/**
 * Files a module may not import even though their module is allowed: render never reads KV; below security, only its
 * nonce (the placeholder views write, the stamping the page store and the analytics gate call) is reachable.
 */
const NEVER: Partial<Record<Module, readonly string[]>> = {
  render: ["src/data/store.ts", "src/data/search-store.ts", "src/search/engine.ts", "src/security/headers.ts"],
  cache: ["src/security/headers.ts"],
  analytics: ["src/security/headers.ts"],
};

/** Packages each module may import. Render may use Hono's markup helpers, never its app, context or middleware. */
const HONO = /^hono(\/.*)?$/;
const PACKAGES: Record<Module, readonly (string | RegExp)[]> = {
  index: ["cloudflare:workers"],
  app: ["hono"],
  routes: [HONO, "valibot"],
  security: ["hono", "hono/secure-headers"],
  analytics: ["hono", "hono/html"],
  cache: ["hono"],
  consent: ["hono", "hono/utils/cookie", "hono/utils/buffer", "hono/utils/encode", "valibot"],
  receipts: ["valibot"],
  render: ["hono/html", /^hono\/jsx(\/.*)?$/],
  search: [],
  data: ["valibot"],
  readership: ["valibot"],
  config: ["valibot"],
  log: [],
  static: [],
  env: [],
  context: ["hono"],
  i18n: ["hono", "hono/language"],
};

/** Edges that break the map today and have an owner. Each is one file importing one file, so nothing else can slip. */
const PENDING: readonly string[] = [];

const SOURCE = /\.(ts|tsx)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.parentPath.includes("node_modules"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every module specifier a file imports or re-exports, static or dynamic, as TypeScript reads them. */
function importsOf(source: string, file: string): string[] {
  const jsx = file.endsWith(".tsx");
  return ts.preProcessFile(source, true, jsx).importedFiles.map((ref) => ref.fileName);
}

function moduleOf(file: string): Module | null {
  const parts = file.split("/");
  if (parts[0] !== "src") return null;
  const name = parts.length === 2 ? (parts[1] as string).replace(SOURCE, "") : (parts[1] as string);
  return name in MAY_IMPORT ? (name as Module) : null;
}

/** The rule a file's imports break, one line per broken import; empty when it keeps to the map. */
function violations(file: string, source: string): string[] {
  const from = moduleOf(file);
  if (from === null) return [`${file}: not in any module of the map (add it to MAY_IMPORT and docs/architecture.md)`];
  const problems: string[] = [];
  for (const spec of importsOf(source, file)) {
    if (spec.startsWith(".")) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
      const to = moduleOf(target);
      if (PENDING.includes(`${file} -> ${target}`)) continue;
      if (to === null) problems.push(`${file}: imports ${target}, outside src/`);
      else if (to !== from && !MAY_IMPORT[from].includes(to)) problems.push(`${file}: ${from} may not import ${to} (${spec})`);
      else if (NEVER[from]?.includes(target)) problems.push(`${file}: ${from} may not import ${target}`);
    } else if (!PACKAGES[from].some((allowed) => (typeof allowed === "string" ? allowed === spec : allowed.test(spec)))) {
      problems.push(`${file}: ${from} may not import the package ${spec}`);
    }
  }
  return problems;
}

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("module edges", () => {
  it("keeps every import in src/ to the module map", () => {
    const files = filesUnder("src");
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((file) => violations(file, read(file)))).toEqual([]);
  });

  it("lets the publisher use only the article format from src/ (src/data)", () => {
    const problems = filesUnder("kv-seed").flatMap((file) =>
      importsOf(read(file), file)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)))
        .filter((target) => target.startsWith("src/") && !target.startsWith("src/data/"))
        .map((target) => `${file}: imports ${target}`),
    );
    expect(problems).toEqual([]);
  });

  it("never imports tests/ from the Worker, the publisher, tools or the bench", () => {
    const files = ["src", "kv-seed", "tools", "bench"].flatMap(filesUnder);
    const problems = files.flatMap((file) =>
      importsOf(read(file), file)
        .filter((spec) => spec.startsWith(".") && relative(ROOT, resolve(ROOT, dirname(file), spec)).startsWith("tests/"))
        .map((spec) => `${file}: imports ${spec}`),
    );
    expect(problems).toEqual([]);
  });

  it("keeps each pending exception an edge that still exists, so a fixed one is struck off", () => {
    for (const edge of PENDING) {
      const [file, target] = edge.split(" -> ") as [string, string];
      const targets = importsOf(read(file), file).map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)));
      expect(targets, edge).toContain(target);
    }
  });
});

describe("the import checker", () => {
  it("reads static, type-only, re-exported and dynamic imports", () => {
    const source = `import a from "./a.ts";\nimport type { B } from "./b.ts";\nexport { c } from "./c.ts";\nconst d = import("./d.ts");`;
    expect(importsOf(source, "src/x.ts")).toEqual(["./a.ts", "./b.ts", "./c.ts", "./d.ts"]);
  });

  it("flags Hono's app in render/, any Hono in data/, and an edge against the map", () => {
    expect(violations("src/render/x.tsx", 'import type { Context } from "hono";')).toEqual([
      "src/render/x.tsx: render may not import the package hono",
    ]);
    expect(violations("src/data/x.ts", 'import { html } from "hono/html";')).toEqual([
      "src/data/x.ts: data may not import the package hono/html",
    ]);
    expect(violations("src/consent/x.ts", 'import { analyticsTag } from "../analytics/tag.ts";')).toEqual([
      "src/consent/x.ts: consent may not import analytics (../analytics/tag.ts)",
    ]);
    expect(violations("src/data/x.ts", 'import { renderPage } from "../routes/respond.tsx";')).toEqual([
      "src/data/x.ts: data may not import routes (../routes/respond.tsx)",
    ]);
  });

  it("flags KV reads in render/", () => {
    expect(violations("src/render/x.tsx", 'import { getSitemap } from "../data/store.ts";')).toEqual([
      "src/render/x.tsx: render may not import src/data/store.ts",
    ]);
  });

  it("flags a file that belongs to no module", () => {
    expect(violations("src/misc/x.ts", "")).toEqual([
      "src/misc/x.ts: not in any module of the map (add it to MAY_IMPORT and docs/architecture.md)",
    ]);
  });
});
