// Vitest global setup: runs the publisher's pipeline in Node over the sample and fixture article folders and hands
// the resulting publish plans to the workerd tests, which apply them to their KV binding with the publisher's applyPlan.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import type { Plan } from "../../kv-seed/lib/types.ts";
import { EMPTY_STORE, publishInto } from "../../tools/publish.ts";
import type { FixtureName } from "./provided.ts";
import { writeRecentArticles } from "./recent-articles.ts";

const FIXTURE_FOLDERS: Record<Exclude<FixtureName, "recent">, string> = {
  seed: "kv-seed/articles",
  hostile: "tests/fixtures/hostile",
  reader: "tests/fixtures/reader",
  images: "tests/fixtures/images",
  lonely: "tests/fixtures/lonely",
};

/** The plan a first `npm run publish` of `dir` would apply: the publisher's own run, as a dry run into an empty KV. */
const planFor = (dir: string): Promise<Plan> => publishInto(EMPTY_STORE, dir, { dryRun: true });

export default async function setup(project: TestProject) {
  const recentDir = writeRecentArticles();
  try {
    const plans: Record<FixtureName, Plan> = {
      seed: await planFor(FIXTURE_FOLDERS.seed),
      hostile: await planFor(FIXTURE_FOLDERS.hostile),
      reader: await planFor(FIXTURE_FOLDERS.reader),
      images: await planFor(FIXTURE_FOLDERS.images),
      lonely: await planFor(FIXTURE_FOLDERS.lonely),
      recent: await planFor(recentDir),
    };
    project.provide("plans", plans);
  } finally {
    rmSync(recentDir, { recursive: true, force: true });
  }
}
