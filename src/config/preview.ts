// Preview links and live preview from `[vars]` and secrets: PREVIEW_SECRET (`wrangler secret put`, required on staging and
// production) signs preview links; LIVE_PREVIEW=on, set only by `npm start`, re-reads the content version on every request.
import * as v from "valibot";

/** The shortest secret accepted: 32 characters (e.g. `openssl rand -hex 32` gives 64). */
export const MIN_PREVIEW_SECRET_LENGTH = 32;

/** Why PREVIEW_SECRET cannot be used, or null. A local site (localhost) may run without one: previews are then off. */
export function previewSecretProblem(secret: string | undefined, siteUrl: string): string | null {
  const local = URL.canParse(siteUrl) && ["localhost", "127.0.0.1", "[::1]"].includes(new URL(siteUrl).hostname);
  if (secret === undefined || secret === "")
    return local
      ? null
      : "must be set on staging and production: run `npx wrangler secret put PREVIEW_SECRET --env <name>` (docs/deploying.md)";
  if (secret.length < MIN_PREVIEW_SECRET_LENGTH)
    return `must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`)`;
  return null;
}

export type PreviewConfig = {
  /** The key preview links are signed with; null on a local site without one (previews then answer 404). */
  secret: string | null;
  /** `npm start`'s live preview: the page cache checks the content version on every request. */
  live: boolean;
};

export const PreviewVarsSchema = v.pipe(
  v.object({
    PREVIEW_SECRET: v.optional(v.string()),
    LIVE_PREVIEW: v.optional(v.picklist(["on", "off"], 'must be "on" or "off"'), "off"),
    SITE_URL: v.optional(v.string(), ""),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = previewSecretProblem(dataset.value.PREVIEW_SECRET, dataset.value.SITE_URL);
    if (problem)
      addIssue({
        message: problem,
        path: [
          { type: "object", origin: "value", input: dataset.value, key: "PREVIEW_SECRET", value: dataset.value.PREVIEW_SECRET },
        ],
      });
  }),
  v.transform((vars): PreviewConfig => ({ secret: vars.PREVIEW_SECRET || null, live: vars.LIVE_PREVIEW === "on" })),
);
