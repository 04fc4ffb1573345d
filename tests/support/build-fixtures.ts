// Vitest global setup: runs the publisher's pipeline in Node over the sample and fixture article folders and hands
// the resulting publish plans to the workerd tests, which apply them to their KV binding with the publisher's applyPlan.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { EMPTY_MANIFEST, planPublish } from "../../kv-seed/lib/plan.ts";
import { prepare, readArticleFolder } from "../../kv-seed/lib/publish.ts";
import type { Plan } from "../../kv-seed/lib/types.ts";
import type { FixtureName } from "./provided.ts";
import { writeRecentArticles } from "./recent-articles.ts";

const FIXTURE_FOLDERS: Record<Exclude<FixtureName, "recent">, string> = {
  seed: "kv-seed/articles",
  hostile: "tests/fixtures/hostile",
  reader: "tests/fixtures/reader",
};

async function planFor(dir: string): Promise<Plan> {
  const read = await readArticleFolder(dir);
  const { build, problems } = prepare(read.results);
  const all = [...read.problems, ...problems];
  if (all.length > 0) throw new Error(`${dir}: ${all.map((p) => `${p.file}: ${p.field ?? ""} ${p.message}`).join("; ")}`);
  return planPublish(build.entries, EMPTY_MANIFEST, { prune: false, now: new Date() });
}

export default async function setup(project: TestProject) {
  const recentDir = writeRecentArticles();
  try {
    const plans: Record<FixtureName, Plan> = {
      seed: await planFor(FIXTURE_FOLDERS.seed),
      hostile: await planFor(FIXTURE_FOLDERS.hostile),
      reader: await planFor(FIXTURE_FOLDERS.reader),
      recent: await planFor(recentDir),
    };
    project.provide("plans", plans);
  } finally {
    rmSync(recentDir, { recursive: true, force: true });
  }
}
