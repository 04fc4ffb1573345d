// Local secrets for `npm start` and local previews: `.dev.vars` (gitignored) gets a random PREVIEW_SECRET when it has
// none, so a fresh clone needs no manual step. wrangler dev reads the same file.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";

export const DEV_VARS = ".dev.vars";

/** The PREVIEW_SECRET in `.dev.vars`, written there first (randomly) when missing. */
export async function ensureDevPreviewSecret(path = DEV_VARS): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  const found = /^PREVIEW_SECRET\s*=\s*"?([^"\n]+)"?\s*$/m.exec(text)?.[1];
  if (found) return found;
  const secret = randomBytes(32).toString("hex");
  const prefix = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  await writeFile(
    path,
    `${prefix}# Development only: signs local preview links (npm run publish -- --preview <file>).\nPREVIEW_SECRET="${secret}"\n`,
  );
  return secret;
}
