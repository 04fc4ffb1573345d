// Writes a generated article folder for scale tests: N valid Markdown files with realistic front matter and bodies.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const SECTIONS = ["World", "Business", "Science", "Technology", "Culture", "Sport", "Health", "Opinion"];
const TAGS = [
  "Energy",
  "Transport",
  "Climate",
  "Markets",
  "Work",
  "Web",
  "Privacy",
  "Elections",
  "Health",
  "Space",
  "Football",
  "Film",
  "Books",
  "Trade",
  "Oceans",
  "Cities",
  "Schools",
  "Housing",
  "Food",
  "Music",
];
const PARAGRAPH =
  "Harbourton's council met on Tuesday to discuss the harbour works, the new ferry timetable and the library's night hours. " +
  "Residents asked about **costs**, about _noise_ at night and about [the plan](https://example.com/plan).";

export type Revision = { body?: number; headline?: number };

/** The file name and content of generated article number i (0-based); a revision changes its body or headline. */
export function generatedArticle(i: number, revision: Revision = {}): { name: string; text: string } {
  const id = String(i).padStart(5, "0");
  const published = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
  const tags = [TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]];
  const body = [
    `Generated article ${id}${revision.body ? ` (revision ${revision.body})` : ""}.`,
    ...Array.from({ length: 6 }, () => PARAGRAPH),
    "- one\n- two\n- three",
  ].join("\n\n");
  const slug = `generated-report-${id}`;
  const text = `---
slug: ${slug}
headline: "Generated report number ${id} from Harbourton${revision.headline ? `, revised (${revision.headline})` : ""}"
published: ${published}
section: ${SECTIONS[i % SECTIONS.length]}
tags: [${tags.join(", ")}]
summary: "Generated summary for article ${id}: what happened, where and why it matters."
authors: [Bench Desk]
---

${body}
`;
  return { name: `gen-${id}.md`, text };
}

/** Writes `count` generated articles into `dir`. */
export async function generateArticles(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { name, text } = generatedArticle(i);
    await writeFile(join(dir, name), text);
  }
}
