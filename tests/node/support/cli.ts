// Runs the project's CLIs as npm does (`node kv-seed/scripts/publish.ts`, `node tools/consent/cli.ts`) and captures
// their output.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { buildBundle, type Site, startSite } from "../../../tools/site.ts";

export const ROOT = resolve(import.meta.dirname, "../../..");

/** The tests' own render cache, so they never touch the developer's (node_modules/.cache). */
export const TEST_RENDER_CACHE = join(tmpdir(), `edgewire-test-render-cache-${process.pid}.json`);

export type CliResult = { code: number; stdout: string; stderr: string };

/** Spawns a script with the given arguments from the repository root; never throws on a non-zero exit. */
function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 300_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The publish CLI (`npm run publish -- …`), with the tests' own render cache. */
export const runPublish = (args: string[], env: Record<string, string> = {}) =>
  runScript("kv-seed/scripts/publish.ts", ["--render-cache", TEST_RENDER_CACHE, ...args], env);

/** The consent CLI (`npm run consent -- …`). */
export const runConsent = (args: string[]) => runScript("tools/consent/cli.ts", args);

/** The CLI's last stdout line: the summary. */
export const summaryOf = (r: CliResult) => r.stdout.trim().split("\n").at(-1) ?? "";

/**
 * For a test file that publishes into temporary folders and serves the result: one bundle built before the file's
 * tests, and every site, folder and the render cache removed after them.
 */
export function useCliWorkspace() {
  let bundleDir = "";
  const temps: string[] = [];
  const sites: Site[] = [];
  beforeAll(() => {
    bundleDir = buildBundle();
  }, 120_000);
  afterAll(async () => {
    for (const site of sites) await site.dispose();
    for (const dir of [...temps, bundleDir, TEST_RENDER_CACHE]) await rm(dir, { recursive: true, force: true });
  });
  return {
    /** A new empty folder under the system's temporary folder, removed after the file's tests. */
    async tempDir(prefix: string): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), `edgewire-${prefix}-`));
      temps.push(dir);
      return dir;
    },
    /** The bundled Worker serving the KV state a publish wrote into `kv` (with extra `[vars]`). */
    async serve(kv: string, vars: Record<string, string> = {}): Promise<Site> {
      const site = await startSite({ bundleDir, persistTo: kv, vars });
      sites.push(site);
      return site;
    },
  };
}
