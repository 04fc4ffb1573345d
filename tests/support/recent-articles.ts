// Writes the "recent" fixture folder: articles dated relative to now, for pagination and the 48-hour news sitemap.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECENT_COUNT, RECENT_STEP_HOURS, recentSlug } from "./recent-fixture.ts";

/** Writes RECENT_COUNT articles in section "Paging" tagged "Bulk", plus one scheduled a day ahead; returns the folder. */
export function writeRecentArticles(now = Date.now()): string {
  const dir = mkdtempSync(join(tmpdir(), "edgewire-recent-"));
  const write = (slug: string, at: number, headline: string) =>
    writeFileSync(
      join(dir, `${slug}.md`),
      `---\nheadline: "${headline}"\nslug: ${slug}\npublished: ${new Date(at).toISOString()}\nsection: Paging\ntags: [Bulk]\nsummary: Generated for pagination tests.\n---\n\nText.\n`,
    );
  for (let i = 1; i <= RECENT_COUNT; i++) write(recentSlug(i), now - i * RECENT_STEP_HOURS * 3_600_000, `Recent article ${i}`);
  write("recent-scheduled", now + 24 * 3_600_000, "Scheduled for tomorrow");
  return dir;
}
