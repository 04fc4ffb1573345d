// Chromium for browser tests and Lighthouse: the headless build shipped inside the npm package @sparticuz/chromium,
// unpacked once per version into node_modules/.cache (race-safe), or CHROMIUM_PATH when set.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { extract } from "tar-fs";

const require = createRequire(import.meta.url);
// The package exports no package.json: its main entry is build/cjs/index.cjs.
const PACKAGE_DIR = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..");
const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")).version;
const ROOT = join(import.meta.dirname, "..");
const CACHE_DIR = join(ROOT, "node_modules", ".cache", `edgewire-chromium-${VERSION}`);

/**
 * The usual headless flags and nothing else: the package's own list adds `--single-process` (kills the browser on
 * `context.close()`) and `--disable-web-security` (would hide the bugs the tests look for).
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Environment for the browser process: the packaged fonts only where the machine has no fontconfig of its own. */
export function chromiumEnv(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  if (!process.env.CHROMIUM_PATH && !existsSync("/etc/fonts/fonts.conf")) env.FONTCONFIG_PATH = join(CACHE_DIR, "fonts");
  return env;
}

/** Path of the Chromium binary: CHROMIUM_PATH, or the packaged build unpacked on first use. */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const binary = join(CACHE_DIR, "chromium");
  if (existsSync(binary)) return binary;
  // Unpack into a private folder, then rename it into place: parallel first runs never see a half-written binary
  // (ETXTBSY), and the loser of the race throws its copy away.
  const staging = `${CACHE_DIR}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(join(staging, "fonts"), { recursive: true });
  try {
    const bin = join(PACKAGE_DIR, "bin");
    await Promise.all([
      pipeline(
        createReadStream(join(bin, "chromium.br")),
        createBrotliDecompress(),
        createWriteStream(join(staging, "chromium"), { mode: 0o755 }),
      ),
      pipeline(createReadStream(join(bin, "swiftshader.tar.br")), createBrotliDecompress(), extract(staging)),
      pipeline(createReadStream(join(bin, "fonts.tar.br")), createBrotliDecompress(), extract(join(staging, "fonts"))),
    ]);
    try {
      renameSync(staging, CACHE_DIR);
    } catch (error) {
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}
