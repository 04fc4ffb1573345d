// Bench content: the sample articles plus generated ones, written as Markdown for the publisher's pipeline.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SECTIONS = ["World", "Business", "Science", "Culture", "Sport"];
const TAGS = ["Harbourton", "Energy", "Transport", "Climate", "Work", "Libraries", "Markets", "Privacy"];
const PARAGRAPH =
  "The council said on Tuesday that the scheme would run for a year before any decision on its future, and that " +
  "residents would be asked for their views at three public meetings. Officials expect the first figures in spring.";

/** Writes `total` articles (the samples first, with their media) into a fresh folder and returns it with the generated slugs. */
export function benchArticles(samplesDir: string, total: number): { dir: string; slugs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "edgewire-bench-articles-"));
  const samples = readdirSync(samplesDir).filter((n) => n.endsWith(".md"));
  for (const name of samples) copyFileSync(join(samplesDir, name), join(dir, name));
  // The samples' images (`image.src: media/…`) resolve against the articles folder, so they come along.
  if (existsSync(join(samplesDir, "media"))) cpSync(join(samplesDir, "media"), join(dir, "media"), { recursive: true });
  const slugs: string[] = [];
  for (let i = 0; i < total - samples.length; i++) {
    const slug = `bench-report-${String(i).padStart(4, "0")}`;
    slugs.push(slug);
    const day = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000 * 7).toISOString().replace(".000Z", "+00:00");
    const body = Array.from({ length: 18 }, (_, p) => `${PARAGRAPH} (Report ${i}, paragraph ${p + 1}.)`).join("\n\n");
    const markdown = `---
headline: Bench report number ${i} on the harbour works
slug: ${slug}
published: ${day}
authors: Edgewire Bench Desk
section: ${SECTIONS[i % SECTIONS.length]}
tags: [${TAGS[i % TAGS.length]}, ${TAGS[(i + 3) % TAGS.length]}]
summary: Generated for the benchmark, article ${i} of the load set.
---

${body}
`;
    writeFileSync(join(dir, `bench-${slug}.md`), markdown);
  }
  return { dir, slugs };
}
