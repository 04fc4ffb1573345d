// parseCli: the publisher's options, a bad command line as a message, and npm's swallowed flags.
import { describe, expect, it } from "vitest";
import { DEFAULT_ARTICLE_DIR, parseCli } from "../../kv-seed/lib/cli-args.ts";

describe("parseCli", () => {
  it("reads the defaults", () => {
    const r = parseCli([], {});
    expect(r.ok && [r.options.dir, r.options.dryRun, r.options.verbose, r.options.expiresDays]).toEqual([
      DEFAULT_ARTICLE_DIR,
      false,
      false,
      7,
    ]);
  });

  it("turns an unknown option into a message instead of a throw", () => {
    expect(parseCli(["--dryrun"], {})).toEqual({ ok: false, message: "Unknown option '--dryrun'" });
  });

  it("refuses a stray word", () => {
    expect(parseCli(["publish"], {}).ok).toBe(false);
  });

  it("honours `npm run publish --dry-run`, which npm hands over only as npm_config_dry_run", () => {
    const r = parseCli([], { npm_config_dry_run: "true" });
    expect(r.ok && r.options.dryRun).toBe(true);
    expect(r.ok && r.options.notes).toEqual([
      "publish: --dry-run came through npm (npm_config_dry_run); nothing will be written.",
    ]);
  });

  it("refuses other publisher flags that npm kept for itself, saying where -- goes", () => {
    expect(parseCli([], { npm_config_prune: "true" })).toEqual({
      ok: false,
      message: "npm kept --prune for itself: put -- before publisher options (npm run publish -- --prune …)",
    });
  });

  it("checks the preview's lifetime", () => {
    expect(parseCli(["--preview", "a.md", "--expires", "90"], {})).toEqual({
      ok: false,
      message: '--expires: must be a whole number of days from 1 to 30 (got "90")',
    });
    expect(parseCli(["--expires", "3"], {})).toEqual({ ok: false, message: "--expires applies to --preview only" });
  });
});
