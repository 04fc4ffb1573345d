// The development PREVIEW_SECRET for `npm start` and local previews: random, made on first use, kept in .wrangler/
// (gitignored), handed to wrangler dev with --var. Not .dev.vars: wrangler types would then see a binding CI lacks.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export const DEV_SECRET_FILE = ".wrangler/edgewire-dev-preview-secret";

/** The local preview secret, created (randomly) when missing. */
export async function ensureDevPreviewSecret(path = DEV_SECRET_FILE): Promise<string> {
  const found = (await readFile(path, "utf8").catch(() => "")).trim();
  if (/^[0-9a-f]{64}$/.test(found)) return found;
  const secret = randomBytes(32).toString("hex");
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
