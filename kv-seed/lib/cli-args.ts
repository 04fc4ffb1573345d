// The publisher's command line: options, usage, and npm's swallowed flags (`npm run publish --dry-run`). Pure.
import { parseArgs } from "node:util";

/** Rendered bodies by Markdown hash, keyed by the renderer's code and package versions. */
export const RENDER_CACHE = "node_modules/.cache/edgewire/rendered-markdown.json";
/** Encoded image variants by content hash: an unchanged image is never encoded twice. */
export const IMAGE_CACHE = "node_modules/.cache/edgewire/media";

/** Where a newsroom keeps its articles, unless --dir says otherwise. */
export const DEFAULT_ARTICLE_DIR = "kv-seed/articles";

export const USAGE = `Usage: npm run publish -- [options]

  --dir <path>         folder of articles (default: ${DEFAULT_ARTICLE_DIR})
  --site <file>        the site registry (default: site.yaml beside the folder, e.g. kv-seed/site.yaml)
  --dry-run            show what would change; write nothing
  --prune              allow taking down published articles whose file is gone or became a draft (they answer 410)
  --preview <file>     store one article (draft or scheduled) for review and print a link to it
  --expires <days>     how long a preview link works (default: 7, at most 30)
  --remote --env <e>   publish to Cloudflare, environment staging or production (default: local KV of npm start)
  --persist-to <dir>   local KV state folder (default: wrangler's .wrangler/state)
  --render-cache <f>   rendered bodies reused across runs (default: ${RENDER_CACHE})
  --image-cache <dir>  encoded image variants reused across runs (default: ${IMAGE_CACHE})
  --no-cache           render every body and encode every image again, and keep no cache
  --verbose            also list every KV key written
  --quiet              print only problems, warnings, the summary (and progress when a run is long)
  --help               this text

npm passes options to the script only after --: npm run publish -- --prune`;

export type CliOptions = {
  dir: string;
  site?: string;
  dryRun: boolean;
  prune: boolean;
  preview?: string;
  expiresDays: number;
  remote: boolean;
  env?: string;
  persistTo?: string;
  renderCache: string;
  imageCache: string;
  noCache: boolean;
  verbose: boolean;
  quiet: boolean;
  help: boolean;
  /** Where a local site is served (the dev loop passes its own port). */
  baseUrl: string;
  /** Lines to print before anything else (e.g. that npm's --dry-run was honoured). */
  notes: string[];
};

export type CliParse = { ok: true; options: CliOptions } | { ok: false; message: string };

/** npm flags a publisher may type without `--`; npm keeps them as `npm_config_<name>` and runs the script without them. */
const SWALLOWED = ["prune", "remote", "preview", "verbose", "dir", "site", "persist_to", "no_cache", "expires"] as const;

/** Parses argv (without node and the script) and npm's environment. A bad command line is a message, never a throw. */
export function parseCli(argv: string[], env: Record<string, string | undefined>): CliParse {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const notes: string[] = [];
  // `npm run publish --dry-run` runs the script without the flag; only npm_config_dry_run says it was asked for.
  const npmDryRun = env.npm_config_dry_run === "true";
  if (npmDryRun && !values["dry-run"])
    notes.push("publish: --dry-run came through npm (npm_config_dry_run); nothing will be written.");
  const swallowed = SWALLOWED.filter((name) => env[`npm_config_${name}`] !== undefined && env[`npm_config_${name}`] !== "");
  if (swallowed.length > 0) {
    const flags = swallowed.map((n) => `--${n.replace(/_/g, "-")}`).join(" ");
    return {
      ok: false,
      message: `npm kept ${flags} for itself: put -- before publisher options (npm run publish -- ${flags} …)`,
    };
  }
  const expiresDays = Number(values.expires ?? "7");
  if (!Number.isInteger(expiresDays) || expiresDays < 1 || expiresDays > 30)
    return { ok: false, message: `--expires: must be a whole number of days from 1 to 30 (got "${values.expires}")` };
  if (values.expires !== undefined && values.preview === undefined)
    return { ok: false, message: "--expires applies to --preview only" };
  if (values.preview !== undefined && values.prune)
    return { ok: false, message: "--preview publishes one article; it cannot --prune" };
  return {
    ok: true,
    options: {
      dir: values.dir ?? DEFAULT_ARTICLE_DIR,
      ...(values.site !== undefined ? { site: values.site } : {}),
      dryRun: values["dry-run"] || npmDryRun,
      prune: values.prune,
      ...(values.preview !== undefined ? { preview: values.preview } : {}),
      expiresDays,
      remote: values.remote,
      ...(values.env !== undefined ? { env: values.env } : {}),
      ...(values["persist-to"] !== undefined ? { persistTo: values["persist-to"] } : {}),
      renderCache: values["render-cache"] ?? RENDER_CACHE,
      imageCache: values["image-cache"] ?? IMAGE_CACHE,
      noCache: values["no-cache"],
      verbose: values.verbose,
      quiet: values.quiet,
      help: values.help,
      baseUrl: values["base-url"] ?? "http://localhost:8787",
      notes,
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      dir: { type: "string" },
      site: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      prune: { type: "boolean", default: false },
      preview: { type: "string" },
      expires: { type: "string" },
      remote: { type: "boolean", default: false },
      env: { type: "string" },
      "persist-to": { type: "string" },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      "render-cache": { type: "string" },
      "image-cache": { type: "string" },
      "base-url": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}
